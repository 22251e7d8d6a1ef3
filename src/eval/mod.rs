//! The dataset's scoring (`../shared/docs/metric.md`): quotations are compared as groups of
//! token ids, matched per document by the assignment that maximises message overlap, and
//! scored macro over pairs (Messages, Roles, Joint) and micro over labels (Form, Medium).

pub mod errors;
pub mod hungarian;

use crate::document::{Document, Medium, QuoteType, Token};
use crate::output::dataset::token_ids;
use serde::Serialize;
use std::collections::BTreeMap;

/// Role order inside a group.
const ROLE_NAMES: [&str; 4] = ["addressee", "cue", "frame", "speaker"];

/// A quotation as the metric sees it: sorted, distinct token ids per part.
#[derive(Clone, Debug, Default)]
pub struct Group {
    pub message: Vec<usize>,
    pub roles: [Vec<usize>; 4],
    pub kind: Option<QuoteType>,
    pub medium: Option<Medium>,
}

pub fn groups(doc: &Document, tokens: &[Token]) -> Vec<Group> {
    doc.quotations
        .iter()
        .map(|q| Group {
            message: token_ids(tokens, &q.quote),
            roles: [&q.addressee, &q.cue, &q.frame, &q.speaker].map(|spans| token_ids(tokens, spans)),
            kind: Some(q.kind),
            medium: q.medium,
        })
        .collect()
}

/// Counts of one part of one compared pair.
fn counts(gold: &[usize], system: &[usize]) -> (usize, usize, usize) {
    let both = gold.iter().filter(|t| system.binary_search(t).is_ok()).count();
    (both, system.len() - both, gold.len() - both)
}

fn overlap_f1(gold: &[usize], system: &[usize]) -> f64 {
    let (both, only_s, only_g) = counts(gold, system);
    if both == 0 {
        return 0.0;
    }
    let p = both as f64 / (both + only_s) as f64;
    let r = both as f64 / (both + only_g) as f64;
    2.0 * p * r / (p + r)
}

fn match_score(g: &Group, s: &Group) -> f64 {
    let f1 = overlap_f1(&g.message, &s.message);
    if f1 == 0.0 {
        return 0.0;
    }
    f1 + if g.kind == s.kind { 0.01 } else { 0.0 } + if g.medium == s.medium { 0.001 } else { 0.0 }
}

/// The compared pairs of one document: (gold index, system index), either side may be
/// missing (an unassigned group is compared with an empty one).
pub fn align(gold: &[Group], system: &[Group]) -> Vec<(Option<usize>, Option<usize>)> {
    let scores: Vec<Vec<f64>> =
        gold.iter().map(|g| system.iter().map(|s| match_score(g, s)).collect()).collect();
    let pairs = hungarian::max_assignment(&scores);
    let mut out: Vec<(Option<usize>, Option<usize>)> =
        pairs.iter().map(|&(g, s)| (Some(g), Some(s))).collect();
    out.extend((0..gold.len()).filter(|g| !pairs.iter().any(|p| p.0 == *g)).map(|g| (Some(g), None)));
    out.extend((0..system.len()).filter(|s| !pairs.iter().any(|p| p.1 == *s)).map(|s| (None, Some(s))));
    out
}

/// Macro averages: sums and counts of per-pair precisions and recalls.
#[derive(Clone, Copy, Debug, Default)]
struct Means {
    precision: (f64, usize),
    recall: (f64, usize),
}

impl Means {
    fn add(&mut self, (tp, fp, fn_): (usize, usize, usize)) {
        if tp + fp > 0 {
            self.precision.0 += tp as f64 / (tp + fp) as f64;
            self.precision.1 += 1;
        }
        if tp + fn_ > 0 {
            self.recall.0 += tp as f64 / (tp + fn_) as f64;
            self.recall.1 += 1;
        }
    }
    fn merge(&mut self, other: Means) {
        self.precision.0 += other.precision.0;
        self.precision.1 += other.precision.1;
        self.recall.0 += other.recall.0;
        self.recall.1 += other.recall.1;
    }
    fn score(&self) -> Prf {
        let mean = |(sum, n): (f64, usize)| if n == 0 { 0.0 } else { sum / n as f64 };
        Prf::new(mean(self.precision), mean(self.recall))
    }
}

/// Micro counts over labels (type or medium).
#[derive(Clone, Copy, Debug, Default)]
struct Labels {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Labels {
    fn add<T: PartialEq>(&mut self, gold: Option<T>, system: Option<T>) {
        match (gold, system) {
            (Some(g), Some(s)) if g == s => self.tp += 1,
            (g, s) => {
                self.fp += usize::from(s.is_some());
                self.fn_ += usize::from(g.is_some());
            }
        }
    }
    fn score(&self) -> Prf {
        let ratio = |a: usize, b: usize| if a + b == 0 { 0.0 } else { a as f64 / (a + b) as f64 };
        Prf::new(ratio(self.tp, self.fp), ratio(self.tp, self.fn_))
    }
}

/// Precision, recall and F1 in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Self {
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Prf { precision: 100.0 * p, recall: 100.0 * r, f1: 100.0 * f1 }
    }
}

#[derive(Clone, Debug, Default)]
struct PartMeans {
    message: Means,
    roles: [Means; 4],
}

