//! The name score (`zitat eval --names KEY`): does zitat name the person, body or document
//! behind a quotation as a desk would publish it? The dataset's metric checks only the
//! speaker *span* („er“, „der Minister“); this checks the name that span resolves to.
//!
//! 1. The key (`tests/keys/names-guidelines.md`) gives, per gold quotation (document and
//!    character offsets), the speaker's kind and name(s).
//! 2. Each key quotation takes the system quotation the dataset's metric matched with it
//!    (overlapping messages only).
//! 3. zitat's name is the corpus-wide canonical name of that quotation's speaker, as the
//!    index and every format show it.
//! 4. Names compare after [`normalise`]: case, a leading article, hyphen and space variants.

use super::Comparison;
use crate::document::{SpeakerKind, Span};
use crate::identity;
use std::collections::HashMap;
use std::path::Path;

/// One line of the key.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyEntry {
    pub document: String,
    pub quote: Span,
    /// `None`: the gold speaker span is no source at all.
    pub kind: Option<SpeakerKind>,
    /// The name and the other spellings of the same entity; empty for unnamed and none.
    pub names: Vec<String>,
}

impl KeyEntry {
    /// Whether the article names this speaker (so a desk can publish a name).
    pub fn is_named(&self) -> bool {
        !self.names.is_empty()
    }
}

/// Reads a key file: `document \t begin \t end \t kind \t name`, `#` comments.
pub fn read_key(path: &Path) -> Result<Vec<KeyEntry>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the name key {}: {e}", path.display()))?;
    let lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    lines.map(|(n, line)| parse_line(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))).collect()
}

fn parse_line(line: &str) -> Result<KeyEntry, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [document, begin, end, kind, ref rest @ ..] = fields[..] else {
        return Err("expected document, begin, end, kind and name separated by tabs".into());
    };
    let offset = |s: &str| s.trim().parse::<usize>().map_err(|_| format!("offset {s:?} is not a number"));
    let (begin, end) = (offset(begin)?, offset(end)?);
    if begin >= end {
        return Err(format!("begin {begin} is not before end {end}"));
    }
    let kind = match kind.trim() {
        "none" => None,
        other => Some(SpeakerKind::parse(other).ok_or_else(|| format!("unknown kind {other:?} (person, organisation, document, unnamed, none)"))?),
    };
    let names: Vec<String> = rest.first().map_or("", |n| n.trim()).split(" | ").map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect();
    if names.is_empty() != matches!(kind, None | Some(SpeakerKind::Unnamed)) {
        return Err(format!("kind {:?} with name {:?}: persons, organisations and documents have a name, unnamed and none have none", kind.map_or("none", SpeakerKind::as_str), names));
    }
    Ok(KeyEntry { document: document.trim().to_string(), quote: Span::new(begin, end), kind, names })
}

