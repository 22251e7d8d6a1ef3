//! One document's quotations from the network's output.

use super::batch::Prepared;
use super::data::{bio_runs, Role, ROLES};
use super::decode::{choose_links, nested_quotes, outer_quotes, quotation, QuoteCandidate};
use super::network::Network;
use crate::document::Quotation;
use std::ops::Range;
use tch::{Kind, Tensor};

/// Decodes quotations from a document's subword states [subwords, hidden].
pub fn predict(net: &Network, hidden: Tensor, doc: &Prepared) -> Vec<Quotation> {
    tch::no_grad(|| {
        let out = net.tag(hidden, false);
        let (quote_tags, quote_probs) = argmax(&out.quote_tags);
        let (nested_tags, nested_probs) = argmax(&out.nested_tags);
        let mut candidates = outer_quotes(&quote_tags, &quote_probs);
        candidates.extend(nested_quotes(&nested_tags, &nested_probs));
        if candidates.is_empty() {
            return Vec::new();
        }
        let parts: Vec<Vec<Range<usize>>> = candidates.iter().map(|c| c.parts.clone()).collect();
        let mediums = Vec::<i64>::try_from(net.medium(&out.hidden, &parts).argmax(-1, false)).unwrap();
        let mentions: Vec<Vec<Range<usize>>> = out
            .role_tags
            .iter()
            .map(|logits| bio_runs(&argmax(logits).0, |t| t == 1, |t| t == 2))
            .collect();
        let links: Vec<Vec<Vec<f32>>> = (0..ROLES.len())
            .map(|r| link_probs(net, r, &out.hidden, &parts, &mentions[r]))
            .collect();
        candidates
            .iter()
            .enumerate()
            .map(|(i, c)| build(doc, c, i, &links, &mentions, mediums[i]))
            .collect()
    })
}

fn build(
    doc: &Prepared,
    candidate: &QuoteCandidate,
    i: usize,
    links: &[Vec<Vec<f32>>],
    mentions: &[Vec<Range<usize>>],
    medium: i64,
) -> Quotation {
    let mut speaker_confidence = 1.0;
    let linked: [Vec<Range<usize>>; 4] = std::array::from_fn(|r| {
        let Some(probs) = links[r].get(i) else { return Vec::new() };
        let chosen = choose_links(probs, ROLES[r] == Role::Speaker);
        if ROLES[r] == Role::Speaker {
            speaker_confidence = chosen.first().map_or(1.0 - max(probs), |&k| probs[k]);
        }
        chosen.into_iter().map(|k| mentions[r][k].clone()).collect()
    });
    quotation(&doc.sub, candidate, linked, medium, speaker_confidence)
}

fn max(values: &[f32]) -> f32 {
    values.iter().copied().fold(0.0, f32::max)
}

/// Link probabilities [quotes][mentions]; empty rows when the role has no mention.
fn link_probs(net: &Network, r: usize, hidden: &Tensor, parts: &[Vec<Range<usize>>], mentions: &[Range<usize>]) -> Vec<Vec<f32>> {
    if mentions.is_empty() {
        return vec![Vec::new(); parts.len()];
    }
    let probs = net.link(r, hidden, parts, mentions).sigmoid().to_kind(Kind::Float);
    Vec::<Vec<f32>>::try_from(probs).unwrap()
}

/// Argmax class and its probability per row of logits [rows, classes].
fn argmax(logits: &Tensor) -> (Vec<i64>, Vec<f32>) {
    let probs = logits.softmax(-1, Kind::Float);
    let (best, index) = probs.max_dim(-1, false);
    (Vec::<i64>::try_from(index).unwrap(), Vec::<f32>::try_from(best).unwrap())
}
