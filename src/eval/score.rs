//! Accumulating the metric: macro means of per-pair precision/recall, micro label counts.

use super::groups::{counts, Counts, Group};
use serde::Serialize;

/// Precision, recall and F1, in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From fractions in 0..=1; F1 is their harmonic mean (0 when both are 0).
    pub fn from_fractions(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision: 100.0 * precision, recall: 100.0 * recall, f1: 100.0 * f1 }
    }
}

/// Sums and numbers of per-pair precisions and recalls, for macro means. A pair adds a
/// precision only where it predicted something and a recall only where gold has something.
#[derive(Clone, Copy, Debug, Default)]
pub struct Means {
    precision_sum: f64,
    precisions: usize,
    recall_sum: f64,
    recalls: usize,
}

impl Means {
    pub fn add(&mut self, Counts { tp, fp, fn_ }: Counts) {
        if tp + fp > 0 {
            self.precision_sum += tp as f64 / (tp + fp) as f64;
            self.precisions += 1;
        }
        if tp + fn_ > 0 {
            self.recall_sum += tp as f64 / (tp + fn_) as f64;
            self.recalls += 1;
        }
    }

    pub fn merge(&mut self, other: &Means) {
        self.precision_sum += other.precision_sum;
        self.precisions += other.precisions;
        self.recall_sum += other.recall_sum;
        self.recalls += other.recalls;
    }

    /// The means; a side with nothing to average scores 0.
    pub fn score(&self) -> Prf {
        let mean = |sum: f64, n: usize| if n == 0 { 0.0 } else { sum / n as f64 };
        Prf::from_fractions(mean(self.precision_sum, self.precisions), mean(self.recall_sum, self.recalls))
    }
}

/// Micro counts of one label (type or medium) over compared pairs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Labels(Counts);

impl Labels {
    /// Equal labels are one true positive; otherwise the system's label (if any) is a false
    /// positive and the gold label (if any) a false negative.
    pub fn add<T: PartialEq>(&mut self, gold: Option<T>, system: Option<T>) {
        match (gold, system) {
            (Some(g), Some(s)) if g == s => self.0.tp += 1,
            (g, s) => {
                self.0.fp += usize::from(s.is_some());
                self.0.fn_ += usize::from(g.is_some());
            }
        }
    }

    pub fn merge(&mut self, other: &Labels) {
        self.0.tp += other.0.tp;
        self.0.fp += other.0.fp;
        self.0.fn_ += other.0.fn_;
    }

    pub fn score(&self) -> Prf {
        let Counts { tp, fp, fn_ } = self.0;
        let ratio = |den: usize| if den == 0 { 0.0 } else { tp as f64 / den as f64 };
        Prf::from_fractions(ratio(tp + fp), ratio(tp + fn_))
    }
}

/// The macro means of compared pairs: the message and each role.
#[derive(Clone, Debug, Default)]
pub struct PartMeans {
    pub message: Means,
    pub roles: [Means; 4],
}

impl PartMeans {
    pub fn add(&mut self, gold: &Group, system: &Group) {
        self.message.add(counts(&gold.message, &system.message));
        for (means, (g, s)) in self.roles.iter_mut().zip(gold.roles.iter().zip(&system.roles)) {
            means.add(counts(g, s));
        }
    }

    pub fn merge(&mut self, other: &PartMeans) {
        self.message.merge(&other.message);
        self.roles.iter_mut().zip(&other.roles).for_each(|(a, b)| a.merge(b));
    }

    /// The four roles pooled.
    pub fn roles(&self) -> Means {
        let mut pooled = Means::default();
        self.roles.iter().for_each(|m| pooled.merge(m));
        pooled
    }

    /// Message and roles pooled.
    pub fn joint(&self) -> Means {
        let mut pooled = self.roles();
        pooled.merge(&self.message);
        pooled
    }
}