impl PartMeans {
    fn add(&mut self, g: &Group, s: &Group) {
        self.message.add(counts(&g.message, &s.message));
        for r in 0..4 {
            self.roles[r].add(counts(&g.roles[r], &s.roles[r]));
        }
    }
    fn roles(&self) -> Means {
        let mut all = Means::default();
        self.roles.iter().for_each(|m| all.merge(*m));
        all
    }
    fn joint(&self) -> Means {
        let mut all = self.roles();
        all.merge(self.message);
        all
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeRow {
    #[serde(rename = "type")]
    pub kind: QuoteType,
    pub gold: usize,
    pub predicted: usize,
    pub messages: Prf,
    pub roles: Prf,
    pub joint: Prf,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub documents: usize,
    pub gold_quotations: usize,
    pub predicted_quotations: usize,
    pub messages: Prf,
    pub roles: Prf,
    pub joint: Prf,
    pub form: Prf,
    pub medium: Prf,
    /// Addressee, cue, frame, speaker.
    pub per_role: BTreeMap<String, Prf>,
    /// Pairs are counted under the gold type, unassigned system quotations under theirs.
    pub per_type: Vec<TypeRow>,
}

/// Scores predictions against gold documents, paired by document name (or id). A gold
/// document without prediction counts as predicting nothing; predictions are mapped onto
/// the gold document's tokens.
pub fn evaluate(gold: &[Document], predicted: &[Document]) -> Report {
    let key = |d: &Document| d.meta.document_name.clone().unwrap_or_else(|| d.id.clone());
    let by_name: BTreeMap<String, &Document> = predicted.iter().map(|d| (key(d), d)).collect();
    let mut all = PartMeans::default();
    let mut per_type: BTreeMap<QuoteType, (PartMeans, usize, usize)> = BTreeMap::new();
    let (mut form, mut medium) = (Labels::default(), Labels::default());
    let (mut n_gold, mut n_pred) = (0, 0);
    let empty = Group::default();
    for g_doc in gold {
        let tokens = g_doc.tokens.as_deref().unwrap_or(&[]);
        let g_groups = groups(g_doc, tokens);
        let s_groups = by_name.get(&key(g_doc)).map_or_else(Vec::new, |s| groups(s, tokens));
        n_gold += g_groups.len();
        n_pred += s_groups.len();
        for s in &s_groups {
            per_type.entry(s.kind.unwrap()).or_default().2 += 1;
        }
        for (gi, si) in align(&g_groups, &s_groups) {
            let g = gi.map_or(&empty, |i| &g_groups[i]);
            let s = si.map_or(&empty, |i| &s_groups[i]);
            all.add(g, s);
            let row = per_type.entry(g.kind.or(s.kind).unwrap()).or_default();
            row.0.add(g, s);
            row.1 += usize::from(gi.is_some());
            form.add(g.kind, s.kind);
            medium.add(g.medium, s.medium);
        }
    }
    Report {
        documents: gold.len(),
        gold_quotations: n_gold,
        predicted_quotations: n_pred,
        messages: all.message.score(),
        roles: all.roles().score(),
        joint: all.joint().score(),
        form: form.score(),
        medium: medium.score(),
        per_role: ROLE_NAMES.iter().zip(&all.roles).map(|(n, m)| (n.to_string(), m.score())).collect(),
        per_type: per_type
            .into_iter()
            .map(|(kind, (m, gold, predicted))| TypeRow {
                kind,
                gold,
                predicted,
                messages: m.message.score(),
                roles: m.roles().score(),
                joint: m.joint().score(),
            })
            .collect(),
    }
}

impl Report {
    pub fn summary_line(&self) -> String {
        format!(
            "Messages F1 {:.2}  Roles F1 {:.2}  Joint F1 {:.2}  Form F1 {:.2}",
            self.messages.f1, self.roles.f1, self.joint.f1, self.form.f1
        )
    }

    pub fn render_table(&self) -> String {
        let mut out = format!(
            "{} documents, {} gold quotations, {} predicted\n\n{:<22} {:>7} {:>7} {:>7}\n",
            self.documents, self.gold_quotations, self.predicted_quotations, "part", "P", "R", "F1"
        );
        let mut line = |name: &str, s: &Prf| {
            out += &format!("{name:<22} {:>7.2} {:>7.2} {:>7.2}\n", s.precision, s.recall, s.f1);
        };
        line("Messages", &self.messages);
        line("Roles", &self.roles);
        line("Joint", &self.joint);
        line("Form (type, micro)", &self.form);
        line("Medium (STWR, micro)", &self.medium);
        for (role, s) in &self.per_role {
            line(&format!("  role {role}"), s);
        }
        out += &format!(
            "\n{:<22} {:>5} {:>5} {:>9} {:>9} {:>9}\n",
            "type", "gold", "pred", "Msg F1", "Roles F1", "Joint F1"
        );
        for row in &self.per_type {
            out += &format!(
                "{:<22} {:>5} {:>5} {:>9.2} {:>9.2} {:>9.2}\n",
                row.kind.as_str(), row.gold, row.predicted, row.messages.f1, row.roles.f1, row.joint.f1
            );
        }
        out
    }
}
