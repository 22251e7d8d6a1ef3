//! The training objective of one document: tag layers, medium and quote–role links, with
//! gold mentions as link candidates (teacher forcing).

use super::data::{Targets, ROLES};
use super::evidence::Evidence;
use super::network::Network;
use std::ops::Range;
use tch::{Kind, Reduction, Tensor};

/// Role tags are sparse (a speaker is 2–3 % of subwords); weighting B and I keeps the
/// tagger from settling on "outside" everywhere.
const ROLE_TAG_WEIGHTS: [f64; 3] = [1.0, 3.0, 3.0];

/// `evidence`: the rules' analysis the network read (None where it was dropped or the
/// network reads none), whose links are the link heads' copy prior.
pub fn document_loss(net: &Network, hidden: Tensor, t: &Targets, evidence: Option<&Evidence>) -> Tensor {
    let device = hidden.device();
    let tags = |v: &[i64]| Tensor::from_slice(v).to_device(device);
    let out = net.tag(hidden, true);
    let role_weights = Tensor::from_slice(&ROLE_TAG_WEIGHTS).to_kind(Kind::Float).to_device(device);
    let mut loss = out.quote_tags.cross_entropy_for_logits(&tags(&t.quote_tags))
        + out.nested_tags.cross_entropy_for_logits(&tags(&t.nested_tags));
    for (logits, gold) in out.role_tags.iter().zip(&t.role_tags) {
        loss += weighted_cross_entropy(logits, &tags(gold), &role_weights);
    }
    if t.quotes.is_empty() {
        return loss;
    }
    let parts: Vec<Vec<Range<usize>>> = t.quotes.iter().map(|q| q.parts.clone()).collect();
    let mediums: Vec<i64> = t.quotes.iter().map(|q| q.medium).collect();
    loss += net.medium(&out.hidden, &parts).cross_entropy_for_logits(&tags(&mediums));
    for r in 0..ROLES.len() {
        if t.mentions[r].is_empty() {
            continue;
        }
        let prior = evidence.map(|e| e.link_prior(r, &parts, &t.mentions[r]));
        let logits = net.link(r, &out.hidden, &parts, &t.mentions[r], prior.as_deref());
        let gold: Vec<f32> = t
            .quotes
            .iter()
            .flat_map(|q| (0..t.mentions[r].len()).map(move |m| f32::from(q.links[r].contains(&m))))
            .collect();
        let gold = Tensor::from_slice(&gold).view([parts.len() as i64, -1]).to_device(device);
        loss += logits.binary_cross_entropy_with_logits::<Tensor>(&gold, None, None, Reduction::Mean);
    }
    loss
}

fn weighted_cross_entropy(logits: &Tensor, gold: &Tensor, weights: &Tensor) -> Tensor {
    logits.to_kind(Kind::Float).cross_entropy_loss::<&Tensor>(gold, Some(weights), Reduction::Mean, -100, 0.0)
}
