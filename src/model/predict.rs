//! One document's quotations from the network's output.

use super::batch::Prepared;
use super::data::{Role, ROLES};
use super::decode::{choose_links, nested_quotes, outer_quotes, quotation, segments, Probs, QuoteCandidate};
use super::network::Network;
use crate::document::Quotation;
use crate::error::StageError;
use std::ops::Range;
use tch::{Kind, Tensor};

/// Decodes quotations from a document's subword states [subwords, hidden]; refuses
/// non-finite tag scores (damaged head weights).
pub fn predict(net: &Network, hidden: Tensor, doc: &Prepared) -> Result<Vec<Quotation>, StageError> {
    tch::no_grad(|| {
        let out = net.tag(hidden, false);
        ensure_finite(&out.quote_tags, "quotation scores")?;
        ensure_finite(&out.nested_tags, "quotation scores")?;
        for logits in &out.role_tags {
            ensure_finite(logits, "role scores")?;
        }
        Ok(decode(net, &out, doc))
    })
}

fn decode(net: &Network, out: &super::network::DocOutput, doc: &Prepared) -> Vec<Quotation> {
    {
        let cfg = &net.heads.decoding;
        let mut candidates = outer_quotes(&probabilities(&out.quote_tags), cfg);
        candidates.extend(nested_quotes(&probabilities(&out.nested_tags), cfg));
        if candidates.is_empty() {
            return Vec::new();
        }
        let parts: Vec<Vec<Range<usize>>> = candidates.iter().map(|c| c.parts.clone()).collect();
        let mediums = Vec::<i64>::try_from(net.medium(&out.hidden, &parts).argmax(-1, false)).unwrap();
        let mentions: Vec<Vec<Range<usize>>> = out
            .role_tags
            .iter()
            .map(|logits| segments(&probabilities(logits), cfg.role_outside, cfg.wobble, |c| c == 1))
            .collect();
        let links: Vec<Vec<Vec<f32>>> = (0..ROLES.len())
            .map(|r| link_probs(net, r, &out.hidden, &parts, &mentions[r], doc))
            .collect();
        candidates
            .iter()
            .enumerate()
            .map(|(i, c)| build(doc, c, i, &links, &mentions, mediums[i]))
            .collect()
    }
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
        let chosen = choose_links(probs, &mentions[r], ROLES[r]);
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
fn link_probs(net: &Network, r: usize, hidden: &Tensor, parts: &[Vec<Range<usize>>], mentions: &[Range<usize>], doc: &Prepared) -> Vec<Vec<f32>> {
    if mentions.is_empty() {
        return vec![Vec::new(); parts.len()];
    }
    let prior = net.reads_evidence().then(|| doc.evidence.link_prior(r, parts, mentions));
    let probs = net.link(r, hidden, parts, mentions, prior.as_deref()).sigmoid().to_kind(Kind::Float);
    Vec::<Vec<f32>>::try_from(probs).unwrap()
}

/// Softmax of logits [rows, classes] as rows.
fn probabilities(logits: &Tensor) -> Probs {
    Vec::<Vec<f32>>::try_from(logits.softmax(-1, Kind::Float)).unwrap()
}
/// Refuses NaN and infinity, which damaged weights produce: such output is never decoded.
pub fn ensure_finite(t: &Tensor, what: &'static str) -> Result<(), StageError> {
    if t.numel() == 0 || bool::try_from(t.isfinite().all()).unwrap_or(false) {
        Ok(())
    } else {
        Err(StageError::NonFinite(what))
    }
}
