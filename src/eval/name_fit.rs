//! Fits the name confidence (`attribute::name_confidence`) on name-key outcomes: a logistic
//! regression of "the name is right" on the features the resolver recorded, over every key
//! quotation zitat gave a name. Plain batch gradient descent from zero with a small L2 pull
//! on all weights but the bias: deterministic, and with sixteen features and a few hundred
//! examples, nothing more is needed.

use crate::attribute::name_confidence::{WeightsFile, FEATURES};

/// One named outcome: its features and whether the name was right.
pub struct Example {
    pub features: Vec<f32>,
    pub right: bool,
}

const STEPS: usize = 4000;
const LEARNING_RATE: f64 = 0.2;
const L2: f64 = 0.01;

pub fn fit(examples: &[&Example]) -> Vec<f32> {
    let n = FEATURES.len();
    let mut weights = vec![0.0f64; n];
    for _ in 0..STEPS {
        let mut gradient = vec![0.0f64; n];
        for e in examples {
            let error = predict(&weights, &e.features) - f64::from(u8::from(e.right));
            for (g, x) in gradient.iter_mut().zip(&e.features) {
                *g += error * f64::from(*x);
            }
        }
        for (k, (w, g)) in weights.iter_mut().zip(&gradient).enumerate() {
            let pull = if k == 0 { 0.0 } else { L2 * *w };
            *w -= LEARNING_RATE * (g / examples.len() as f64 + pull);
        }
    }
    weights.into_iter().map(|w| w as f32).collect()
}

/// The score during fitting, in f64.
fn predict(weights: &[f64], features: &[f32]) -> f64 {
    let z: f64 = weights.iter().zip(features).map(|(w, x)| w * f64::from(*x)).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The area under the ROC curve of `scores` for the right names: the chance that a right
/// name scores above a wrong one (ties count half).
pub fn auc(scored: &[(f32, bool)]) -> f64 {
    let right: Vec<f32> = scored.iter().filter(|(_, r)| *r).map(|(s, _)| *s).collect();
    let wrong: Vec<f32> = scored.iter().filter(|(_, r)| !*r).map(|(s, _)| *s).collect();
    let pairs = right.len() * wrong.len();
    if pairs == 0 {
        return 0.0;
    }
    let wins: f64 = right.iter().flat_map(|r| wrong.iter().map(move |w| if r > w { 1.0 } else if r == w { 0.5 } else { 0.0 })).sum();
    wins / pairs as f64
}

/// The weights file, with what it was fitted on.
pub fn weights_file(weights: Vec<f32>, fitted: serde_json::Value) -> WeightsFile {
    WeightsFile { features: FEATURES.iter().map(|f| f.to_string()).collect(), weights, fitted }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_that_marks_wrong_names_gets_a_negative_weight_and_ranks_them_last() {
        let example = |marked: bool, right: bool| {
            let mut features = vec![0.0; FEATURES.len()];
            features[0] = 1.0;
            features[2] = if marked { 1.0 } else { 0.0 };
            Example { features, right }
        };
        let examples: Vec<Example> = (0..40).map(|k| example(k % 4 == 0, k % 4 != 0 || k % 8 == 0)).collect();
        let weights = fit(&examples.iter().collect::<Vec<_>>());
        assert!(weights[2] < -1.0, "{weights:?}");
        let scored: Vec<(f32, bool)> = examples.iter().map(|e| (predict(&weights.iter().map(|w| f64::from(*w)).collect::<Vec<_>>(), &e.features) as f32, e.right)).collect();
        assert!(auc(&scored) > 0.7, "{}", auc(&scored));
    }
}