/// A name as compared: lower case, no leading article, hyphens and odd spaces as one space,
/// no „in“ before a place (the guidelines key „Polizei in Jena“ as `Polizei Jena`).
pub fn normalise(name: &str) -> String {
    let lower = name.to_lowercase().replace(['-', '‐', '–', '\u{a0}'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let skip = usize::from(words.len() > 1 && matches!(words[0], "der" | "die" | "das" | "den" | "dem" | "des"));
    let last = words.len().saturating_sub(1);
    let words = words.iter().enumerate().skip(skip).filter(|&(k, w)| !(*w == "in" && k > skip && k < last));
    words.map(|(_, w)| *w).collect::<Vec<_>>().join(" ")
}

/// „Sonia und Willy Bogner“ → „Sonia Bogner und Willy Bogner“: given names before „und“
/// share the surname of the last name, as German writes a couple; `None` for other names.
fn with_shared_surname(name: &str) -> Option<String> {
    let (given, last) = name.rsplit_once(" und ")?;
    let surname = last.split_once(' ')?.1;
    let given: Vec<&str> = given.split(", ").collect();
    given.iter().all(|g| crate::attribute::names::is_given_name(g)).then(|| {
        let each: Vec<String> = given.iter().map(|g| format!("{g} {surname}")).collect();
        format!("{} und {last}", each.join(", "))
    })
}

/// Whether two names of a document name the same one: the same noun („Bericht“) of the same
/// owner, however each describes the owner („der satirischen Wochenzeitung Le Canard
/// enchaîné“ and „der Wochenzeitung Le Canard enchaîné“; „von Bernama“ and „der malaysischen
/// Nachrichtenagentur Bernama“). The keys write owners as their annotators did, so exact
/// strings would count a description as another document.
pub fn same_document(zitat: &str, key: &str) -> bool {
    let (noun, owner) = noun_and_owner(zitat);
    let (key_noun, key_owner) = noun_and_owner(key);
    normalise(noun) == normalise(key_noun) && owner.is_some() && owner.map(owner_name) == key_owner.map(owner_name)
}

fn noun_and_owner(document: &str) -> (&str, Option<&str>) {
    crate::attribute::names::owner_link(document).map_or((document, None), |(noun, _, owner)| (noun, Some(owner)))
}

/// An owner without the words that only describe it: leading adjectives and the kind of
/// body before its name.
fn owner_name(owner: &str) -> String {
    let words: Vec<&str> = owner.split(' ').skip_while(|w| w.starts_with(char::is_lowercase)).collect();
    let kinds = words.iter().take_while(|w| crate::attribute::referent::is_category_noun(w)).count();
    normalise(&words[kinds.min(words.len().saturating_sub(1))..].join(" "))
}

/// What zitat said of one key quotation.
#[derive(Clone, Debug, serde::Serialize)]
pub struct NameOutcome {
    pub document: String,
    pub quote: Span,
    pub key_kind: Option<SpeakerKind>,
    pub key_name: Option<String>,
    /// Whether a system quotation matched the key quotation.
    pub matched: bool,
    pub zitat_name: Option<String>,
    /// zitat's speaker phrase as written.
    pub zitat_speaker: Option<String>,
    pub zitat_kind: Option<SpeakerKind>,
    /// The matched quotation's `confidence`.
    pub confidence: Option<f32>,
    /// The name's `speaker_name_confidence`, and what it was computed from.
    pub name_confidence: Option<f32>,
    pub name_features: Vec<f32>,
    pub right: bool,
    /// Right or, for a document, the same noun of the same owner however the owner is
    /// described (see [`same_document`]).
    pub same_document: bool,
}

/// Name accuracy, wrong-name rate and coverage over a key (see [`score`]).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct NameReport {
    pub key_quotations: usize,
    /// Key lines whose document or quotation is not in the gold set.
    pub not_found: usize,
    pub named_in_key: usize,
    pub matched_named: usize,
    pub right: usize,
    pub zitat_named: usize,
    pub wrong: usize,
    pub named_with_a_name: usize,
    pub kind_right: usize,
    pub kind_compared: usize,
    pub outcomes: Vec<NameOutcome>,
}

impl NameReport {
    /// Of key quotations whose speaker the article names, the share zitat names right.
    pub fn accuracy(&self) -> f64 {
        share(self.right, self.named_in_key)
    }
    /// Of zitat's names on key quotations, the share naming someone else.
    pub fn wrong_rate(&self) -> f64 {
        share(self.wrong, self.zitat_named)
    }
    /// Of key quotations whose speaker the article names, the share zitat gives any name.
    pub fn coverage(&self) -> f64 {
        share(self.named_with_a_name, self.named_in_key)
    }

    /// Name accuracy and wrong-name rate with documents compared by noun and owner.
    pub fn by_document_owner(&self) -> (usize, f64, usize, f64) {
        let right = self.outcomes.iter().filter(|o| o.key_name.is_some() && o.same_document).count();
        let wrong = self.outcomes.iter().filter(|o| o.zitat_name.is_some() && !o.same_document).count();
        (right, share(right, self.named_in_key), wrong, share(wrong, self.zitat_named))
    }

    /// Right names, names given and wrong names if zitat gave only the names of name
    /// confidence `min` or more: what a desk's cut-off would buy.
    pub fn kept_from(&self, min: f32) -> (usize, usize, usize) {
        let kept: Vec<&NameOutcome> = self.outcomes.iter().filter(|o| o.zitat_name.is_some() && o.name_confidence.unwrap_or(0.0) >= min).collect();
        let right = kept.iter().filter(|o| o.right).count();
        (right, kept.len(), kept.len() - right)
    }

    /// Per kind the key gives (person, organisation, document, then unnamed and none):
    /// key quotations, right names, other names, no name, no matching quotation. Persons and
    /// bodies fare differently on unseen text; a desk may trust one more than the other.
    pub fn by_key_kind(&self) -> Vec<(&'static str, [usize; 5])> {
        let label = |o: &NameOutcome| match o.key_kind {
            Some(SpeakerKind::Unnamed) | None => "unnamed or none",
            Some(kind) => kind.as_str(),
        };
        let order = ["person", "organisation", "document", "unnamed or none"];
        order.into_iter().map(|kind| {
            let of_kind = || self.outcomes.iter().filter(move |o| label(o) == kind);
            let count = |f: &dyn Fn(&NameOutcome) -> bool| of_kind().filter(|o| f(o)).count();
            let counts = [count(&|_| true), count(&|o| o.right), count(&|o| o.zitat_name.is_some() && !o.right), count(&|o| o.matched && o.zitat_name.is_none()), count(&|o| !o.matched)];
            (kind, counts)
        }).collect()
    }

    pub fn render(&self, with_errors: bool) -> String {
        let mut out = format!(
            "name key: {} quotations ({} named by their article, {} not found in gold)\n\
             name accuracy   {:6.2} %  ({} of {} named speakers; {} of them matched by a zitat quotation)\n\
             wrong-name rate {:6.2} %  ({} of {} names zitat gives on key quotations)\n\
             coverage        {:6.2} %  ({} of {} named speakers get a name)\n\
             speaker kind    {:6.2} %  ({} of {} key quotations with a zitat speaker)\n",
            self.key_quotations, self.named_in_key, self.not_found,
            100.0 * self.accuracy(), self.right, self.named_in_key, self.matched_named,
            100.0 * self.wrong_rate(), self.wrong, self.zitat_named,
            100.0 * self.coverage(), self.named_with_a_name, self.named_in_key,
            100.0 * share(self.kind_right, self.kind_compared), self.kind_right, self.kind_compared,
        );
        let (right, accuracy, wrong, wrong_rate) = self.by_document_owner();
        out += &format!(
            "documents by noun and owner: accuracy {:.2} % ({right}), wrong-name rate {:.2} % ({wrong}) („Meldungen der malaysischen Nachrichtenagentur Bernama“ = „Meldungen von Bernama“)\n",
            100.0 * accuracy, 100.0 * wrong_rate,
        );
        out += "\nby the key's kind     quotations   right   other name   no name   unmatched\n";
        for (kind, [all, right, other, none, unmatched]) in self.by_key_kind() {
            out += &format!("  {kind:<18} {all:>10} {right:>7} {other:>12} {none:>9} {unmatched:>11}\n");
        }
        out += "\nnames kept only from name confidence c on (the others withheld):\n  c      accuracy   wrong-name rate   names\n";
        for min in [0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95] {
            let (right, named, wrong) = self.kept_from(min);
            out += &format!("  {min:.2} {:8.2} %  {:8.2} %        {named}\n", 100.0 * share(right, self.named_in_key), 100.0 * share(wrong, named));
        }
        if with_errors {
            out += "\nname errors (key → zitat):\n";
            for o in self.outcomes.iter().filter(|o| !o.right && (o.key_name.is_some() || o.zitat_name.is_some())) {
                let kind = |k: Option<SpeakerKind>| k.map_or("none", SpeakerKind::as_str);
                let said = match (&o.zitat_name, &o.zitat_speaker) {
                    (Some(n), _) => format!("{n:?} ({})", kind(o.zitat_kind)),
                    (None, Some(phrase)) => format!("no name for {phrase:?} ({})", kind(o.zitat_kind)),
                    (None, None) if o.matched => "no speaker".to_string(),
                    (None, None) => "no matching quotation".to_string(),
                };
                let key = format!("{} {:?}", kind(o.key_kind), o.key_name.as_deref().unwrap_or(""));
                out += &format!("  {} @{}: {key} → {said}\n", o.document, o.quote.start);
            }
        }
        out
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// Scores the compared documents against the key.
pub fn score(key: &[KeyEntry], comparisons: &[Comparison]) -> NameReport {
    let names = canonical_names(comparisons);
    let by_key: HashMap<String, usize> = comparisons.iter().enumerate().map(|(c, cmp)| (super::document_key(cmp.gold), c)).collect();
    let mut report = NameReport { key_quotations: key.len(), ..NameReport::default() };
    // A passage annotated once per source („laut X sagte Y“) has one key line per
    // annotation, in the gold's order: the n-th line of a passage is its n-th annotation.
    let mut seen: HashMap<(&str, Span), usize> = HashMap::new();
    for entry in key {
        let nth = seen.entry((entry.document.as_str(), entry.quote)).or_default();
        let found = by_key.get(&entry.document).and_then(|&c| {
            let mut same_passage = comparisons[c].gold.quotations.iter().enumerate().filter(|(_, q)| quote_extent(&q.quote) == Some(entry.quote));
            let gold = same_passage.clone().nth(*nth).or_else(|| same_passage.next())?.0;
            Some((c, gold))
        });
        *nth += 1;
        let Some((c, gold)) = found else {
            report.not_found += 1;
            continue;
        };
        let system = matched_system(&comparisons[c], gold);
        let zitat_name = system.and_then(|s| names[c][s].clone());
        let quotation = system.and_then(|s| comparisons[c].system.map(|d| (d, &d.quotations[s])));
        let zitat_speaker = quotation.filter(|(_, q)| !q.speaker.is_empty()).map(|(d, q)| d.join(&q.speaker));
        let zitat = Said {
            matched: system.is_some(),
            name: zitat_name,
            in_article: quotation.and_then(|(_, q)| q.speaker_name.clone()),
            speaker: zitat_speaker,
            kind: quotation.and_then(|(_, q)| q.speaker_kind),
            confidence: quotation.map(|(_, q)| q.confidence),
            name_confidence: quotation.and_then(|(_, q)| q.speaker_name_confidence),
            name_features: quotation.map(|(_, q)| q.speaker_name_features.clone()).unwrap_or_default(),
        };
        report.add(entry, zitat);
    }
    report
}

/// What zitat says of one key quotation.
#[derive(Default)]
struct Said {
    matched: bool,
    /// The corpus-wide canonical name, as the formats give it.
    name: Option<String>,
    /// The name within its article (`speaker.name`).
    in_article: Option<String>,
    speaker: Option<String>,
    kind: Option<SpeakerKind>,
    confidence: Option<f32>,
    name_confidence: Option<f32>,
    name_features: Vec<f32>,
}

impl NameReport {
    fn add(&mut self, entry: &KeyEntry, zitat: Said) {
        let Said { matched, name: zitat_name, in_article, speaker: zitat_speaker, kind: zitat_kind, confidence, name_confidence, name_features } = zitat;
        let key_names: Vec<String> = entry.names.iter().flat_map(|n| [Some(n.clone()), with_shared_surname(n)]).flatten().map(|n| normalise(&n)).collect();
        let in_key = |name: &str| key_names.contains(&normalise(name));
        // The key writes a person as the article does („Merkel“); the corpus may know more
        // („Angela Merkel“), which is right where it only adds to the article's name.
        let extended = |full: &str, article: &str| in_key(article) && format!(" {}", normalise(full)).ends_with(&format!(" {}", normalise(article)));
        let right = zitat_name.as_deref().is_some_and(|n| in_key(n) || in_article.as_deref().is_some_and(|a| extended(n, a)));
        let document = entry.kind == Some(SpeakerKind::Document) && zitat_kind == Some(SpeakerKind::Document);
        let same_document = right || document && zitat_name.as_deref().is_some_and(|n| entry.names.iter().any(|k| same_document(n, k)));
        if entry.is_named() {
            self.named_in_key += 1;
            self.matched_named += usize::from(matched);
            self.right += usize::from(right);
            self.named_with_a_name += usize::from(zitat_name.is_some());
        }
        if zitat_name.is_some() {
            self.zitat_named += 1;
            self.wrong += usize::from(!right);
        }
        if let (Some(key_kind), Some(kind)) = (entry.kind, zitat_kind) {
            self.kind_compared += 1;
            self.kind_right += usize::from(key_kind == kind);
        }
        self.outcomes.push(NameOutcome {
            document: entry.document.clone(),
            quote: entry.quote,
            key_kind: entry.kind,
            key_name: entry.names.first().cloned(),
            matched,
            zitat_name,
            zitat_speaker,
            zitat_kind,
            confidence,
            name_confidence,
            name_features,
            right,
            same_document,
        });
    }
}

/// From the start of the first span to the end of the last.
fn quote_extent(spans: &[Span]) -> Option<Span> {
    Some(Span::new(spans.first()?.start, spans.last()?.end))
}

/// The system quotation assigned to gold quotation `gold`, when their messages overlap.
/// A passage annotated once per source („Die Zeitung zitiert den Minister mit den Worten
/// …“) is one message to the metric, which pairs its gold and system quotations without
/// looking at the speaker: here they are dealt out again, each to the gold quotation whose
/// speaker it shares most.
fn matched_system(comparison: &Comparison, gold: usize) -> Option<usize> {
    let groups = &comparison.gold_groups;
    let same_passage: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].message == groups[gold].message).collect();
    let systems: Vec<Option<usize>> = same_passage.iter().map(|&g| paired_system(comparison, g)).collect();
    let at = same_passage.iter().position(|&g| g == gold)?;
    if same_passage.len() == 1 || same_passage.len() > MAX_SOURCES_OF_A_PASSAGE {
        return systems[at];
    }
    let shared = |g: usize, s: Option<usize>| s.map_or(0, |s| super::groups::counts(&groups[g].roles[SPEAKER], &comparison.system_groups[s].roles[SPEAKER]).tp);
    let score = |order: &[usize]| same_passage.iter().zip(order).map(|(&g, &k)| shared(g, systems[k])).sum::<usize>();
    // The first best order, so that the metric's own pairing stands where speakers tie.
    let best = orders(same_passage.len()).into_iter().rev().max_by_key(|order| score(order))?;
    systems[best[at]]
}

/// Index of the speaker among a group's roles (see [`super::groups::groups`]).
const SPEAKER: usize = 3;

/// Passages with more sources than this keep the metric's pairing (their orders multiply).
const MAX_SOURCES_OF_A_PASSAGE: usize = 5;

/// Every order of `0..n`, the identity first.
fn orders(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for shorter in orders(n - 1) {
        for place in (0..n).rev() {
            let mut order = shorter.clone();
            order.insert(place, n - 1);
            all.push(order);
        }
    }
    all
}

/// The system quotation the metric paired with gold quotation `gold`, when their messages overlap.
fn paired_system(comparison: &Comparison, gold: usize) -> Option<usize> {
    let pair = comparison.pairs.iter().find(|p| p.gold == Some(gold))?;
    let system = pair.system?;
    let overlap = super::groups::overlap_f1(&comparison.gold_groups[gold].message, &comparison.system_groups[system].message);
    (overlap > 0.0).then_some(system)
}

/// The corpus-wide canonical name(s) of every system quotation's speaker, per comparison
/// and quotation, as every output format names them.
fn canonical_names(comparisons: &[Comparison]) -> Vec<Vec<Option<String>>> {
    let docs: Vec<&[crate::document::Quotation]> = comparisons.iter().map(|c| c.system.map_or(&[][..], |d| &d.quotations[..])).collect();
    let names: Vec<Option<&str>> = docs.iter().flat_map(|qs| qs.iter().map(|q| q.speaker_name.as_deref())).collect();
    let kinds: Vec<_> = docs.iter().flat_map(|qs| qs.iter().map(|q| q.speaker_kind)).collect();
    let sources: Vec<usize> = docs.iter().enumerate().flat_map(|(d, qs)| std::iter::repeat(d).take(qs.len())).collect();
    let identities = identity::resolve(&names, &kinds, &sources);
    let mut canonical = identities.all_of.iter().map(|people| {
        let names: Vec<&str> = people.iter().map(|&p| identities.people[p].name.as_str()).collect();
        (!names.is_empty()).then(|| identity::join_names(&names))
    });
    docs.iter().map(|qs| canonical.by_ref().take(qs.len()).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_parse_with_alternatives_and_refuse_what_is_malformed() {
        let e = parse_line("Artikel (2005-01-01)\t10\t40\torganisation\tVereinte Nationen | UN").unwrap();
        assert_eq!(e.names, ["Vereinte Nationen", "UN"]);
        assert_eq!(e.kind, Some(SpeakerKind::Organisation));
        assert_eq!(parse_line("A\t1\t5\tunnamed\t").unwrap().names, Vec::<String>::new());
        assert_eq!(parse_line("A\t1\t5\tnone").unwrap().kind, None);
        assert!(parse_line("A\t5\t1\tperson\tX").is_err());
        assert!(parse_line("A\t1\t5\tperson\t").is_err());
        assert!(parse_line("A\t1\t5\tunnamed\tX").is_err());
        assert_eq!(parse_line("A\t1\t5\tdocument\tBericht").unwrap().names, ["Bericht"]);
        assert!(parse_line("A\t1\t5\tleader\tX").is_err());
    }

    #[test]
    fn a_couple_shares_the_surname_and_other_names_are_left_alone() {
        assert_eq!(with_shared_surname("Sonia und Willy Bogner").as_deref(), Some("Sonia Bogner und Willy Bogner"));
        assert_eq!(with_shared_surname("Stoltenberg und Olaf Scholz"), None);
        assert_eq!(with_shared_surname("Jens Stoltenberg"), None);
    }

    #[test]
    fn a_document_is_the_same_where_its_noun_and_its_owners_name_are() {
        assert!(same_document("Meldungen der malaysischen Nachichtenagentur Bernama", "Meldungen von Bernama"));
        assert!(same_document("Hochrechnung des US-Nachrichtensenders Fox News Channel", "Hochrechnung des Fox News Channel"));
        assert!(same_document("Berichte der satirischen Wochenzeitung Le Canard enchaîné", "Berichte der Wochenzeitung Le Canard enchaîné"));
        assert!(!same_document("Bericht der Menschenrechtsorganisation", "Bericht von amnesty international"), "a kind of body alone names no owner");
        assert!(!same_document("Pressemitteilung der Polizei", "Bericht der Polizei"), "another noun");
        assert!(!same_document("Bericht", "Bericht"), "no owner: only an exact name counts");
    }

    #[test]
    fn orders_are_all_permutations_with_the_identity_first() {
        let all = orders(3);
        assert_eq!(all.len(), 6);
        assert_eq!(all[0], [0, 1, 2]);
        let distinct: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), 6);
    }

    #[test]
    fn names_compare_without_case_article_or_hyphen_variants() {
        assert_eq!(normalise("die Polizei Jena"), "polizei jena");
        assert_eq!(normalise("Polizei in Jena"), "polizei jena");
        assert_eq!(normalise("Polizei in"), "polizei in");
        assert_eq!(normalise("Hans-Peter  Müller"), "hans peter müller");
        assert_eq!(normalise("Die"), "die");
    }

    #[test]
    fn the_kind_table_counts_each_key_quotation_once_under_its_kind() {
        let entry = |kind, name: &str| KeyEntry { document: "A".into(), quote: Span::new(0, 5), kind, names: vec![name.into()].into_iter().filter(|n: &String| !n.is_empty()).collect() };
        let said = |name: Option<&str>| Said { matched: true, name: name.map(Into::into), ..Said::default() };
        let mut report = NameReport::default();
        report.add(&entry(Some(SpeakerKind::Person), "Anna Berg"), said(Some("Anna Berg")));
        report.add(&entry(Some(SpeakerKind::Organisation), "Polizei Jena"), said(Some("Polizei")));
        report.add(&entry(Some(SpeakerKind::Organisation), "Stadt Köln"), said(None));
        report.add(&entry(Some(SpeakerKind::Unnamed), ""), said(Some("Karl Weber")));
        let table: HashMap<&str, [usize; 5]> = report.by_key_kind().into_iter().collect();
        assert_eq!(table["person"], [1, 1, 0, 0, 0]);
        assert_eq!(table["organisation"], [2, 0, 1, 1, 0]);
        assert_eq!(table["document"], [0; 5]);
        assert_eq!(table["unnamed or none"], [1, 0, 1, 0, 0]);
    }

    #[test]
    fn a_name_confidence_cut_off_withholds_the_names_below_it() {
        let entry = |key: &str| KeyEntry { document: "A".into(), quote: Span::new(0, 5), kind: Some(SpeakerKind::Person), names: vec![key.into()] };
        let said = |name: &str, confidence| Said { matched: true, name: Some(name.into()), speaker: Some(name.into()), kind: Some(SpeakerKind::Person), name_confidence: Some(confidence), ..Said::default() };
        let mut report = NameReport::default();
        report.add(&entry("Anna Berg"), said("Anna Berg", 0.9));
        report.add(&entry("Jonas Feld"), said("Karl Weber", 0.4));
        report.add(&entry("Karl Weber"), said("Karl Weber", 0.6));
        assert_eq!(report.kept_from(0.0), (2, 3, 1));
        assert_eq!(report.kept_from(0.5), (2, 2, 0));
        assert_eq!(report.kept_from(0.7), (1, 1, 0));
    }
}
