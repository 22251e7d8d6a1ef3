//! The verdict on a match: does the claim say what the quotation says?
//!
//! The search finds a quotation however its words were changed, so a claim that turns it
//! around („Die Nato hat Pläne …“ for „Die Nato hat keine Pläne …“) scores as high as a
//! faithful one. The verdict reads the difference for the few kinds of word that carry
//! the statement: a negation added or dropped, a number, date or amount, a named person,
//! place or organisation, a modal verb (muss, darf, kann, soll …), a word of frequency or
//! quantity (immer, oft, alle, einige …), and a word turned into its opposite (mehr and
//! weniger, stärker and schwächer, steigen and sinken). Any of these changed makes the
//! match [`Verdict::MeaningChanged`], naming the words; other changes (case, punctuation,
//! umlaut spellings, the Konjunktiv as Indikativ, a synonym, filler words) leave it
//! [`Verdict::SameMeaning`], and a claim with the quotation's words as written is
//! [`Verdict::Verbatim`].
//!
//! The words are compared on the alignment of [`diff`](super::diff), only where it
//! differs. Words of the quotation that the claim leaves out at its start or end are a
//! shortened quote and do not count, except a negation right next to the part quoted:
//! cutting „Wir wollen das“ out of „Wir wollen das nicht“ turns it around. Words the claim
//! adds count wherever they stand, since the quotation does not say them: a claim that
//! wraps a partial quote („… sei „bewusst und gewollt“ …“) in a negation is not
//! confirmed by it. Only the speaker's own name may frame a claim („…, sagte
//! Stoltenberg“): a word of it is no name change.
//!
//! A word counts as a name when it is capitalised and the corpus knows it as a word of a
//! speaker's name, or the table (`meaning.tsv`) or the countries lexicon lists it, or it
//! has two capitals (NATO, AfD); German capitalises every noun, so a capital alone says
//! nothing. The review site's check box runs the same rules in JavaScript
//! (`src/assets/find.js`) on the tables [`Rules`] hands it.

use super::diff::Step;
use super::words;
use crate::detect::lexicon::is_role_noun;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The table of words that carry meaning (see its header).
pub const MEANING_TSV: &str = include_str!("meaning.tsv");

/// Endings an `opposite` word of the table may carry („stärker“: „stärkere“, „stärkeren“).
pub const OPPOSITE_ENDINGS: [&str; 7] = ["", "e", "em", "en", "er", "es", "n"];

/// How far the claim keeps to the quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// The quotation's words as written (quotation marks and punctuation aside).
    #[serde(rename = "verbatim")]
    Verbatim,
    /// Worded otherwise, but none of the words that carry the statement changed.
    #[serde(rename = "same meaning")]
    SameMeaning,
    /// A negation, number, name, modal, frequency or quantity, or opposite changed.
    #[serde(rename = "meaning changed")]
    MeaningChanged,
}

/// The kind of word that changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Negation,
    Number,
    Name,
    Modal,
    Polarity,
    Opposite,
}

impl Kind {
    fn table_name(self) -> &'static str {
        match self {
            Kind::Negation => "negation",
            Kind::Number => "number",
            Kind::Name => "name",
            Kind::Modal => "modal",
            Kind::Polarity => "polarity",
            Kind::Opposite => "opposite",
        }
    }
}

/// One kind of change: the words only the claim has and those only the quotation has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub claim: Vec<String>,
    pub quote: Vec<String>,
}

impl Change {
    /// In English, for the command line: `„keine“ dropped (negation)`.
    pub fn describe(&self) -> String {
        let quoted = |words: &[String]| words.iter().map(|w| format!("„{w}“")).collect::<Vec<_>>().join(", ");
        let what = match (self.claim.is_empty(), self.quote.is_empty()) {
            (true, _) => format!("{} dropped", quoted(&self.quote)),
            (false, true) => format!("{} added", quoted(&self.claim)),
            (false, false) => format!("{} for {}", quoted(&self.claim), quoted(&self.quote)),
        };
        format!("{what} ({})", self.kind.table_name())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    pub changes: Vec<Change>,
}

/// The word table parsed: for each kind, folded word → key. Serialised into the review
/// site, whose check box judges in the browser; sorted, so that the site is the same
/// byte for byte on every run.
#[derive(Debug, Serialize)]
pub struct Rules {
    pub words: BTreeMap<&'static str, BTreeMap<String, String>>,
    pub opposite_endings: [&'static str; 7],
}

pub static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let mut words: BTreeMap<&'static str, BTreeMap<String, String>> = BTreeMap::new();
    for line in MEANING_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut fields = line.split('\t').map(str::trim);
        let (kind, word) = (fields.next().unwrap_or_default(), fields.next().unwrap_or_default());
        let key = fields.next().filter(|k| !k.is_empty()).unwrap_or(word);
        words.entry(kind).or_default().insert(words::spelling(word), key.to_owned());
    }
    Rules { words, opposite_endings: OPPOSITE_ENDINGS }
});

