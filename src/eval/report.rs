//! The scores of a whole evaluation, as a table, a summary line or JSON.

use super::groups::{EMPTY_GROUP, ROLE_NAMES};
use super::score::{Labels, PartMeans, Prf};
use super::Comparison;
use crate::document::QuoteType;
use serde::Serialize;
use std::fmt::Write;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Gold documents scored.
    pub documents: usize,
    /// Gold documents for which no usable prediction was found (scored as predicting
    /// nothing); `problems` says why.
    pub documents_without_prediction: usize,
    pub gold_quotations: usize,
    pub predicted_quotations: usize,
    /// Macro over compared pairs (see the module documentation of `eval`).
    pub messages: Prf,
    pub roles: Prf,
    pub joint: Prf,
    /// Micro over type labels.
    pub form: Prf,
    /// Micro over medium labels (the dataset's STWR).
    pub medium: Prf,
    /// Each role on its own, macro like Roles.
    pub per_role: Vec<RoleRow>,
    /// Pairs counted under the gold quotation's type; unassigned system quotations under
    /// their own type. So a type's precision covers its gold quotations' matches and the
    /// false alarms the system labelled with it.
    pub per_type: Vec<TypeRow>,
    /// What could not be scored as given (missing or mismatched predictions).
    pub problems: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RoleRow {
    pub role: &'static str,
    #[serde(flatten)]
    pub score: Prf,
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeRow {
    #[serde(rename = "type")]
    pub kind: QuoteType,
    /// Gold quotations of this type.
    pub gold: usize,
    /// System quotations labelled with this type.
    pub predicted: usize,
    pub messages: Prf,
    pub roles: Prf,
    pub joint: Prf,
}

/// Everything the report is computed from, summed over documents.
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    all: PartMeans,
    by_type: [(PartMeans, usize, usize); 5],
    form: Labels,
    medium: Labels,
    gold: usize,
    predicted: usize,
}

fn type_index(kind: QuoteType) -> usize {
    QuoteType::ALL.iter().position(|&k| k == kind).expect("ALL lists every type")
}

impl Tally {
    pub(super) fn of(comparison: &Comparison) -> Tally {
        let mut tally = Tally { gold: comparison.gold_groups.len(), predicted: comparison.system_groups.len(), ..Tally::default() };
        for s in &comparison.system_groups {
            tally.by_type[type_index(s.kind.expect("system groups have a type"))].2 += 1;
        }
        for pair in &comparison.pairs {
            let g = pair.gold.map_or(&EMPTY_GROUP, |i| &comparison.gold_groups[i]);
            let s = pair.system.map_or(&EMPTY_GROUP, |i| &comparison.system_groups[i]);
            tally.all.add(g, s);
            let kind = g.kind.or(s.kind).expect("a compared pair has at least one side");
            let row = &mut tally.by_type[type_index(kind)];
            row.0.add(g, s);
            row.1 += usize::from(pair.gold.is_some());
            tally.form.add(g.kind, s.kind);
            tally.medium.add(g.medium, s.medium);
        }
        tally
    }

    pub(super) fn merge(mut self, other: Tally) -> Tally {
        self.all.merge(&other.all);
        for (mine, theirs) in self.by_type.iter_mut().zip(&other.by_type) {
            mine.0.merge(&theirs.0);
            mine.1 += theirs.1;
            mine.2 += theirs.2;
        }
        self.form.merge(&other.form);
        self.medium.merge(&other.medium);
        self.gold += other.gold;
        self.predicted += other.predicted;
        self
    }

    pub(super) fn into_report(self, documents: usize, without_prediction: usize, problems: Vec<String>) -> Report {
        Report {
            documents,
            documents_without_prediction: without_prediction,
            gold_quotations: self.gold,
            predicted_quotations: self.predicted,
            messages: self.all.message.score(),
            roles: self.all.roles().score(),
            joint: self.all.joint().score(),
            form: self.form.score(),
            medium: self.medium.score(),
            per_role: ROLE_NAMES.iter().zip(&self.all.roles).map(|(&role, m)| RoleRow { role, score: m.score() }).collect(),
            per_type: QuoteType::ALL
                .iter()
                .zip(&self.by_type)
                .filter(|(_, (_, gold, predicted))| gold + predicted > 0)
                .map(|(&kind, (means, gold, predicted))| TypeRow {
                    kind,
                    gold: *gold,
                    predicted: *predicted,
                    messages: means.message.score(),
                    roles: means.roles().score(),
                    joint: means.joint().score(),
                })
                .collect(),
            problems,
        }
    }
}

impl Report {
    /// `Messages F1 … Roles F1 … Joint F1 … Form F1 …`, for logs and tuning loops.
    pub fn summary_line(&self) -> String {
        format!(
            "Messages F1 {:.2}  Roles F1 {:.2}  Joint F1 {:.2}  Form F1 {:.2}",
            self.messages.f1, self.roles.f1, self.joint.f1, self.form.f1
        )
    }

    /// The scores in percent with two decimals: the parts, each role, then each type.
    pub fn render_table(&self) -> String {
        let mut out = format!(
            "{} documents ({} without prediction), {} gold quotations, {} predicted\n\n{:<24}{:>8}{:>8}{:>8}\n",
            self.documents, self.documents_without_prediction, self.gold_quotations, self.predicted_quotations, "part", "P", "R", "F1"
        );
        let mut line = |name: &str, s: &Prf| {
            let _ = writeln!(out, "{name:<24}{:>8.2}{:>8.2}{:>8.2}", s.precision, s.recall, s.f1);
        };
        line("Messages", &self.messages);
        line("Roles", &self.roles);
        line("Joint", &self.joint);
        line("Form (type, micro)", &self.form);
        line("STWR (medium, micro)", &self.medium);
        for row in &self.per_role {
            line(&format!("  role {}", row.role), &row.score);
        }
        let _ = write!(out, "\n{:<21}{:>5}{:>5}", "type", "gold", "pred");
        for part in ["Msg P", "Roles P", "Joint P"] {
            let _ = write!(out, " | {part:>8}{:>7}{:>7}", "R", "F1");
        }
        out.push('\n');
        for row in &self.per_type {
            let _ = write!(out, "{:<21}{:>5}{:>5}", row.kind.as_str(), row.gold, row.predicted);
            for s in [&row.messages, &row.roles, &row.joint] {
                let _ = write!(out, " | {:>8.2}{:>7.2}{:>7.2}", s.precision, s.recall, s.f1);
            }
            out.push('\n');
        }
        out
    }
}
