//! Does `confidence` mean what it says? Every predicted quotation is binned by its
//! confidence and counted right when it overlaps the gold quotation it was matched with and
//! has that quotation's speaker (speaker tokens shared, or both without speaker). The
//! expected calibration error is the bins' |mean confidence − share right|, weighted by
//! their size.

use super::Comparison;

/// Bins of width 0.1 over [0, 1].
const BINS: usize = 10;

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Bin {
    /// Lower edge of the bin (the last bin includes 1.0).
    pub from: f64,
    pub quotations: usize,
    pub mean_confidence: f64,
    /// Share of the bin's quotations that are right.
    pub right: f64,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Calibration {
    pub bins: Vec<Bin>,
    pub quotations: usize,
    pub expected_calibration_error: f64,
}

/// Each predicted quotation's confidence and whether it is right.
pub fn outcomes(comparisons: &[Comparison]) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    for c in comparisons {
        let Some(system) = c.system else { continue };
        for pair in &c.pairs {
            let Some(s) = pair.system else { continue };
            let right = pair.gold.is_some_and(|g| is_right(&c.gold_groups[g], &c.system_groups[s]));
            out.push((f64::from(system.quotations[s].confidence), right));
        }
    }
    out
}

fn is_right(gold: &super::Group, system: &super::Group) -> bool {
    let shares = |a: &[usize], b: &[usize]| a.iter().any(|t| b.binary_search(t).is_ok());
    let (gold_speaker, system_speaker) = (&gold.roles[0], &system.roles[0]);
    let speaker = if gold_speaker.is_empty() { system_speaker.is_empty() } else { shares(gold_speaker, system_speaker) };
    shares(&gold.message, &system.message) && speaker
}

pub fn calibration(outcomes: &[(f64, bool)]) -> Calibration {
    let mut bins: Vec<Bin> = (0..BINS).map(|k| Bin { from: k as f64 / BINS as f64, ..Bin::default() }).collect();
    for &(confidence, right) in outcomes {
        let bin = &mut bins[((confidence.clamp(0.0, 1.0) * BINS as f64) as usize).min(BINS - 1)];
        bin.quotations += 1;
        bin.mean_confidence += confidence;
        bin.right += f64::from(u8::from(right));
    }
    let total = outcomes.len();
    let mut error = 0.0;
    for bin in bins.iter_mut().filter(|b| b.quotations > 0) {
        bin.mean_confidence /= bin.quotations as f64;
        bin.right /= bin.quotations as f64;
        error += bin.quotations as f64 / total as f64 * (bin.mean_confidence - bin.right).abs();
    }
    Calibration { bins, quotations: total, expected_calibration_error: error }
}

impl Calibration {
    /// A Markdown table, as the model card quotes it.
    pub fn render(&self) -> String {
        let mut out = String::from("| confidence | quotations | mean confidence | right |\n|---|---|---|---|\n");
        for b in self.bins.iter().filter(|b| b.quotations > 0) {
            let to = b.from + 1.0 / BINS as f64;
            out += &format!("| {:.1}–{:.1} | {} | {:.3} | {:.3} |\n", b.from, to, b.quotations, b.mean_confidence, b.right);
        }
        out += &format!("\nexpected calibration error {:.4} over {} quotations\n", self.expected_calibration_error, self.quotations);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_is_the_size_weighted_gap_between_confidence_and_share_right() {
        let overconfident = calibration(&[(0.95, false), (0.95, false), (0.95, true), (0.95, true)]);
        assert!((overconfident.expected_calibration_error - 0.45).abs() < 1e-9);
        let mixed = calibration(&[(0.55, true), (0.55, false), (0.05, false), (1.0, true)]);
        assert!((mixed.expected_calibration_error - (0.5 * 0.05 + 0.25 * 0.05)).abs() < 1e-9, "{mixed:?}");
        assert_eq!(mixed.bins[9].quotations, 1, "confidence 1.0 falls in the last bin");
        assert_eq!(mixed.bins[5].right, 0.5);
        assert!(mixed.render().contains("| 0.5–0.6 | 2 | 0.550 | 0.500 |"), "{}", mixed.render());
        assert_eq!(calibration(&[]).expected_calibration_error, 0.0);
    }
}