impl Rules {
    fn key(&self, kind: Kind, word: &str) -> Option<String> {
        self.words.get(kind.table_name())?.get(&words::spelling(word)).cloned()
    }

    fn number_key(&self, word: &str) -> Option<String> {
        if word.chars().all(|c| c.is_ascii_digit()) {
            let value = word.trim_start_matches('0');
            return Some(if value.is_empty() { "0" } else { value }.to_owned());
        }
        self.key(Kind::Number, word)
    }

    fn opposite_key(&self, word: &str) -> Option<String> {
        let spelled = words::spelling(word);
        let table = self.words.get(Kind::Opposite.table_name())?;
        (OPPOSITE_ENDINGS.iter())
            .filter_map(|ending| spelled.strip_suffix(ending))
            .find_map(|stem| table.get(stem).cloned())
    }
}

/// The words that name someone or something: the table's and the countries lexicon's,
/// and those of the speakers' names a corpus has. Kept as keys (folded, a genitive -s
/// dropped: „Kellers“ is „Keller“).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names(BTreeSet<String>);

impl Names {
    /// The names every corpus knows.
    pub fn builtin() -> Names {
        let listed = RULES.words.get(Kind::Name.table_name()).into_iter().flat_map(|t| t.keys().cloned());
        let countries = crate::lexicon::COUNTRIES.list().into_iter().map(words::spelling);
        Names(listed.chain(countries).map(|w| words::without_genitive(&w).to_owned()).collect())
    }

