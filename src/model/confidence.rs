//! What a quotation's `confidence` means: the engine's raw score mapped to the share of
//! quotations with that score that are right (text and speaker), fitted on dev by isotonic
//! regression and saved with the model (`model.json` → `heads.calibration`).
//!
//! Why isotonic: the raw score is a mix of the model's tag and link probabilities and the
//! rules' per-rule priors, and its error is not one shape (under-confident around 0.5,
//! over-confident around 0.85 on dev); a monotone map keeps the order of the quotations
//! and corrects each range on its own, where one temperature would bend all of them alike.

/// A monotone piecewise-linear map from raw confidence to calibrated confidence.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ConfidenceMap {
    /// (raw, calibrated) points, raw strictly rising, calibrated never falling.
    pub knots: Vec<(f32, f32)>,
    /// Who led the engine it was fitted on ("rules" or "model"): the raw scores of the
    /// other lead are another mix, so the map applies to its own lead only.
    pub lead: String,
    /// How the map was fitted (command, data, quotations), for the model card.
    #[serde(default)]
    pub fitted_on: String,
}

impl ConfidenceMap {
    /// Linear between knots, flat beyond the first and last.
    pub fn apply(&self, raw: f32) -> f32 {
        let knots = &self.knots;
        let Some(&(first_x, first_y)) = knots.first() else { return raw };
        if raw <= first_x {
            return first_y;
        }
        for pair in knots.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            if raw <= x1 {
                return y0 + (y1 - y0) * (raw - x0) / (x1 - x0);
            }
        }
        knots[knots.len() - 1].1
    }

    /// Pool-adjacent-violators over `(raw confidence, right)` outcomes: blocks of rising
    /// share right, each at least `min_block` quotations (so that a handful of quotations
    /// cannot pin the map), each becoming a knot at its mean raw confidence.
    pub fn fit(outcomes: &[(f64, bool)], min_block: usize, lead: &str, fitted_on: String) -> ConfidenceMap {
        let mut sorted = outcomes.to_vec();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Each block: (sum of raw, number right, count).
        let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
        for chunk in sorted.chunks(min_block.max(1)) {
            let raw: f64 = chunk.iter().map(|o| o.0).sum();
            let right = chunk.iter().filter(|o| o.1).count() as f64;
            blocks.push((raw, right, chunk.len()));
            while blocks.len() > 1 {
                let (last, before) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
                if before.1 / before.2 as f64 <= last.1 / last.2 as f64 {
                    break;
                }
                blocks.pop();
                *blocks.last_mut().expect("two blocks") = (before.0 + last.0, before.1 + last.1, before.2 + last.2);
            }
        }
        let mut knots: Vec<(f32, f32)> = Vec::new();
        for (raw, right, n) in blocks {
            // Four decimals: finer says nothing on a few hundred quotations, and model.json
            // stays readable.
            let round = |v: f64| ((v * 1e4).round() / 1e4) as f32;
            let point = (round(raw / n as f64), round(right / n as f64));
            // Equal raw means (ties) keep the later, higher share.
            match knots.last_mut() {
                Some(last) if last.0 >= point.0 => last.1 = last.1.max(point.1),
                _ => knots.push(point),
            }
        }
        ConfidenceMap { knots, lead: lead.to_string(), fitted_on }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_interpolates_between_knots_and_is_flat_outside() {
        let map = ConfidenceMap { knots: vec![(0.4, 0.5), (0.8, 0.9)], lead: "rules".into(), fitted_on: String::new() };
        assert_eq!(map.apply(0.1), 0.5);
        assert!((map.apply(0.6) - 0.7).abs() < 1e-6);
        assert_eq!(map.apply(0.95), 0.9);
    }

    #[test]
    fn fitting_pools_what_falls_and_keeps_what_rises() {
        // Raw 0.9 is right less often than raw 0.5: the two pool into one level.
        let mut outcomes = vec![(0.5, true); 3];
        outcomes.extend([(0.5, false), (0.9, true), (0.9, false), (0.9, false), (0.9, false)]);
        let map = ConfidenceMap::fit(&outcomes, 4, "rules", String::new());
        assert_eq!(map.knots, vec![(0.7, 0.5)]);
        // Over-confident but ordered: the levels follow the shares right.
        let outcomes: Vec<(f64, bool)> = (0..10).map(|k| (0.9, k < 6)).chain((0..10).map(|k| (0.5, k < 2))).collect();
        let map = ConfidenceMap::fit(&outcomes, 5, "rules", String::new());
        assert!((map.apply(0.5) - 0.2).abs() < 1e-6 && (map.apply(0.9) - 0.6).abs() < 1e-6, "{map:?}");
        let knots = &map.knots;
        assert!(knots.windows(2).all(|p| p[0].0 < p[1].0 && p[0].1 <= p[1].1));
    }
}