    /// The built-in names and the words of these speaker names (titles, role nouns and
    /// lower-case words left out: „Nato-Generalsekretär Jens Stoltenberg“ gives Jens and
    /// Stoltenberg).
    pub fn with_speakers<'a>(speakers: impl IntoIterator<Item = &'a str>) -> Names {
        let mut names = Names::builtin();
        for speaker in speakers {
            let bare = crate::identity::bare(speaker);
            let parts = words::split(&bare).filter(|w| is_capitalised(w) && w.chars().count() > 1 && !is_role_noun(w));
            names.0.extend(parts.map(|w| words::without_genitive(&words::spelling(w)).to_owned()));
        }
        names
    }

    pub fn from_keys(keys: impl IntoIterator<Item = String>) -> Names {
        Names(keys.into_iter().collect())
    }

    /// The keys, sorted (for the index file and the review site).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The key of a word when it is a name: its parts that are names, folded
    /// („Nato-Gipfel“ → „nato“, so that „Nato-Treffen“ is the same name).
    pub fn key(&self, word: &str) -> Option<String> {
        if !is_capitalised(word) {
            return None;
        }
        let parts: Vec<String> = (word.split('-'))
            .filter(|part| is_capitalised(part))
            .map(|part| (part, words::spelling(part)))
            .filter(|(part, spelled)| has_two_capitals(part) || self.0.contains(words::without_genitive(spelled)))
            .map(|(_, spelled)| words::without_genitive(&spelled).to_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("-"))
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// NATO, AfD, SPD: an organisation's letters, not a noun at the start of a sentence.
fn has_two_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// The verdict on a claim matched to a wording, with `steps` their alignment and
/// `speaker` the name of whoever said it.
pub fn judge(claim: &str, wording: &str, steps: &[Step], names: &Names, speaker: Option<&str>) -> Judgement {
    if words::split(claim).eq(words::split(wording)) {
        return Judgement { verdict: Verdict::Verbatim, changes: Vec::new() };
    }
    let changes = changes(steps, names, speaker);
    let verdict = if changes.is_empty() { Verdict::SameMeaning } else { Verdict::MeaningChanged };
    Judgement { verdict, changes }
}

/// What changed of the words that carry meaning, one [`Change`] per kind.
pub fn changes(steps: &[Step], names: &Names, speaker: Option<&str>) -> Vec<Change> {
    let rules = &*RULES;
    let inner = Sides::of(steps, 0);
    let near = Sides::of(steps, 1);
    let own: Vec<String> = speaker.map(|s| words::split(s).map(|w| words::without_genitive(&words::spelling(w)).to_owned()).collect()).unwrap_or_default();
    let name = |w: &str| names.key(w).filter(|key| !own.contains(key));
    [
        negation(&near, &inner),
        differ(Kind::Number, &inner, |w| rules.number_key(w)),
        differ(Kind::Name, &inner, name),
        differ(Kind::Modal, &inner, |w| rules.key(Kind::Modal, w)),
        differ(Kind::Polarity, &inner, |w| rules.key(Kind::Polarity, w)),
        opposite(&inner),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The words of the alignment that differ: the claim's and the quotation's, and the pairs
/// one changed into the other.
#[derive(Default)]
struct Sides<'a> {
    claim: Vec<&'a str>,
    quote: Vec<&'a str>,
    pairs: Vec<(&'a str, &'a str)>,
}

impl<'a> Sides<'a> {
    /// The differing words: all the claim's, and the quotation's but those it leaves out
    /// before or after the part quoted, of which only the `reach` nearest count.
    fn of(steps: &'a [Step], reach: usize) -> Sides<'a> {
        let left_out = |step: &&Step| matches!(step, Step::Dropped { .. });
        let before = steps.iter().take_while(left_out).count();
        let after = if before == steps.len() { 0 } else { steps.iter().rev().take_while(left_out).count() };
        let range = before - before.min(reach)..steps.len() - after + after.min(reach);
        let mut sides = Sides::default();
        for (at, step) in steps.iter().enumerate() {
            match step {
                Step::Dropped { .. } if !range.contains(&at) => {}
                Step::Same { .. } => {}
                Step::Changed { claim, quote } => {
                    sides.claim.push(claim);
                    sides.quote.push(quote);
                    sides.pairs.push((claim.as_str(), quote.as_str()));
                }
                Step::Added { word } => sides.claim.push(word),
                Step::Dropped { word } => sides.quote.push(word),
            }
        }
        sides
    }
}

/// A word with its key.
type Keyed = (String, String);

/// The change of one kind: the words whose key the other side lacks.
fn differ(kind: Kind, sides: &Sides, key: impl Fn(&str) -> Option<String>) -> Option<Change> {
    let (claim, quote) = unmatched(keyed(&sides.claim, &key), keyed(&sides.quote, &key));
    change(kind, claim, quote)
}

fn keyed(words: &[&str], key: impl Fn(&str) -> Option<String>) -> Vec<Keyed> {
    words.iter().filter_map(|w| key(w).map(|k| (k, (*w).to_owned()))).collect()
}

/// The keyed words of each side that the other side has no word of the same key for
/// (counted: two negations against one leave one).
fn unmatched(claim: Vec<Keyed>, mut quote: Vec<Keyed>) -> (Vec<Keyed>, Vec<Keyed>) {
    let mut left = Vec::new();
    for (key, word) in claim {
        match quote.iter().position(|(k, _)| *k == key) {
            Some(at) => {
                quote.remove(at);
            }
            None => left.push((key, word)),
        }
    }
    (left, quote)
}

fn change(kind: Kind, claim: Vec<Keyed>, quote: Vec<Keyed>) -> Option<Change> {
    let words = |side: Vec<Keyed>| side.into_iter().map(|(_, w)| w).collect::<Vec<_>>();
    (!claim.is_empty() || !quote.is_empty()).then(|| Change { kind, claim: words(claim), quote: words(quote) })
}

/// A negation more or fewer, or a word turned into its „un“-word („möglich“ and
/// „unmöglich“).
fn negation(near: &Sides, inner: &Sides) -> Option<Change> {
    let key = |w: &str| RULES.key(Kind::Negation, w);
    let (mut claim, mut quote) = unmatched(keyed(&near.claim, key), keyed(&near.quote, key));
    for (c, q) in &inner.pairs {
        let (fc, fq) = (words::spelling(c), words::spelling(q));
        if fc.strip_prefix("un") == Some(fq.as_str()) || fq.strip_prefix("un") == Some(fc.as_str()) {
            claim.push((fc, (*c).to_owned()));
            quote.push((fq, (*q).to_owned()));
        }
    }
    change(Kind::Negation, claim, quote)
}

/// A word on one side whose opposite is on the other („weniger“ for „mehr“); a word of
/// the table added or dropped alone is no flip.
fn opposite(inner: &Sides) -> Option<Change> {
    let key = |w: &str| RULES.opposite_key(w);
    let (claim, quote) = unmatched(keyed(&inner.claim, key), keyed(&inner.quote, key));
    let flipped = |key: &str| {
        let (pair, pole) = key.split_at(key.len().saturating_sub(1));
        format!("{pair}{}", if pole == "+" { "-" } else { "+" })
    };
    let has = |side: &[Keyed], key: &str| side.iter().any(|(k, _)| *k == key);
    let claim_flips: Vec<Keyed> = claim.iter().filter(|(k, _)| has(&quote, &flipped(k.as_str()))).cloned().collect();
    let quote_flips: Vec<Keyed> = quote.iter().filter(|(k, _)| has(&claim, &flipped(k.as_str()))).cloned().collect();
    change(Kind::Opposite, claim_flips, quote_flips)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::diff;

    fn names() -> Names {
        Names::with_speakers(["Jens Stoltenberg", "Bundeskanzler Olaf Scholz", "Thomas Keller"])
    }

    fn judged(claim: &str, wording: &str) -> Judgement {
        judge(claim, wording, &diff::steps(claim, wording), &names(), None)
    }

    fn change_of(claim: &str, wording: &str) -> Vec<(Kind, Vec<String>, Vec<String>)> {
        let judgement = judged(claim, wording);
        assert_eq!(judgement.verdict, Verdict::MeaningChanged, "{claim} / {wording}: {judgement:?}");
        judgement.changes.into_iter().map(|c| (c.kind, c.claim, c.quote)).collect()
    }

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    const NATO: &str = "„Die Nato hat keine Pläne, Truppen in die Ukraine zu entsenden“";

    #[test]
    fn the_quotation_as_written_is_verbatim_and_a_rewording_keeps_the_meaning() {
        assert_eq!(judged("Die Nato hat keine Pläne, Truppen in die Ukraine zu entsenden.", NATO).verdict, Verdict::Verbatim);
        for same in [
            "die nato hat keine plaene truppen in die ukraine zu entsenden",
            "Die Nato hat keine Pläne",
            "Die Nato hat keine Pläne, Truppen in die Ukraine zu schicken",
            "Die Nato hat ja keine Pläne, Soldaten in die Ukraine zu entsenden",
        ] {
            assert_eq!(judged(same, NATO), Judgement { verdict: Verdict::SameMeaning, changes: vec![] }, "{same}");
        }
        let konjunktiv = "Die Brücke sei für den Schwerlastverkehr nicht mehr sicher, man müsse sie sperren";
        let same = judged("Die Brücke ist für den Schwerlastverkehr nicht mehr sicher, man muss sie sperren", konjunktiv);
        assert_eq!(same.verdict, Verdict::SameMeaning, "Konjunktiv as Indikativ, the modal kept: {same:?}");
        let framed = "Die Nato hat keine Pläne, Truppen in die Ukraine zu entsenden, sagte Stoltenberg";
        let by_him = judge(framed, NATO, &diff::steps(framed, NATO), &names(), Some("Jens Stoltenberg"));
        assert_eq!(by_him.verdict, Verdict::SameMeaning, "the speaker's name frames the claim: {by_him:?}");
        assert_eq!(change_of(framed, NATO), vec![(Kind::Name, strings(&["Stoltenberg"]), vec![])], "another's name does not");
        let stronger = judged("Die Welt ist gefährlich, aber die Nato ist stark", "„Die Welt ist gefährlich, aber die NATO ist stärker“");
        assert_eq!(stronger.verdict, Verdict::SameMeaning, "„stark“ is no opposite of „stärker“");
    }

    #[test]
    fn a_negation_dropped_or_added_is_named() {
        assert_eq!(change_of("Die Nato hat Pläne, Truppen in die Ukraine zu entsenden", NATO), vec![(Kind::Negation, vec![], strings(&["keine"]))]);
        assert_eq!(
            change_of("Wir werden die Schule nicht sanieren", "„Wir werden die Schule im Sommer sanieren“"),
            vec![(Kind::Negation, strings(&["nicht"]), vec![])]
        );
        assert_eq!(
            change_of("Die Nato hat viele Pläne, Truppen in die Ukraine zu entsenden", NATO),
            vec![(Kind::Negation, vec![], strings(&["keine"])), (Kind::Polarity, strings(&["viele"]), vec![])]
        );
        assert_eq!(change_of("Das ist möglich", "„Das ist unmöglich“"), vec![(Kind::Negation, strings(&["möglich"]), strings(&["unmöglich"]))]);
        assert_eq!(
            change_of("Wir wollen das", "„Wir wollen das nicht, sagte sie“"),
            vec![(Kind::Negation, vec![], strings(&["nicht"]))],
            "a quote cut right before its negation is turned around"
        );
        assert_eq!(
            change_of("Der Sohn habe sich nicht bewusst und gewollt stranguliert", "„bewusst und gewollt stranguliert“"),
            vec![(Kind::Negation, strings(&["nicht"]), vec![])],
            "a partial quote wrapped in a negation does not confirm it"
        );
        let negations = judged("Niemand hat die Absicht, eine Mauer zu errichten", "„Keiner hat die Absicht, eine Mauer zu errichten“");
        assert_eq!(negations.verdict, Verdict::SameMeaning, "one negation for another: {negations:?}");
    }

    #[test]
    fn numbers_dates_and_amounts() {
        let wording = "„Drei von vier Befragten, also 75 Prozent, wollen im Mai wählen“";
        assert_eq!(
            change_of("Drei von vier Befragten, also 57 Prozent, wollen im Mai wählen", wording),
            vec![(Kind::Number, strings(&["57"]), strings(&["75"]))]
        );
        assert_eq!(change_of("3 von 4 Befragten, also 75 Prozent, wollen im Juni wählen", wording), vec![(Kind::Number, strings(&["Juni"]), strings(&["Mai"]))]);
        assert_eq!(
            change_of("Die Stadt spart zwei Millionen Euro", "„Die Stadt spart zwei Milliarden Euro“"),
            vec![(Kind::Number, strings(&["Millionen"]), strings(&["Milliarden"]))]
        );
    }

    #[test]
    fn a_name_changed_but_not_a_noun() {
        assert_eq!(
            change_of("Die Nato hat keine Pläne, Truppen nach Polen zu entsenden", NATO),
            vec![(Kind::Name, strings(&["Polen"]), strings(&["Ukraine"]))]
        );
        assert_eq!(
            change_of("Ich habe mit Scholz gesprochen", "„Ich habe mit Stoltenberg gesprochen“"),
            vec![(Kind::Name, strings(&["Scholz"]), strings(&["Stoltenberg"]))]
        );
        assert_eq!(change_of("Die SPD will das", "„Die CDU will das“"), vec![(Kind::Name, strings(&["SPD"]), strings(&["CDU"]))]);
        assert_eq!(judged("Kellers Plan ist gut", "„Keller-Plan ist gut“").verdict, Verdict::SameMeaning, "the genitive of a name is the name");
        assert_eq!(judged("Der Nato-Gipfel war gut", "„Das Nato-Treffen war gut“").verdict, Verdict::SameMeaning);
    }

    #[test]
    fn modal_polarity_and_opposites() {
        assert_eq!(change_of("Wir können sparen", "„Wir müssen sparen“"), vec![(Kind::Modal, strings(&["können"]), strings(&["müssen"]))]);
        assert_eq!(change_of("Er war nie da", "„Er war immer da“"), vec![(Kind::Negation, strings(&["nie"]), vec![]), (Kind::Polarity, vec![], strings(&["immer"]))]);
        assert_eq!(change_of("Einige Schulen sind marode", "„Alle Schulen sind marode“"), vec![(Kind::Polarity, strings(&["Einige"]), strings(&["Alle"]))]);
        assert_eq!(
            change_of("Die Preise sind schneller gesunken als erwartet", "„Die Preise sind schneller gestiegen als erwartet“"),
            vec![(Kind::Opposite, strings(&["gesunken"]), strings(&["gestiegen"]))]
        );
        assert_eq!(change_of("Wir brauchen weniger Geld", "„Wir brauchen mehr Geld“"), vec![(Kind::Opposite, strings(&["weniger"]), strings(&["mehr"]))]);
        assert_eq!(judged("Wir brauchen Geld für die Schulen", "„Wir brauchen mehr Geld für die Schulen“").verdict, Verdict::SameMeaning, "no flip without the opposite");
    }

    #[test]
    fn names_come_from_speakers_the_tables_and_capitals() {
        let names = names();
        assert_eq!(names.key("Stoltenbergs"), Some("stoltenberg".into()));
        assert_eq!(names.key("Kellers"), Some("keller".into()));
        assert_eq!(names.key("Bundeskanzler"), None, "a role noun of a speaker's name is no name");
        assert_eq!(names.key("Ukraine"), Some("ukraine".into()));
        assert_eq!(names.key("AfD-Politiker"), Some("afd".into()));
        assert_eq!(names.key("Truppen"), None);
        assert_eq!(names.key("scholz"), None, "a name is written with a capital");
    }

    #[test]
    fn the_change_reads_in_english_on_the_command_line() {
        let change = Change { kind: Kind::Number, claim: strings(&["57"]), quote: strings(&["75"]) };
        assert_eq!(change.describe(), "„57“ for „75“ (number)");
        let dropped = Change { kind: Kind::Negation, claim: vec![], quote: strings(&["keine"]) };
        assert_eq!(dropped.describe(), "„keine“ dropped (negation)");
    }
}
