//! What a speaker phrase refers to, read from the phrase alone. [`names`](super::names) then
//! resolves what only the article can tell (pronouns, descriptions, „demnach“).
//!
//! In the order the phrase is read:
//! 1. cue words and quotation marks around it go („Laut BBC News“ → „BBC News“);
//! 2. a source noun hands over to its owner („Angaben der Polizei“ → the police,
//!    „Einschätzung des Vorsitzenden Thomas Enders“ → Thomas Enders, „Celebis Angaben“ →
//!    Celebi), unless it names a document („einem Bericht der Zeitung X“ → that report);
//!    „eigenen Angaben“ hands over to the clause's subject, which only the article shows;
//! 3. a name, a person's or a body's („die Plattenfirma Sony-Music“ → Sony-Music);
//! 4. a spokesperson without a name of their own speaks for their body („ein Sprecher des
//!    Finanzministeriums“, „ein Polizeisprecher“);
//! 5. what is left is a description: a role („der Minister“), a body („das Ministerium“),
//!    a group of people („Experten“) or nobody in particular.

use crate::detect::lexicon::{is_in, is_role_noun, is_source_noun, COUNTRIES, DETERMINERS, VERB_CUES};
use crate::detect::words::Word;
use crate::lexicon::{self as tables, WordSet};
use std::sync::LazyLock;

/// What a speaker phrase refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Referent {
    Person(String),
    /// An organisation by its name or its own description, in the nominative.
    Body(String),
    Document(String),
    /// „er“, „sie“, „ihren Angaben“: whoever the article last named.
    Pronoun,
    /// „nach eigenen Angaben“: the subject of the clause around the phrase.
    Reflexive,
    /// „der Minister“: the person the article introduced with that role noun.
    Role(String),
    /// „das Ministerium“: the body the article named whose name ends like this one; this
    /// wording (nominative) where it named none.
    BodyDescription(String),
    /// „demnach“: the source of the quotation before.
    Previous,
    /// People the article does not name („ein Augenzeuge“, „Experten“).
    Unnamed,
    /// No source at all: a function word or adverb tagged as a speaker („In“, „Besonders“).
    Nothing,
}

static BODY_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| tables::BODY_NOUNS.list());
static DOCUMENT_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| tables::DOCUMENT_NOUNS.list());
static GROUP_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| tables::GROUP_NOUNS.list());
static AGENT_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| tables::AGENT_NOUNS.list());
static PERSON_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| tables::PERSON_NOUNS.list());
static ANAPHORIC: WordSet = LazyLock::new(|| tables::ANAPHORIC_SOURCES.set());
static SENTENCE_STARTERS: WordSet = LazyLock::new(|| tables::SENTENCE_STARTERS.set());
static NATIONALITIES: WordSet = LazyLock::new(|| tables::NATIONALITIES.set());
/// Articles, pronouns, prepositions, conjunctions, particles („Weder“): never a speaker.
static FUNCTION_WORDS: WordSet = LazyLock::new(|| tables::FUNCTION_WORDS.set());
static FOREIGN_BODY_WORDS: WordSet = LazyLock::new(|| tables::FOREIGN_BODY_WORDS.set());
/// „der Spiegel“ → „Der Spiegel“, „die Grünen“ → „Grünen“ (`titled_names.tsv`).
static TITLED_NAMES: LazyLock<std::collections::HashMap<&str, &str>> = LazyLock::new(|| tables::TITLED_NAMES.rows().map(|(_, f)| (f[0], f[1])).collect());
/// „israelisch“ → „Israel“ (`country_adjectives.tsv`).
static COUNTRY_ADJECTIVES: LazyLock<std::collections::HashMap<&str, &str>> = LazyLock::new(|| tables::COUNTRY_ADJECTIVES.rows().map(|(_, f)| (f[0], f[1])).collect());
/// The states of `country_adjectives.tsv`.
static COUNTRY_NAMES: LazyLock<std::collections::HashSet<&str>> = LazyLock::new(|| COUNTRY_ADJECTIVES.values().copied().collect());
/// The capitals of `capitals.tsv`.
static CAPITALS: LazyLock<std::collections::HashSet<&str>> = LazyLock::new(|| tables::CAPITALS.list().into_iter().collect());

/// „Spiegel“ → „Der Spiegel“: the medium or party a common noun names (`titled_names.tsv`).
pub fn titled_name(word: &str) -> Option<&'static str> {
    TITLED_NAMES.get(word).copied()
}

/// „Kuba“, „Paris“: a state or a capital, which speaks as a body, never as a person.
pub fn is_state(word: &str) -> bool {
    is_country(word) || CAPITALS.contains(word)
}

/// „Georgien“: a country of `countries.tsv` or `country_adjectives.tsv` (no city).
fn is_country(word: &str) -> bool {
    is_in(&COUNTRIES, word) || COUNTRY_NAMES.contains(word)
}

/// Whether the (capitalised) word ends in one of `endings`, as written or without a
/// genitive or plural ending.
fn ends_in(endings: &[&str], word: &str) -> bool {
    let lower = word.to_lowercase();
    let forms = [Some(lower.as_str()), lower.strip_suffix("es"), lower.strip_suffix('s'), lower.strip_suffix("en"), lower.strip_suffix('n')];
    let found = forms.into_iter().flatten().any(|form| endings.iter().any(|e| form.ends_with(e)));
    found
}

/// A noun for a person's role or occupation („Minister“, „Wissenschaftsjournalist“); not
/// an acronym that ends like one („NDR“ is no „Dr“).
pub fn is_person_noun(word: &str) -> bool {
    let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    // „des Obersten Gerichtshofs“: the superlative, not the colonel („Oberst Klein“).
    let superlative = ["Oberste", "Obersten", "Oberster", "Oberstes"].contains(&word);
    (is_role_noun(word) || is_noun(word) && ends_in(&PERSON_NOUNS, word)) && !acronym && !superlative
}

pub fn is_body_noun(word: &str) -> bool {
    is_noun(word) && !is_person_noun(word) && ends_in(&BODY_NOUNS, word)
}

/// „Behörden“, „Hilfsorganisationen“: a body noun in the plural, some bodies of a kind.
fn is_plural_body_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = [Some(lower.as_str()), lower.strip_suffix('s'), lower.strip_suffix("es")].into_iter().flatten().any(|form| BODY_NOUNS.iter().any(|e| form.ends_with(e)));
    is_body_noun(word) && !singular && !looks_like_body_name(word)
}

/// Body nouns that only say what kind of body the name after them is („die Plattenfirma
/// Sony-Music“, „der Nachrichtenagentur AFP“); other body nouns belong to the name
/// („Gewerkschaft Nahrung-Genuss-Gaststätten“, „Staatsanwaltschaft Krefeld“), as do federal
/// ones („Bundesnetzagentur“).
pub fn is_category_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["sender", "senders", "agentur", "zeitung", "zeitschrift", "magazin", "magazins", "magazines", "firma", "konzern", "konzerns", "unternehmen", "unternehmens", "gesellschaft", "organisation", "hersteller", "herstellers", "airline", "partei", "tochter", "gruppe", "bewegung", "verlag", "verlags", "verlages", "behörde", "behörden", "netzwerk", "netzwerks", "plattform", "portal", "portals", "dienst", "dienstes", "versorger", "versorgers"]
        .iter()
        .any(|e| lower.ends_with(e))
        // „die Bundesnetzagentur“, „der Bundesnachrichtendienst“: the federal one is a name.
        && !(lower.starts_with("bundes") && !lower.starts_with("bundesbehörde"))
}

fn is_document_noun(word: &str) -> bool {
    is_noun(word) && ends_in(&DOCUMENT_NOUNS, word) && !word.to_lowercase().starts_with("einschätzung")
}

fn is_group_noun(word: &str) -> bool {
    is_noun(word) && GROUP_NOUNS.iter().any(|e| word.to_lowercase().ends_with(e))
}

pub fn is_agent_noun(word: &str) -> bool {
    is_noun(word) && ends_in(&AGENT_NOUNS, word)
}

fn is_noun(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// „Klage“, „Einspruch“: what one files at a court („beim Bundesverfassungsgericht Klage
/// eingereicht“, „des Bundespräsidenten Klage einreichen“), never a name after it.
pub fn is_legal_action(word: &str) -> bool {
    ["Klage", "Beschwerde", "Verfassungsbeschwerde", "Einspruch", "Revision", "Antrag", "Anzeige", "Strafanzeige", "Berufung"].contains(&word)
}

/// „Stellung“, „Freiheit“, „Mannschaft“, „Information“: a noun by its suffix, which no
/// surname of the news carries („Jung“, „Hartung“ are short of the length asked).
pub fn is_abstract_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = lower.strip_suffix("en").filter(|s| s.ends_with("ung") || s.ends_with("tion") || s.ends_with("schaft")).unwrap_or(&lower);
    let long = singular.chars().count() >= 8;
    let suffix = ["heit", "keit", "schaft", "tion", "ität", "ismus", "nahme"].iter().any(|e| singular.ends_with(e));
    // „Kritik“, „Politik“, „Technik“.
    let ik = singular.chars().count() >= 6 && singular.ends_with("ik") && !singular.ends_with("republik");
    is_noun(word) && (suffix || ik || long && singular.ends_with("ung"))
}

/// „BGH“, „NASA“, „n-tv“, „n24“, „dpa“: written like an organisation, never like a person.
pub fn looks_like_body_name(word: &str) -> bool {
    // News agencies that write their acronym in lowercase.
    if ["dpa", "ddp", "epd", "kna", "apa", "afp", "taz"].contains(&word) {
        return true;
    }
    // „SPD-Chef“, „IWF-Chef“: a role of the body the acronym names.
    if word.rsplit_once('-').is_some_and(|(_, last)| is_role_noun(last)) {
        return false;
    }
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // „n-tv“, „ver.di“ (not „u.a“, „z.B“).
    let short_lowercase = word.chars().next().is_some_and(char::is_lowercase) && word.chars().count() <= 6 && (word.contains('-') || word.split_once('.').is_some_and(|(a, b)| a.len() >= 2 && b.len() >= 2));
    (upper >= 2 && upper * 2 > letters) || (letters > 0 && word.chars().any(|c| c.is_ascii_digit())) || short_lowercase
}

/// A word a name can be made of: capitalised, or written like a body („n-tv“, „NASA“).
fn writes_a_name(w: &Word) -> bool {
    // („des Nachrichtenportals al-Arabiya“: a body's name with the Arabic article.)
    w.is_capitalised() || looks_like_body_name(w.text) || crate::detect::words::after_arabic_article(w.text).is_some()
}

/// „sein…“, „ihr…“: a possessive (with the determiner lexicon, exactly its twelve forms).
pub fn is_possessive(w: &Word) -> bool {
    let lower = w.lower();
    ["sein", "ihr"].iter().any(|p| lower.starts_with(p))
}

/// Reads a speaker phrase (see the module documentation).
pub fn referent(ws: &[Word]) -> Referent {
    if let Some(medium) = quoted_word(ws) {
        return medium;
    }
    let ws = trimmed(ws);
    let ws = clause_subject(&ws);
    let Some(first) = ws.first().filter(|_| !is_genitive_adverb(ws)) else { return Referent::Nothing };
    // „Kongress- und Verteidigungskreise“: circles, unnamed, not the Congress.
    if (0..ws.len()).any(|k| truncated_compound(ws, k) && is_group_noun(ws[k + 3].text)) {
        return Referent::Unnamed;
    }
    if ws.len() == 1 {
        if let Some(single) = single_word(first) {
            return single;
        }
    }
    if let Some(found) = through_medium_product(&ws) {
        return found;
    }
    if let Some(found) = through_source_noun(&ws) {
        return found;
    }
    // „Experten der polnischen Marine“: a group of a named body speaks for it.
    if let Some(body) = body_of_members(&ws).filter(|_| led_by_group(&ws)) {
        return body;
    }
    // „Einige Anhänger Saddam Husseins“, „Verschiedene Länderparlamente“: some of a kind,
    // none the article names (members of a named body speak for it, as above).
    if ws.first().is_some_and(is_plural_quantifier) {
        return body_of_members(&ws).unwrap_or(Referent::Unnamed);
    }
    if let Some(role) = role_of_country(&ws) {
        return role;
    }
    if let Some(found) = named(&ws) {
        return found;
    }
    if let Some(found) = through_agent_noun(&ws) {
        return found;
    }
    described(&ws)
}

/// „der „Figaro““, „die „Welt““: one capitalised word in quotation marks after an article
/// is the name of a medium or a body (a speaker is never scare-quoted).
fn quoted_word(ws: &[Word]) -> Option<Referent> {
    let [article, open, name, close] = ws else { return None };
    let quoted = is_in(&DETERMINERS, &article.lower()) && open.is_double_mark() && close.is_double_mark() && name.is_capitalised() && !is_in(&DETERMINERS, &name.lower());
    quoted.then(|| Referent::Body(titled_name(name.text).unwrap_or(name.text).to_string()))
}

/// The phrase without quotation marks, brackets and the cue words around it.
fn trimmed<'a>(ws: &[Word<'a>]) -> Vec<Word<'a>> {
    // „Weder die G8 noch …“, „Nicht nur die EU“: a conjunction or focus particle before the phrase.
    let cue = |w: &Word| matches!(w.lower().as_str(), "laut" | "nach" | "zufolge" | "gemäß" | "so" | "wie" | "auch" | "weder" | "sowohl" | "nicht" | "nur" | "sogar" | "selbst");
    let hyphen = |i: usize| i > 0 && truncated_compound(ws, i - 1);
    let kept: Vec<Word> = (ws.iter().enumerate())
        .filter(|&(i, w)| !w.is_punct() || w.is(",") || w.is("(") || w.is(")") || hyphen(i))
        .map(|(_, w)| *w)
        .collect();
    let mut start = kept.iter().take_while(|w| cue(w) || w.is(",")).count();
    // „Von Seiten der Delegation“, „seitens der Regierung“: a cue of two words, or one.
    if kept.get(start).is_some_and(|w| w.lower() == "von") && kept.get(start + 1).is_some_and(|w| w.lower() == "seiten") {
        start += 2;
    }
    start += usize::from(kept.get(start).is_some_and(|w| matches!(w.lower().as_str(), "seitens" | "vonseiten")));
    let end = kept.len() - kept[start..].iter().rev().take_while(|w| cue(w) || w.is(",")).count();
    let end = start + aside_start(&kept[start..end]).unwrap_or(end - start);
    // „weil die US-Regierung Georgien … bezeichnet hat“: a country right after a body is the
    // clause's object (as phrase::core reads it), not the body's name.
    // (A city after it names one: „die Staatsanwaltschaft Berlin“.)
    let end = (start + 1..end).find(|&i| is_country(kept[i].text) && is_body_noun(kept[i - 1].text)).unwrap_or(end);
    kept[start..end].to_vec()
}

/// Where a phrase goes on past its speaker: an indefinite apposition („Arni Finnsson, ein
/// Vertreter der …“ describes, never names), a relative clause („X, der in einer ersten
/// Stellungnahme …“), or others beside the speaker („Der Sprecher … und andere
/// Mitarbeiter“).
fn aside_start(ws: &[Word]) -> Option<usize> {
    let relative = |w: &Word| matches!(w.lower().as_str(), "der" | "die" | "das" | "dem" | "den" | "welcher" | "welche" | "welches");
    (1..ws.len().saturating_sub(1)).find(|&k| {
        let next = &ws[k + 1];
        let clause = || relative(next) && ws.get(k + 2).is_some_and(|w| w.is_lowercase() && !is_in(&DETERMINERS, &w.lower())) && !ws[k + 2..].iter().any(|w| is_person_noun(w.text));
        let others = ws[k].is("und") && matches!(next.lower().as_str(), "andere" | "weitere" | "mehrere" | "zahlreiche");
        // „das Nachrichtenmagazin Der Spiegel in einem Vorabbericht“: the medium, not the source.
        let medium = ws[k].is("in") && (is_indefinite_article(next) || is_possessive(next)) && ws[k + 2..].iter().any(|w| is_document_noun(w.text))
            && !ws[..k].iter().any(|w| is_source_noun(w.text) || is_document_noun(w.text)) && ws[..k].iter().any(Word::is_capitalised);
        // „Günther Platter, der Verteidigungsminister Österreichs“: the name before the comma.
        let role_after_name = matches!(next.lower().as_str(), "der" | "die") && ws.get(k + 2).is_some_and(|w| w.is_capitalised() && is_person_noun(w.text))
            && ws[..k].iter().all(|w| w.is_capitalised() && !is_person_noun(w.text) && !is_in(&DETERMINERS, &w.lower()));
        // „die Kriminalabteilung des Landesgendarmeriekommandos nähere Einzelheiten“: an
        // adjective after a genitive attribute opens the clause's object (not „der für das
        // Kosovo zuständige Minister“: there it opens the noun of its article).
        let noun = |w: &Word| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower());
        let after_genitive = k >= 3 && noun(&ws[k - 1]) && matches!(ws[k - 2].text, "des" | "der") && noun(&ws[k - 3]);
        let object = after_genitive && opens_object(&ws[k], next);
        ws[k].is(",") && (is_indefinite_article(next) || clause() || role_after_name) || others || medium || object
    })
}

/// An inflected adjective before a noun without article („nähere Einzelheiten“).
fn opens_object(adjective: &Word, noun: &Word) -> bool {
    adjective.is_lowercase() && super::names::is_inflected_adjective(adjective) && noun.is_capitalised() && !is_in(&DETERMINERS, &noun.lower())
}

/// A phrase that runs across a reporting verb is a clause; its subject is the speaker: the
/// name right after the verb („Der Zeitung sagte Filep Karma“), else what comes before it
/// („Die Polizei erklärte am Abend“). A document after the verb is the source itself („Die
/// Kommission gab eine Erklärung ab“).
fn clause_subject<'a, 'w>(ws: &'a [Word<'w>]) -> &'a [Word<'w>] {
    let finite = |w: &Word| w.is_lowercase() && VERB_CUES.get(w.lower().as_str()).is_some_and(|cues| cues.iter().any(|c| !c.non_finite));
    let Some(verb) = ws.iter().position(finite).filter(|&k| k > 0 && k + 1 < ws.len()) else { return ws };
    let after = &ws[verb + 1..];
    if after.iter().any(|w| is_document_noun(w.text)) {
        return ws;
    }
    let name_follows = after[0].is_capitalised() && !is_in(&DETERMINERS, &after[0].lower());
    if name_follows { after } else { &ws[..verb] }
}

/// „Des Weiteren“, „des Öfteren“: an adverb shaped like a genitive noun phrase, no speaker
/// („Des Weiteren verwies Steinbrück darauf“: the subject follows the verb).
pub fn is_genitive_adverb(ws: &[Word]) -> bool {
    matches!(ws, [des, adverb] if des.lower() == "des" && matches!(adverb.lower().as_str(), "weiteren" | "öfteren"))
}

/// An article, pronoun, preposition, conjunction or particle (lowercase).
pub fn is_function_word(lower: &str) -> bool {
    is_in(&FUNCTION_WORDS, lower)
}

/// A word that alone names nobody: a function word, an adverb, a sentence-opening word
/// („Demnach“, „In“). The model's speaker pass never starts or ends a speaker there.
pub fn is_never_a_speaker(w: &Word) -> bool {
    single_word(w) == Some(Referent::Nothing)
}

/// „Schäubles Idee“, „Spekulationen, wonach …“: what someone thinks or wants, no cue of
/// reported speech (so not among the cues' source nouns), handing over to its owner.
const OPINION_NOUNS: [&str; 10] = ["Idee", "Ideen", "Vorschlag", "Vorschläge", "Forderung", "Forderungen", "Spekulation", "Spekulationen", "Vorwürfe", "Vorwürfen"];

/// Abbreviated German states, which qualify a body as a place does.
const REGIONS: [&str; 6] = ["NRW", "BW", "MV", "RLP", "NDS", "SH"];

/// Plural nouns for the people of a body, after its name in a compound.
const MEMBERS: [&str; 7] = ["Truppen", "Soldaten", "Kräfte", "Einheiten", "Kämpfer", "Ermittler", "Beamte"];

fn single_word(w: &Word) -> Option<Referent> {
    let lower = w.lower();
    if matches!(lower.as_str(), "er" | "sie") {
        return Some(Referent::Pronoun);
    }
    if is_in(&ANAPHORIC, &lower) {
        return Some(Referent::Previous);
    }
    if matches!(lower.as_str(), "ich" | "wir" | "ihr" | "du" | "man" | "es") {
        return Some(Referent::Unnamed);
    }
    // „UNMISS-Truppen“, „Nato-Soldaten“: the body whose people they are.
    let members = w.text.split_once('-').filter(|(body, people)| looks_like_body_name(body) && MEMBERS.iter().any(|m| people.starts_with(m)));
    if let Some((body, _)) = members {
        return Some(Referent::Body(body.to_string()));
    }
    if looks_like_body_name(w.text) {
        return Some(Referent::Body(w.text.to_string()));
    }
    // „laut Polizei“, „Bahn kündigt … an“: a kind of body alone, which the article may name in full.
    if is_body_noun(w.text) && !is_plural_body_noun(w.text) {
        return Some(Referent::BodyDescription(w.text.to_string()));
    }
    if crate::detect::phrase::is_web_address(w) {
        return Some(Referent::Document(w.text.to_string()));
    }
    // „Frankreichs“ alone: a fragment of „Frankreichs Innenminister“, nobody by itself.
    if w.text.strip_suffix('s').is_some_and(|place| is_in(&COUNTRIES, place)) {
        return Some(Referent::Unnamed);
    }
    // „Sinngemäß“, „Möglicherweise“, „Gleichermaßen“: an adverb by its ending.
    let adverb_ending = ["gemäß", "mäßig", "maßen", "weise"].iter().any(|e| lower.ends_with(e) && lower.chars().count() > e.chars().count() + 2);
    let adverb = adverb_ending || ["besonders", "demgegenüber", "stattdessen", "ebenfalls", "insbesondere", "hingegen", "indes", "jedenfalls", "angeblich", "vermutlich", "wahrscheinlich", "womöglich", "immerhin", "gleichzeitig"].contains(&lower.as_str());
    let function_word = is_function_word(&lower);
    if w.is_lowercase() && !looks_like_body_name(w.text) || is_in(&SENTENCE_STARTERS, w.text) || adverb || function_word {
        return Some(Referent::Nothing);
    }
    None
}

/// „Angaben der Polizei“, „NASA-Angaben“, „Celebis Angaben“, „ihren Informationen“,
/// „einem Bericht der Zeitung X“: the first source or document noun; the words before it
/// are its attributes, or a genitive owner („Celebis“).
fn through_source_noun(ws: &[Word]) -> Option<Referent> {
    let noun = ws.iter().position(|w| w.is_capitalised() && (is_source_noun(w.text) || is_document_noun(w.text) || OPINION_NOUNS.contains(&w.text)))?;
    let before = &ws[..noun];
    // „Die Befürworter eines Kandidaten aus den Reihen des PCF“: people the phrase is about.
    if before.iter().any(|w| w.is_capitalised() && is_group_noun(w.text)) {
        return None;
    }
    // „Watzke auf der offiziellen Internetseite von Borussia Dortmund“: where a named speaker said it.
    if let Some(at) = before.iter().position(|w| matches!(w.text, "auf" | "in" | "im")).filter(|&p| p > 0 && before[..p].iter().all(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()))) {
        return Some(referent(&ws[..at]));
    }
    if let [owner] = before {
        if owner.is_capitalised() && owner.text.ends_with('s') && !is_in(&DETERMINERS, &owner.lower()) {
            return Some(referent(before));
        }
    }
    // „Spekulationen, wonach …“, „Aussagen zu Unrecht“: after a comma or another
    // preposition than „von“ or „aus“, what follows owns nothing.
    let after = &ws[noun + 1..];
    let owns = |w: &Word| is_in(&DETERMINERS, &w.lower()) || matches!(w.text, "von" | "vom" | "aus") || w.is_capitalised();
    let owner = if after.first().is_some_and(owns) || opens_genitive_plural(after) { after } else { &[] };
    if is_document_noun(ws[noun].text) {
        // „Die Autoren der Studie“: people the article does not name, not the document;
        // „Der Leiter der UNO-Studie, Paulo Sérgio Pinheiro“ names one after a comma.
        if before.iter().any(|w| w.is_capitalised() && is_person_noun(w.text)) {
            let apposition = after.iter().position(|w| w.is(",")).map(|comma| referent(&after[comma + 1..]));
            return Some(apposition.filter(|r| matches!(r, Referent::Person(_))).unwrap_or(Referent::Unnamed));
        }
        let article = before.iter().rev().find(|w| is_in(&DETERMINERS, &w.lower()));
        let phrase: Vec<Word> = article.into_iter().chain(&ws[noun..=noun]).copied().collect();
        // „dem Dekret Nr. 72-186“, „der Resolution 1612“: its number is part of its name.
        let numbered = owner.iter().take(2).take_while(|w| matches!(w.text, "Nr." | "Nr" | "Nummer") || w.text.starts_with(|c: char| c.is_ascii_digit())).count();
        let number = owner[..numbered].iter().map(|w| if w.text == "Nr" { "Nr." } else { w.text });
        let noun = std::iter::once(nominative(&phrase)).chain(number.map(str::to_string)).collect::<Vec<_>>().join(" ");
        let owner = &owner[numbered..];
        // „Dokumenten aus der Birthler-Behörde“: where it comes from says whose.
        let from = usize::from(owner.first().is_some_and(|w| w.is("aus")) && !attachment(&owner[1..]).is_empty());
        let attached = &owner[..from + attachment(&owner[from..]).len()];
        // „Erklärung des Präsidenten Barack Obama“: the owner is named as a person is, without
        // the title.
        let titled = attached.get(1).is_some_and(|w| is_person_noun(w.text));
        if let Some(Referent::Person(name)) = attached.split_first().filter(|_| titled).map(|(_, phrase)| referent(phrase)) {
            if attached.len() > 1 + name.split(' ').count() {
                return Some(Referent::Document(format!("{noun} von {name}")));
            }
        }
        return Some(Referent::Document(format!("{noun} {}", written(attached)).trim_end().to_string()));
    }
    // „Meinung Russlands“: the country speaks (alone, „Russlands“ is a fragment).
    if let [country] = owner {
        if let Some(place) = country.text.strip_suffix('s').filter(|place| is_in(&COUNTRIES, place)) {
            return Some(Referent::Body(place.to_string()));
        }
    }
    if !owner.is_empty() {
        let owner = if owner[0].lower() == "von" { &owner[1..] } else { owner };
        return Some(coordinated(owner).unwrap_or_else(|| referent(owner)));
    }
    if before.iter().any(|w| w.lower().starts_with("eigen")) {
        return Some(Referent::Reflexive);
    }
    if before.iter().any(is_possessive) {
        return Some(Referent::Pronoun);
    }
    // „nach offiziellen chinesischen Angaben“ (not „israelischen Armeeangaben“): the state speaks.
    let states: Vec<&str> = before.iter().filter(|w| w.is_lowercase()).filter_map(|w| country_of_adjective(w.text)).collect();
    let state = || matches!(states[..], [_]).then(|| Referent::Body(states[0].to_string()));
    Some(compound_owner(before, ws[noun].text, &SOURCE_ENDINGS).or_else(state).unwrap_or(Referent::Unnamed))
}

/// „die Online-Ausgabe des „Spiegel““, „die Internet-Nachrichten der Tagesschau“, „das
/// Onlineangebot CNN.com“: what a medium publishes speaks for the medium, which is named
/// after it (in a genitive or directly), past the kind of medium („des Wochenmagazins X“).
fn through_medium_product(ws: &[Word]) -> Option<Referent> {
    let k = ws.iter().position(|w| w.is_capitalised() && is_medium_product(w.text))?;
    // The genitive's article and adjectives are lowercase.
    let name: Vec<&str> = ws[k + 1..].iter().skip_while(|w| w.is_lowercase() || is_category_noun(w.text)).take_while(|w| writes_a_name(w)).map(|w| w.text).collect();
    (!name.is_empty()).then(|| Referent::Body(name.join(" ")))
}

/// „Online-Ausgabe“, „Sonntagsausgabe“, „Internet-Nachrichten“, „Onlineangebot“,
/// „Nachrichtenportal“: a medium's product, not a body or a document of its own.
fn is_medium_product(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["ausgabe", "nachrichten", "onlineangebot", "online-angebot", "internetangebot", "portal"].iter().any(|e| lower.ends_with(e))
}

/// „Nato-Generalsekretär Jens Stoltenberg und Bundeskanzler Olaf Scholz“, „Angela Merkel
/// sowie CSU-Vorsitzender Edmund Stoiber“: people joined by „und“ or „sowie“, each named
/// with a role of their own, all speak.
fn coordinated_people(ws: &[Word]) -> Option<Referent> {
    let parts: Vec<&[Word]> = ws.split(|w| w.is("und") || w.is("sowie")).collect();
    if parts.len() < 2 || parts.iter().any(|p| p.len() < 2) {
        return None;
    }
    let names = parts.iter().map(|p| match referent(p) {
        Referent::Person(name) => Some(name),
        _ => None,
    });
    Some(Referent::Person(crate::identity::join_names(&names.collect::<Option<Vec<String>>>()?)))
}

/// „der New York Times und der Los Angeles Times“: owners joined by „und“, each named,
/// are named together („New York Times und Los Angeles Times“).
fn coordinated(owner: &[Word]) -> Option<Referent> {
    let parts: Vec<&[Word]> = owner.split(|w| w.is("und")).collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let names: Vec<Referent> = parts.iter().map(|p| referent(p)).collect();
    let named = |r: &Referent| match r {
        Referent::Body(n) | Referent::Person(n) | Referent::BodyDescription(n) => Some(n.clone()),
        _ => None,
    };
    // „Polizei und Feuerwehr“: descriptions the article may name more fully, one by one.
    let generic = |r: &Referent| matches!(r, Referent::BodyDescription(n) if !n.contains(' '));
    if names.iter().all(generic) {
        return None;
    }
    let joined = names.iter().map(named).collect::<Option<Vec<String>>>()?.join(" und ");
    Some(if names.iter().all(|r| matches!(r, Referent::Person(_))) { Referent::Person(joined) } else { Referent::Body(joined) })
}

static SOURCE_ENDINGS: LazyLock<Vec<&str>> = LazyLock::new(|| tables::SOURCE_NOUN_ENDINGS.list());

/// The body in front of a compound („Polizeiangaben“ → Polizei, „NASA-Angaben“ → NASA,
/// „israelischen Armeeangaben“ → israelische Armee), when it is one.
fn compound_owner(attributes: &[Word], word: &str, endings: &[&str]) -> Option<Referent> {
    let lower = word.to_lowercase();
    let ending = endings.iter().filter(|e| lower.ends_with(*e)).max_by_key(|e| e.len())?;
    let cut = word.char_indices().nth(word.chars().count() - ending.chars().count())?.0;
    let prefix = word[..cut].trim_end_matches('-');
    let unlinked = prefix.strip_suffix('s').filter(|p| is_body_noun(&capitalise(p)));
    let owner = capitalise(unlinked.unwrap_or(prefix));
    if looks_like_body_name(&owner) {
        return Some(Referent::Body(owner));
    }
    // „Talibansprecher“: a body whose name is a plain noun.
    if let Some(name) = titled_name(&owner) {
        return Some(Referent::Body(name.to_string()));
    }
    if !is_body_noun(&owner) {
        return None;
    }
    if is_plural_body_noun(&owner) {
        return Some(Referent::Unnamed);
    }
    let strong = strong_ending(&owner);
    let adjectives: Vec<String> = attributes.iter().filter(|w| w.is_lowercase() && !is_in(&DETERMINERS, &w.lower())).map(|w| with_ending(w.text, strong)).collect();
    // „Polizeiangaben“ as „die Polizei“: a description the article may name more fully.
    Some(Referent::BodyDescription(adjectives.into_iter().chain([owner]).collect::<Vec<_>>().join(" ")))
}

/// „libanesische“ → Libanon, „US-amerikanischen“ → USA: the country an adjective is of.
pub fn country_of_adjective(word: &str) -> Option<&'static str> {
    COUNTRY_ADJECTIVES.get(adjective_stem(&word.to_lowercase())).copied()
}

/// „chinesischen“ → „chinesisch“: an adjective without its ending.
pub fn adjective_stem(lower: &str) -> &str {
    ["en", "er", "es", "em", "e"].iter().find_map(|e| lower.strip_suffix(e)).unwrap_or(lower)
}

pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A name in the phrase: a person's, or a body's where it is written like one or follows a
/// body noun („die Plattenfirma Sony-Music“, „Fernsehsenders n-tv“).
fn named(ws: &[Word]) -> Option<Referent> {
    if let Some(people) = coordinated_people(ws) {
        return Some(people);
    }
    // „Lothar Brenner, Ordnungsdezernent der Stadt Cottbus“: a person's name set off before
    // a role the lexicon may not know, not the body the role belongs to.
    if let Some(comma) = ws.iter().position(|w| w.is(",")).filter(|&c| c >= 2) {
        let name = &ws[..comma];
        if super::names::is_given_name(name[0].text) && name.iter().all(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower())) {
            return Some(Referent::Person(name.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")));
        }
    }
    // „Die Haushaltspolitikerin von Bündnis 90/Die Grünen, Anja Hajduk“: the role's name.
    if let Some(comma) = ws.iter().rposition(|w| w.is(",")).filter(|&c| ws[..c].iter().any(|w| is_person_noun(w.text))) {
        if let Some(Referent::Person(name)) = super::names::name_in(&ws[comma + 1..]).map(person_or_body) {
            return Some(Referent::Person(name));
        }
    }
    if let Some(k) = ws.iter().position(|w| is_body_noun(w.text)) {
        if let Some(name) = name_set_off_before(ws, k) {
            return Some(person_or_body(name));
        }
        // „der Sender Channel 10“: a number after the name's first word is part of it.
        let number = |i: usize| i > k + 1 && ws[i].text.chars().all(|c| c.is_ascii_digit());
        // „der Hilfsorganisation Ärzte ohne Grenzen“, „Reporter ohne Grenzen“.
        let without = |i: usize| i > k + 1 && ohne_continues_name(ws, i);
        let after: Vec<&str> = (k + 1..ws.len()).take_while(|&i| writes_a_name(&ws[i]) || number(i) || without(i)).map(|i| ws[i].text).collect();
        // „des Magazins Der Spiegel“, „der Stadt Den Haag“: an article that opens a name.
        let titled = after.len() >= 2 && is_in(&DETERMINERS, &after[0].to_lowercase());
        let inner_article = after.iter().skip(usize::from(titled)).any(|w| is_in(&DETERMINERS, &w.to_lowercase()));
        if !after.is_empty() && !inner_article {
            let name = after.join(" ");
            let first = (0..k).rev().take_while(|&i| ws[i].is_lowercase() && !is_in(&DETERMINERS, &ws[i].lower())).last().unwrap_or(k);
            let start = first.checked_sub(1).filter(|&i| is_in(&DETERMINERS, &ws[i].lower())).unwrap_or(first);
            // „Die Demokratische Partei Thailands“: a capitalised adjective makes the noun part of the name.
            let capitalised_adjective = k > 0 && ws[k - 1].is_capitalised() && !is_in(&DETERMINERS, &ws[k - 1].lower()) && ["e", "en", "er", "es"].iter().any(|e| ws[k - 1].text.ends_with(e));
            if is_category_noun(ws[k].text) && capitalised_adjective {
                let from = if k > 1 && is_in(&DETERMINERS, &ws[k - 2].lower()) { k - 2 } else { k - 1 };
                return Some(Referent::Body(format!("{} {name}", nominative(&ws[from..=k]))));
            }
            // „die US-Weltraumbehörde NASA“: an acronym after a kind of body is its name (a
            // state or region after it is a place: „Landeskriminalamt NRW“).
            let acronym = matches!(after[..], [one] if looks_like_body_name(one) && !is_in(&COUNTRIES, one) && !REGIONS.contains(&one));
            // „dem Bündnis „National United Front of Democracy …““: a quoted title is the name.
            // („des Internetdienstes „E!Online““: one word with punctuation inside, quoted.)
            let title = matches!(after[..], [one] if one.contains(' ') || one.contains('!'));
            // „der Verein Deutscher Ingenieure“, „Bund Freier Waldorfschulen“: a capitalised
            // adjective's genitive plural is a name's attribute, not a person's given name.
            let genitive_plural = ["scher", "licher", "iger"].iter().any(|e| after[0].ends_with(e)) || matches!(after[0], "Freier" | "Neuer" | "Junger");
            if after.len() >= 2 && genitive_plural {
                return Some(Referent::Body(format!("{} {name}", nominative(&ws[start..=k]))));
            }
            // („der Zivilluftfahrtbehörde Roberto Rodriguez“: a given name starts a person's.)
            if after.len() >= 2 && super::names::is_given_name(after[0]) {
                return Some(Referent::Person(name));
            }
            if is_category_noun(ws[k].text) || acronym || title {
                return Some(Referent::Body(name));
            }
            // „Gewerkschaftsvorstand Uwe Foullong“, „Verwaltungsrat Ulrich Müller“: a member
            // (not „Staatsanwaltschaft München I“).
            let numbered = after.last().is_some_and(|w| is_roman_numeral(w));
            // (Not „der Fahrgastverband Pro Bahn“: a kind of body in it makes it a body's name;
            // nor „die Universität Complutense Madrid“, whose place ends it.)
            let placed = after.last().is_some_and(|w| is_state(w));
            if after.len() == 2 && !numbered && !titled && !capitalised_adjective && !placed && !after.iter().any(|w| looks_like_body_name(w) || is_body_noun(w)) {
                return Some(Referent::Person(name));
            }
            return Some(Referent::Body(format!("{} {name}", nominative(&ws[start..=k]))));
        }
    }
    // „der Frankfurter Allgemeinen Zeitung“: capitalised adjectives before a kind of body
    // name it as a description does, which puts them in the nominative.
    if is_proper_name(ws) && ws.last().is_some_and(|w| is_body_noun(w.text)) && ws.iter().all(|w| w.is_capitalised() || is_in(&DETERMINERS, &w.lower())) {
        return None;
    }
    match super::names::name_in(ws).map(person_or_body) {
        Some(Referent::Person(name)) => Some(Referent::Person(name)),
        other => people_without(ws).or(other),
    }
}

/// „Experten der …“, „Die Demonstranten der …“: the phrase's first noun is a group noun.
fn led_by_group(ws: &[Word]) -> bool {
    ws.iter().find(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower())).is_some_and(|w| is_group_noun(w.text))
}

/// „Ärzte ohne Grenzen“, „Reporter ohne Grenzen“: people „ohne“ something is a body's name.
fn people_without(ws: &[Word]) -> Option<Referent> {
    let i = (1..ws.len()).find(|&i| ohne_continues_name(ws, i) && ws[i - 1].is_capitalised())?;
    let end = i + 1 + ws[i + 1..].iter().take_while(|w| w.is_capitalised()).count();
    Some(Referent::Body(ws[i - 1..end].iter().map(|w| w.text).collect::<Vec<_>>().join(" ")))
}

/// „Ärzte ohne Grenzen“, „Reporter ohne Grenzen“: „ohne“ at `i` before a capitalised word
/// goes on with the name it follows.
pub fn ohne_continues_name(ws: &[Word], i: usize) -> bool {
    ws.get(i).is_some_and(|w| w.text == "ohne") && ws.get(i + 1).is_some_and(Word::is_capitalised)
}

/// A name before the body noun at `k`, set off from it by a comma or a verb: „Martin Lee,
/// der Gründer der Demokratischen Partei“, „Martin Hatzius kritisiert in der Zeitung X“ (a
/// phrase that runs on), not „Deutsche Bank“.
fn name_set_off_before(ws: &[Word], k: usize) -> Option<String> {
    let name = super::names::name_in(&ws[..k])?;
    let last = name.rsplit(' ').next()?;
    let end = ws[..k].iter().rposition(|w| w.text == last)?;
    ws[end + 1..k].iter().any(|w| w.is(",") || w.is_lowercase() && !is_in(&DETERMINERS, &w.lower())).then_some(name)
}

/// „I“, „II“, „IV“: numbers bodies of one kind in one place.
fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.len() <= 4 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// A name found in a phrase: a group, a body or a person, by its last word.
fn person_or_body(name: String) -> Referent {
    let words: Vec<&str> = name.split(' ').collect();
    let last = words[words.len() - 1];
    // „Experten“, „Lokale Medien“: a group, not a name.
    let inflected = |w: &str| w.ends_with('e') || w.ends_with("en");
    if (is_group_noun(last) || is_plural_body_noun(last)) && (words.len() == 1 || words.len() == 2 && inflected(words[0])) {
        return Referent::Unnamed;
    }
    // „Überlieferungen zufolge“, „sprachen sich 75 Prozent … aus“: a common noun alone, no
    // name; „Ursprüngliche Pläne“: nor is one after an adjective that opens a sentence.
    let common = words.len() == 1 && !is_body_noun(last) && (is_abstract_noun(last) || matches!(last, "Prozent" | "Hälfte" | "Drittel" | "Viertel" | "Großteil" | "Mehrzahl"));
    let adjective = |w: &str| ["liche", "ische", "ige", "lichen", "ischen", "igen"].iter().any(|e| w.ends_with(e));
    if common || words.len() == 2 && adjective(words[0]) {
        return Referent::Unnamed;
    }
    // „AK Vorratsdatenspeicherung“: an abbreviated body noun leads the name.
    let abbreviated = words.len() > 1 && looks_like_body_name(words[0]);
    // „Aktion Deutschland hilft“, „Le Canard enchaîné“: a title, no person's name.
    let particle = |w: &str| matches!(w, "von" | "van" | "de" | "der" | "den" | "da" | "dos" | "di" | "del" | "la" | "le" | "zu" | "bin" | "al" | "el" | "y" | "und");
    let titled = words.iter().skip(1).any(|w| w.starts_with(char::is_lowercase) && !particle(w) && !crate::detect::words::has_arabic_article(w));
    if titled {
        return Referent::Body(name);
    }
    let foreign = words.len() > 1 && is_in(&FOREIGN_BODY_WORDS, last);
    let body = abbreviated || foreign || looks_like_body_name(last) || is_body_noun(last) || is_in(&COUNTRIES, last) || is_state(&name);
    if body { Referent::Body(name) } else { Referent::Person(name) }
}

/// „ein Sprecher des Finanzministeriums“ → the ministry; „ein Polizeisprecher“ → the police.
fn through_agent_noun(ws: &[Word]) -> Option<Referent> {
    let k = ws.iter().position(|w| is_agent_noun(w.text))?;
    let owner = &ws[k + 1..];
    if owner.first().is_some_and(|w| matches!(w.text, "des" | "der" | "von" | "vom" | "eines" | "einer")) {
        let owner = if owner[0].is("von") { &owner[1..] } else { owner };
        return match referent(owner) {
            // „Ein Sprecher von Tesla“: one word a spokesperson speaks for is a body's name.
            Referent::Person(name) if !name.contains(' ') => Some(Referent::Body(name)),
            Referent::Nothing => None,
            found => Some(found),
        };
    }
    // „Ein Regierungssprecher in Berlin“ speaks for the government in Berlin.
    let place = &ws[k + 1..k + 1 + place_after(&ws[k + 1..])];
    let in_place = |found: Referent| match found {
        Referent::BodyDescription(body) if !place.is_empty() => Referent::BodyDescription(format!("{body} {} {}", place[0].text, place[1].text)),
        other => other,
    };
    compound_owner(&ws[..k], ws[k].text, &AGENT_NOUNS).or_else(|| office_of(ws[k].text)).map(in_place)
}

/// „Der Staatsanwalt“ speaks for the „Staatsanwaltschaft“, which the article may name in
/// full („die Staatsanwaltschaft München I“).
fn office_of(agent: &str) -> Option<Referent> {
    let office = format!("{}schaft", agent.strip_suffix("en").unwrap_or(agent));
    is_body_noun(&office).then_some(Referent::BodyDescription(office))
}

/// „des Roten Kreuzes“, „die Vereinten Nationen“: after the article, a capitalised
/// adjective before a noun is part of a name.
fn is_proper_name(ws: &[Word]) -> bool {
    let body = ws.iter().skip_while(|w| is_in(&DETERMINERS, &w.lower())).collect::<Vec<_>>();
    matches!(body[..], [adjective, noun, ..] if adjective.is_capitalised() && noun.is_capitalised() && ["e", "en", "er", "es"].iter().any(|e| adjective.text.ends_with(e)) && !is_person_noun(noun.text))
}

/// „der AK Vorratsdatenspeicherung“: an abbreviated body noun before a name.
fn led_by_abbreviation(ws: &[Word]) -> bool {
    let mut body = ws.iter().skip_while(|w| is_in(&DETERMINERS, &w.lower()));
    body.next().is_some_and(|w| w.is_capitalised() && looks_like_body_name(w.text)) && body.next().is_some_and(Word::is_capitalised)
}

/// A phrase without a name: a role, a body, a group or nobody.
fn described(ws: &[Word]) -> Referent {
    // „die Zukunft in Japan“: the head noun comes before a genitive or a prepositional phrase
    // (not one inside the adjectives: „der für das Kosovo zuständige Minister“).
    // („die Moderatorin eines Lokalsenders“: an indefinite genitive too.)
    let genitive = |w: &Word| matches!(w.text, "des" | "der" | "eines" | "von" | "vom" | ",");
    let preposition = |w: &Word| matches!(w.text, "in" | "im" | "aus" | "bei" | "beim" | "für" | "mit" | "auf" | "an" | "am" | "gegen" | "über");
    let noun_seen = |k: usize| ws[..k].iter().any(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()));
    let phrase_end = (1..ws.len()).find(|&k| genitive(&ws[k]) || preposition(&ws[k]) && noun_seen(k)).unwrap_or(ws.len());
    // („die 52-Jährige“: an age noun starts with its number.)
    let Some(head) = ws[..phrase_end].iter().filter(|w| w.is_capitalised() || crate::detect::phrase::is_age_noun(w)).last() else {
        return Referent::Nothing;
    };
    // „die „Aktion Deutschland hilft““: a quoted title (one word here) names a body.
    if head.text.contains(' ') {
        return Referent::Body(head.text.to_string());
    }
    // „der mexikanische Staat“: the country.
    let country = ws.iter().filter(|w| w.is_lowercase()).find_map(|w| country_of_adjective(w.text));
    if let Some(country) = country.filter(|_| matches!(head.text, "Staat" | "Staates" | "Staats")) {
        return Referent::Body(country.to_string());
    }
    // „Frankreichs Innenminister“ is as definite as „der französische Innenminister“;
    // „Demjanjuks Sohn“, the role of a person named in the genitive, is someone unnamed.
    let genitive_owner = (ws.len() == 2 && ws[0].is_capitalised()).then(|| ws[0].text.strip_suffix('s')).flatten();
    if genitive_owner.is_some_and(|owner| !is_state(owner) && !looks_like_body_name(owner) && is_person_noun(head.text)) {
        return Referent::Unnamed;
    }
    let genitive_place = genitive_owner.is_some();
    // „im „Standard““, „beim Spiegel“: a preposition with the article in it.
    let definite = genitive_place || ws.first().is_some_and(|w| matches!(w.lower().as_str(), "der" | "die" | "das" | "den" | "dem" | "des" | "im" | "beim" | "vom" | "zum" | "zur"));
    // („der englische Independent“, „des österreichischen Standards“: a country's adjective
    // says whose, not which other thing.)
    let national = ws.len() > 2 && ws[1..ws.len() - 1].iter().all(|w| country_of_adjective(w.text).is_some());
    if let Some(name) = titled_name(head.text).filter(|_| definite && (ws.len() == 2 || national) && ws.last() == Some(head)) {
        Referent::Body(name.to_string())
    } else if let Some(body) = body_it_leads(head.text).filter(|_| definite) {
        Referent::BodyDescription(body)
    } else if is_plural_body_noun(head.text) && !indefinite(ws) && is_placed(ws, head) {
        // „Die New Yorker Gesundheitsbehörden“, „den Polizeibehörden in Mombasa“: a place
        // makes plural authorities one body; unplaced („die Behörden“) they are nobody named.
        Referent::BodyDescription(nominative(ws))
    } else if is_group_noun(head.text) && !singular_role(ws, head) || (indefinite(ws) || is_plural_body_noun(head.text)) && is_body_noun(head.text) && !is_proper_name(ws) {
        // „eines chinesischen Gerichtes“, „einer Bauerngewerkschaft“: some body, not one the
        // article names.
        Referent::Unnamed
    } else if is_body_noun(head.text) || looks_like_body_name(head.text) || is_state(head.text) || is_proper_name(ws) || led_by_abbreviation(ws) {
        Referent::BodyDescription(nominative(ws))
    } else if indefinite(ws) && is_person_noun(head.text) {
        // „Ein Journalist der Deutschen Presse-Agentur“, „Ein BA-Sachbearbeiter“: someone
        // unnamed of a named body speaks for it, as its spokesperson does.
        // (Not „eines US-Forschers“: a country's acronym says where someone is from.)
        let national = |body: &str| is_state(body) || matches!(body, "US" | "UK");
        let of_acronym = head.text.split_once('-').filter(|(body, _)| looks_like_body_name(body) && !national(body)).map(|(body, _)| Referent::Body(body.to_string()));
        body_of_members(ws).or(of_acronym).unwrap_or(Referent::Unnamed)
    } else if definite && (is_person_noun(head.text) || is_in(&NATIONALITIES, head.text)) {
        Referent::Role(head.text.to_string())
    } else {
        Referent::Unnamed
    }
}

/// A town's adjective before the head („Die New Yorker Gesundheitsbehörden“) or „in“ and a
/// place after it („den Polizeibehörden in Mombasa“).
fn is_placed(ws: &[Word], head: &Word) -> bool {
    let Some(h) = ws.iter().position(|w| w.span == head.span) else { return false };
    let town = h > 0 && ws[h - 1].is_capitalised() && ws[h - 1].text.ends_with("er") && !is_in(&DETERMINERS, &ws[h - 1].lower()) && !is_person_noun(ws[h - 1].text);
    let in_place = matches!(ws.get(h + 1..h + 3), Some([at, place]) if at.is("in") && place.is_capitalised()) && ws.len() == h + 3;
    town || in_place
}

/// „Experten der polnischen Marine“, „der Hauptgeschäftsführer des BPI“: the body that the
/// people or the person of the phrase's first noun belong to, where a genitive names one.
pub fn body_of_members(ws: &[Word]) -> Option<Referent> {
    let head = ws.iter().position(|w| w.is_capitalised() && (is_person_noun(w.text) || is_group_noun(w.text)))?;
    if let Some(country) = ws.get(head + 1).and_then(|w| country_genitive(w.text)) {
        return Some(Referent::Body(country.to_string()));
    }
    let owner = match ws.get(head + 1)?.text {
        "des" | "der" => &ws[head + 1..],
        "von" | "vom" => &ws[head + 2..],
        _ => return None,
    };
    match referent(owner) {
        body @ (Referent::Body(_) | Referent::BodyDescription(_)) => Some(body),
        // „Die Vereinsleitung von Borussia Dortmund“: what a leadership leads is a body,
        // whatever its name looks like; so is a name with a number in it („der Sportchef von
        // Bayer 04 Leverkusen“, „Hannover 96“).
        Referent::Person(name) if is_leadership(ws[head].text) => Some(Referent::Body(name)),
        _ if is_numbered_name(owner) => Some(Referent::Body(owner.iter().skip_while(|w| is_in(&DETERMINERS, &w.lower())).map(|w| w.text).collect::<Vec<_>>().join(" "))),
        _ => None,
    }
}

/// „Libyens“ → „Libyen“: a country in the genitive.
fn country_genitive(word: &str) -> Option<&str> {
    word.strip_suffix('s').filter(|stem| is_country(stem))
}

/// „Der Vertreter Libyens“, „die Botschafterin Frankreichs“: a role a country gives,
/// whoever holds it; the country speaks through them unless the article names them.
fn role_of_country(ws: &[Word]) -> Option<Referent> {
    let [article, role, country] = ws else { return None };
    let definite = matches!(article.lower().as_str(), "der" | "die" | "den" | "dem" | "des");
    (definite && role.is_capitalised() && is_person_noun(role.text) && country_genitive(country.text).is_some()).then(|| Referent::Role(role.text.to_string()))
}

/// „Bayer 04 Leverkusen“, „Hannover 96“: capitalised words with a number among them, after
/// an article or none, as clubs are named.
fn is_numbered_name(ws: &[Word]) -> bool {
    let name: Vec<&Word> = ws.iter().skip_while(|w| is_in(&DETERMINERS, &w.lower())).collect();
    let number = |w: &&Word| w.text.chars().all(|c| c.is_ascii_digit());
    name.len() >= 2 && name[0].is_capitalised() && name.iter().any(number) && name.iter().all(|w| w.is_capitalised() || number(w))
}

/// Endings of the nouns for those who lead a body („Parteiführung“, „Konzernspitze“).
const LEADERSHIP: [&str; 3] = ["führung", "spitze", "leitung"];

/// „Parteiführung“, „Konzernspitze“, „Vereinsleitung“: those who lead a body.
fn is_leadership(word: &str) -> bool {
    LEADERSHIP.iter().any(|e| word.to_lowercase().ends_with(e))
}

/// „Die Armeeleitung“ → „Armee“, „die Parteiführung“ → „Partei“: the kind of body a
/// leadership compound names, which speaks through it.
fn body_it_leads(word: &str) -> Option<String> {
    let first = LEADERSHIP.iter().find_map(|e| word.strip_suffix(e))?;
    [first, first.strip_suffix('s').unwrap_or(first)].into_iter().find(|b| b.chars().count() > 2 && is_body_noun(b)).map(str::to_string)
}

/// „der CDU-Politiker“: a role noun whose plural is a group noun, after a masculine singular
/// article, is one person (not „die Politiker“).
fn singular_role(ws: &[Word], head: &Word) -> bool {
    let masculine = ws.first().is_some_and(|w| matches!(w.lower().as_str(), "der" | "dem" | "ein" | "einem"));
    masculine && ws.len() == 2 && is_role_noun(head.text)
}

fn indefinite(ws: &[Word]) -> bool {
    ws.first().is_some_and(is_indefinite_article)
}

/// „einige“, „mehrere“, „zahlreiche“ …: some of a kind, in the plural.
fn is_plural_quantifier(w: &Word) -> bool {
    let stems = ["einig", "mehrer", "viel", "zahlreich", "verschieden", "etlich", "manch", "divers"];
    let lower = w.lower();
    stems.iter().any(|q| lower.strip_prefix(q).is_some_and(|ending| ["e", "en"].contains(&ending)))
}

/// „ein“, „einer“, „eines“ …: introduces someone or something the phrase does not name.
pub fn is_indefinite_article(w: &Word) -> bool {
    matches!(w.lower().as_str(), "ein" | "eine" | "einer" | "eines" | "einem" | "einen")
}

/// A noun phrase as a name in the nominative, without its article: „des isländischen
/// Fischereiministeriums“ → „isländisches Fischereiministerium“, „Die spanische Regierung“
/// → „spanische Regierung“, „Berichten“ → „Berichte“. Only the first noun phrase is
/// inflected; what follows it („der Polizei“ in „Gewerkschaft der Polizei“) stays.
pub fn nominative(ws: &[Word]) -> String {
    let article = ws.first().filter(|w| is_in(&DETERMINERS, &w.lower())).map(|w| w.lower());
    let body = if article.is_some() { &ws[1..] } else { ws };
    // „New York Times“, „Schweriner Umweltministerium“: the last word of the first
    // capitalised run is the noun; the capitalised words before it stay as written.
    let first = body.iter().position(|w| w.is_capitalised() && !is_adjective(w)).unwrap_or(0);
    let mut head = first + body[first..].iter().skip(1).take_while(|w| w.is_capitalised()).count();
    // „Bau- und Transportministerium“: a compound cut at its hyphen shares the noun after „und“.
    let cut = truncated_compound(body, head);
    let before_noun = head;
    if cut {
        head += 3;
    }
    let Some(noun) = body.get(head) else { return String::new() };
    let genitive = matches!(article.as_deref(), Some("des" | "eines"));
    let noun_form = if genitive { without_genitive(noun.text) } else { without_dative_plural(noun.text) };
    // „nationalem statistischen Institut“ (after „von“ cut off): a dative without article.
    // („niederländischen Fairphone-Stiftung“: so does a weak adjective whose article the span left out.)
    // („laut Süddeutscher Zeitung“, „nach Bayerischem Rundfunk“: so does a capitalised one
    // in the dative, which „-em“ or, before a feminine noun, „-er“ gives away.)
    let feminine = ["ung", "ei", "heit", "keit", "schaft", "ion", "tät", "ur", "ik"].iter().any(|e| noun_form.ends_with(e));
    let dative_name = |w: &Word| {
        let strong_ending = w.text.ends_with("em") || w.text.ends_with("er") && feminine;
        w.is_capitalised() && strong_ending && ends_like_adjective(adjective_stem(w.text))
    };
    let strong = article.is_none() && body.first().is_some_and(|w| w.is_lowercase() && (w.text.ends_with("em") || w.text.ends_with("en")) || dative_name(w));
    let ending = if strong { strong_ending(&noun_form) } else { adjective_ending(article.as_deref(), &noun_form, &body[..before_noun]) };
    // „der Gruppe Anonymous“: a kind of body before the name keeps its form.
    // („des Fairphone Shops“: after „des“ or „dem“ an adjective ends in „-en“; a name ending in „-e“ is none.)
    let uninflected_name = |w: &Word| w.is_capitalised() && w.text.ends_with('e') && matches!(article.as_deref(), Some("des" | "dem" | "eines" | "einem"));
    let inflected = |w: &Word| if is_body_noun(w.text) || is_group_noun(w.text) || is_person_noun(w.text) || uninflected_name(w) { w.text.to_string() } else { with_ending(w.text, ending) };
    let mut out: Vec<String> = body[..before_noun].iter().filter(|w| !w.is_punct()).map(inflected).collect();
    if cut {
        out.push(format!("{}- {}", body[before_noun].text, body[before_noun + 2].text));
    }
    out.push(noun_form);
    // „das deutsche Organisationskomitee (OK) der Fußball-Weltmeisterschaft“: the short form
    // in brackets interrupts the name.
    let short_form = matches!(&body[head + 1..], [open, short, close, ..] if open.is("(") && looks_like_body_name(short.text) && close.is(")"));
    let rest = head + 1 + if short_form { 3 } else { 0 };
    let attached = attachment(&body[rest..]);
    // „die Polizei in Jena“ is one of many; „das Weiße Haus in Washington“ is one anyway;
    // „die US Botschaft in Riad“ is one of the many embassies of the US.
    let proper = body[..before_noun].iter().any(|w| w.is_capitalised() && !looks_like_body_name(w.text));
    let place = if proper { 0 } else { place_after(&body[rest + attached.len()..]) };
    out.extend(body[rest..rest + attached.len() + place].iter().map(|w| w.text.to_string()));
    out.join(" ")
}

/// „Bau- und …“, „Wirtschafts- oder …“ at `k`: a first part, its hyphen, the conjunction,
/// then the capitalised compound it shares the rest of.
fn truncated_compound(ws: &[Word], k: usize) -> bool {
    crate::detect::phrase::is_truncated_compound(ws, k + 1)
}

/// What stays of the words after a name's noun: one genitive, „von“, „für“ or „und“ phrase
/// that names something („der Polizei“, „von Manhattan“, „für Wertpapierbesitz“, „und
/// Deutschland“), not a generic place
/// („des Landes“), not a time („vom gestrigen Dienstagabend“) and not what follows it.
fn attachment<'a, 'w>(rest: &'a [Word<'w>]) -> &'a [Word<'w>] {
    if opens_genitive_plural(rest) {
        return &rest[..2];
    }
    let Some(first) = rest.first().filter(|w| matches!(w.text, "der" | "des" | "von" | "vom" | "und" | "für")) else { return &[] };
    let mut end = 1;
    while end < rest.len() && rest[end].is_lowercase() && !is_in(&DETERMINERS, &rest[end].lower()) && !looks_like_body_name(rest[end].text) && end < 3 {
        end += 1;
    }
    if first.is("von") && rest.get(end).is_some_and(|w| matches!(w.text, "der" | "dem" | "den")) {
        end += 1;
    }
    let names = rest[end..].iter().take_while(|w| writes_a_name(w)).take(4).count();
    // „der Menschenrechtsorganisation amnesty international (ai)“: a name in lowercase after its kind.
    let names = names + if names > 0 { crate::detect::phrase::lowercase_name_with_acronym(rest, end + names) } else { 0 };
    // „für Bildung und Forschung“: the fields of a ministry or a federation go on after „und“.
    let fields = first.is("für") && rest.get(end + names).is_some_and(|w| w.is("und")) && rest.get(end + names + 1).is_some_and(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()));
    let names = if fields { names + 2 } else { names };
    let generic = names == 1 && ["Landes", "Staates", "Landkreises", "Kreises", "Bundes"].contains(&rest[end].text);
    if names == 0 || generic || first.is("vom") && is_time_noun(rest[end].text) {
        return &[];
    }
    // „des Bundesministeriums des Innern“: a body's own genitive is part of its name.
    let body = &rest[end + names - 1];
    let own = rest.get(end + names).is_some_and(|w| matches!(w.text, "des" | "der" | "für")) && rest.get(end + names + 1).is_some_and(|w| w.is_capitalised());
    // „der Ankündigung des ständigen Sekretärs des Nobelkomitees“: so is an office's.
    let len = end + names + if own && (is_body_noun(body.text) || is_person_noun(body.text)) { 2 } else { 0 };
    // „für Informations- und Kommunikationstechnologie“: a compound cut at its hyphen shares
    // the noun after „und“.
    let len = if truncated_compound(rest, len - 1) { len + 3 } else { len };
    // „der Staatsanwaltschaft und der Polizei“: a second owner joined by „und“.
    let joined = rest.get(len).is_some_and(|w| w.is("und")) && rest.get(len + 1).is_some_and(|w| matches!(w.text, "der" | "des"));
    let len = if joined { len + 1 + attachment(&rest[len + 1..]).len() } else { len };
    &rest[..len]
}

/// Words as the article writes them: spaced, but a hyphen that cuts a compound („Bau- und
/// Transportministerium“) kept on its word.
fn written(ws: &[Word]) -> String {
    let mut out = String::new();
    for (k, w) in ws.iter().enumerate() {
        let attached = k > 0 && w.is("-") && w.span.start == ws[k - 1].span.end;
        if k > 0 && !attached {
            out.push(' ');
        }
        out.push_str(w.text);
    }
    out
}

/// „Berichte britischer Tageszeitungen“: words that open with a genitive plural without an
/// article (adjective, noun).
fn opens_genitive_plural(rest: &[Word]) -> bool {
    matches!(rest, [adjective, noun, ..] if adjective.is_lowercase() && adjective.text.ends_with("er") && adjective.text.chars().count() > 4
        && !is_in(&DETERMINERS, &adjective.lower()) && !is_function_word(&adjective.lower()) && noun.is_capitalised())
}

/// „im Südsudan“, „in Anklam“: the place that qualifies a body's name, as the article
/// writes it.
fn place_after(ws: &[Word]) -> usize {
    let opens = ws.first().is_some_and(|w| matches!(w.text, "in" | "im"));
    let place = ws.get(1).is_some_and(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()) && !is_source_noun(w.text));
    if opens && place { 2 } else { 0 }
}

/// Attributive adjectives before the noun are lowercase (a capitalised one belongs to a
/// name, „Roten Kreuzes“, and stays as written).
fn is_adjective(w: &Word) -> bool {
    w.is_lowercase()
}

pub fn without_genitive(noun: &str) -> String {
    if looks_like_body_name(noun) {
        return noun.to_string();
    }
    let stem = if ["ses", "tes", "des", "zes", "ges"].iter().any(|e| noun.ends_with(e)) {
        &noun[..noun.len() - 2]
    } else {
        noun.strip_suffix('s').unwrap_or(noun)
    };
    stem.to_string()
}

/// „vom gestrigen Dienstagabend“, „vom 5. Mai“, „vom Wochenende“: when, not whose.
fn is_time_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    let days = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "wochenende"];
    crate::segment::lexicon::is_month(word) || days.iter().any(|d| lower.starts_with(d)) || ["morgen", "abend", "nacht", "mittag", "vormittag", "nachmittag", "jahr", "jahres"].contains(&lower.as_str())
}

fn without_dative_plural(noun: &str) -> String {
    let dative = ["berichten", "dokumenten"].iter().any(|e| noun.to_lowercase().ends_with(e));
    if dative { noun[..noun.len() - 1].to_string() } else { noun.to_string() }
}

/// A body noun's gender by its ending, as far as the ending tells it.
fn is_neuter(lower: &str) -> bool {
    ["ium", "um", "amt", "ment", "haus", "werk", "kreuz", "büro", "institut", "gericht", "parlament", "komitee", "land", "team", "bündnis", "unternehmen", "militär"].iter().any(|e| lower.ends_with(e))
}

fn is_feminine_or_plural(lower: &str) -> bool {
    ["ung", "ei", "heit", "keit", "schaft", "ion", "tät", "ie", "e", "en", "er"].iter().any(|e| lower.ends_with(e))
}

/// The ending an adjective takes before `noun` with no article, in the nominative:
/// „israelischen Militärangaben“ → „israelisches Militär“, „israelische Armee“, „Deutscher
/// Wetterdienst“.
fn strong_ending(noun: &str) -> &'static str {
    let lower = noun.to_lowercase();
    if is_neuter(&lower) {
        "es"
    } else if is_feminine_or_plural(&lower) {
        "e"
    } else {
        "er"
    }
}

/// The strong (article-less) ending the weak `adjectives` before `noun` take in the nominative.
fn adjective_ending(article: Option<&str>, noun: &str, adjectives: &[Word]) -> &'static str {
    let lower = noun.to_lowercase();
    let neuter = is_neuter(&lower);
    // „der“ is the nominative of a masculine noun („der oberste Strafgerichtshof“) or the
    // genitive or dative of a feminine or plural one („der Vereinten Nationen“); a weak
    // „-en“ says which, whatever the noun's ending tells („der Deutschen Bank“).
    let feminine_or_plural = is_feminine_or_plural(&lower) || adjectives.iter().any(|w| w.text.ends_with("en"));
    let plural_dative = lower.ends_with('n');
    match article {
        // After „die“ a weak adjective is a feminine one (already „-e“) or a plural one
        // („die Vereinten Nationen“ → „Vereinte Nationen“).
        Some("die") => "e",
        Some("den") if plural_dative => "e",
        Some("das" | "ein") => "es",
        Some("des" | "eines" | "dem" | "einem") => if neuter { "es" } else { "er" },
        Some("der") if feminine_or_plural => "e",
        Some("der") if !neuter => "er",
        _ => "",
    }
}

/// „israelisch“, „süddeutsch“, „staatlich“: what is left of a word without its ending, shaped
/// like an adjective's stem.
fn ends_like_adjective(stem: &str) -> bool {
    ["isch", "utsch", "lich", "ig", "al", "ell", "iv"].iter().any(|a| stem.ends_with(a))
}

/// „isländischen“ + „es“ → „isländisches“, „Roten“ + „es“ → „Rotes“; an adjective
/// already strong stays.
fn with_ending(word: &str, ending: &str) -> String {
    // „saudi-arabischen“: the ending is the last part's.
    if ending.is_empty() || word.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return word.to_string();
    }
    // „israelischer“ (of „israelischer Regierungssprecher“), „nationalem“: a strong ending
    // goes too where what is left ends like an adjective.
    let strong = ["er", "es", "em"].iter().find_map(|e| word.strip_suffix(e)).filter(|stem| ends_like_adjective(stem));
    let stem = word.strip_suffix("en").or_else(|| word.strip_suffix('e')).or(strong).unwrap_or(word);
    if stem.len() == word.len() {
        return word.to_string();
    }
    format!("{stem}e{}", ending.trim_start_matches('e'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::words::words;
    use crate::document::{Document, Span};

    fn read(phrase: &str) -> Referent {
        let doc = Document::new("t.txt", phrase);
        referent(&words(&doc, Span::new(0, doc.char_len())))
    }

    fn body(name: &str) -> Referent {
        Referent::Body(name.into())
    }

    #[test]
    fn owners_joined_by_und_are_named_together() {
        assert_eq!(read("übereinstimmenden Angaben der New York Times und der Los Angeles Times"), body("New York Times und Los Angeles Times"));
        // Generic bodies stay apart: the article may name each more fully.
        assert!(!matches!(read("Angaben der Polizei und der Feuerwehr"), Referent::Body(n) if n.contains(" und ")));
    }

    #[test]
    fn a_source_noun_hands_over_to_its_owner() {
        assert_eq!(read("Angaben der Gewerkschaft Nahrung-Genuss-Gaststätten"), body("Gewerkschaft Nahrung-Genuss-Gaststätten"));
        assert_eq!(read("Einschätzung des Vorstandsvorsitzenden Thomas Enders"), Referent::Person("Thomas Enders".into()));
        assert_eq!(read("Polizeiangaben"), Referent::BodyDescription("Polizei".into()));
        assert_eq!(read("NASA-Angaben"), body("NASA"));
        assert_eq!(read("israelischen Armeeangaben"), Referent::BodyDescription("israelische Armee".into()));
        assert_eq!(read("ihren Informationen"), Referent::Pronoun);
        assert_eq!(read("Offiziellen Angaben"), Referent::Unnamed);
        assert_eq!(read("Angaben von n24"), body("n24"));
        assert_eq!(read("Kreisen des Verteidigungsministeriums"), Referent::BodyDescription("Verteidigungsministerium".into()));
    }

    #[test]
    fn a_document_keeps_its_owner_in_its_name() {
        assert_eq!(read("einem achtseitigen Bericht des Gutachters"), Referent::Document("Bericht des Gutachters".into()));
        assert_eq!(read("Medienberichten"), Referent::Document("Medienberichte".into()));
        assert_eq!(read("einem Papier des Bundesministeriums der Justiz"), Referent::Document("Papier des Bundesministeriums der Justiz".into()));
        assert_eq!(read("einer Erklärung der Ministerin Petra Lang"), Referent::Document("Erklärung von Petra Lang".into()));
        assert_eq!(read("einem Brief des Ministers"), Referent::Document("Brief des Ministers".into()));
        assert_eq!(read("Dokumenten aus der Stasi-Unterlagenbehörde"), Referent::Document("Dokumente aus der Stasi-Unterlagenbehörde".into()));
        assert_eq!(read("Die Verfasserinnen des Gutachtens"), Referent::Unnamed);
        assert_eq!(read("Die Autoren der Untersuchung"), Referent::Unnamed);
        assert_eq!(read("einer Mitteilung des Verbandes Deutscher Bergführer"), Referent::Document("Mitteilung des Verbandes Deutscher Bergführer".into()));
    }

    #[test]
    fn bodies_are_named_in_the_nominative() {
        assert_eq!(read("Das isländische Fischereiministerium"), Referent::BodyDescription("isländisches Fischereiministerium".into()));
        assert_eq!(read("die Polizei"), Referent::BodyDescription("Polizei".into()));
        assert_eq!(read("Das Bau- und Transportministerium"), Referent::BodyDescription("Bau- und Transportministerium".into()));
        assert_eq!(read("des Wirtschafts- und Finanzministeriums"), Referent::BodyDescription("Wirtschafts- und Finanzministerium".into()));
        assert_eq!(read("die Vereinten Nationen"), Referent::BodyDescription("Vereinte Nationen".into()));
        assert_eq!(read("die Europäische Kommission"), Referent::BodyDescription("Europäische Kommission".into()));
        assert_eq!(read("die Plattenfirma Sony-Music"), body("Sony-Music"));
        assert_eq!(read("Ein Reporter des Fernsehsenders n-tv"), body("n-tv"));
        // A description still: the article may name the ministry in full.
        assert_eq!(read("Ein Sprecher des Finanzministeriums"), Referent::BodyDescription("Finanzministerium".into()));
        assert_eq!(read("ein Polizeisprecher"), Referent::BodyDescription("Polizei".into()));
        assert_eq!(read("Laut BBC News"), body("BBC News"));
        assert_eq!(read("der Spiegel"), body("Der Spiegel"));
        assert_eq!(read("die Grünen"), body("Grünen"));
        assert_eq!(read("die Pressestelle des Innenministeriums"), Referent::BodyDescription("Innenministerium".into()));
        assert_eq!(read("der Frankfurter Allgemeinen Zeitung"), Referent::BodyDescription("Frankfurter Allgemeine Zeitung".into()));
        assert_eq!(read("der Deutschen Bank"), Referent::BodyDescription("Deutsche Bank".into()));
    }

    #[test]
    fn media_named_with_a_common_noun_and_the_kind_before_a_name_stay_out_of_it() {
        assert_eq!(read("Angaben der Gruppe Anonymous"), body("Anonymous"));
        assert_eq!(read("im „Standard“"), body("Der Standard"));
        assert_eq!(read("Angaben der Sport-Bild"), body("Sport-Bild"));
        assert_eq!(read("der Bild"), body("Bild"));
        assert_eq!(read("eine Gruppe von Demonstranten"), Referent::Unnamed);
        assert_eq!(read("Der Fahrgastverband Pro Bahn"), body("Fahrgastverband Pro Bahn"));
        assert_eq!(read("Polizei"), Referent::BodyDescription("Polizei".into()));
        assert_eq!(read("laut dpa"), body("dpa"));
        assert_eq!(read("einer Meldung der dpa"), Referent::Document("Meldung der dpa".into()));
        assert_eq!(read("einem Artikel der Nachrichtenagentur Reuters"), Referent::Document("Artikel der Nachrichtenagentur Reuters".into()));
        assert_eq!(read("einer Studie des Vereins freie presse (fp)"), Referent::Document("Studie des Vereins freie presse".into()));
        assert_eq!(read("die US-Regierung Kanada"), read("die US-Regierung"), "a country right after a body is the clause's object");
        assert_eq!(read("Kluge auf der offiziellen Internetseite von Eintracht Trier"), Referent::Person("Kluge".into()), "where a named speaker said it");
        assert_eq!(read("niederländischen Bahnstiftung"), Referent::BodyDescription("niederländische Bahnstiftung".into()), "a span without its article");
        assert_eq!(read("Angaben des Kuhle Shops"), Referent::BodyDescription("Kuhle Shop".into()), "a name in -e after „des“ is no adjective");
        assert_eq!(read("die Bauaufsicht des Landkreises genauere Angaben"), read("die Bauaufsicht des Landkreises"), "an adjective after the noun opens the object");
        assert_eq!(read("Der Vertreter Perus"), Referent::Role("Vertreter".into()), "a country's role");
        assert_eq!(read("Die Parteiführung"), Referent::BodyDescription("Partei".into()), "a leadership speaks for what it leads");
    }

    #[test]
    fn an_occupation_stays_out_of_the_name_and_an_unnamed_persons_age_names_nobody() {
        assert_eq!(read("Einschätzung des Meteorologen Jan-Erik Vogt"), Referent::Person("Jan-Erik Vogt".into()));
        assert_eq!(read("Kämmerer Uli Brandstätter"), Referent::Person("Uli Brandstätter".into()));
        assert_eq!(read("Eine 78-jährige Rentnerin aus Celle"), Referent::Unnamed);
        assert_eq!(read("der 84-jährige Küng"), Referent::Person("Küng".into()));
    }

    #[test]
    fn people_groups_and_function_words() {
        assert_eq!(read("der Wissenschaftsjournalist Dirk Lorenzen"), Referent::Person("Dirk Lorenzen".into()));
        assert_eq!(read("Marktbeobachtern"), Referent::Unnamed);
        assert_eq!(read("Chinesische Politiker"), Referent::Unnamed);
        assert_eq!(read("Der Minister"), Referent::Role("Minister".into()));
        assert_eq!(read("Demnach"), Referent::Previous);
        assert_eq!(read("Des Weiteren"), Referent::Nothing);
        assert_eq!(read("In"), Referent::Nothing);
        assert_eq!(read("Weder"), Referent::Nothing);
        assert_eq!(read("Regierungs- und Polizeikreise"), Referent::Unnamed, "circles, not the government");
        assert_eq!(read("er"), Referent::Pronoun);
    }

    #[test]
    fn a_name_ends_at_its_last_capitalised_word_and_before_an_article() {
        assert_eq!(read("Brian Baptie von"), Referent::Person("Brian Baptie".into()));
        assert_eq!(read("Karin Albers Die"), Referent::Person("Karin Albers".into()));
        assert_eq!(read("Sathit Wongnongtoey von der Kanzlei"), Referent::Person("Sathit Wongnongtoey".into()));
    }

    /// A phrase that runs past its name (an apposition, or the verb after it) names the
    /// person, not the body further on.
    #[test]
    fn a_name_set_off_before_a_body_is_the_speaker() {
        assert_eq!(read("Karla Moritz, die Gründerin der Grünen Liste Oberhausens"), Referent::Person("Karla Moritz".into()));
        assert_eq!(read("Der Redakteur Jonas Feld schreibt in der Lokalzeitung Neue Presse"), Referent::Person("Jonas Feld".into()));
        assert_eq!(read("die Deutsche Bank"), Referent::BodyDescription("Deutsche Bank".into()));
    }

    #[test]
    fn a_body_name_keeps_its_number_and_its_fur_phrase() {
        assert_eq!(read("der Fernsehsender Kanal 7"), body("Kanal 7"));
        assert_eq!(read("die Vereinigung für Wertpapierbesitz"), Referent::BodyDescription("Vereinigung für Wertpapierbesitz".into()));
    }

    #[test]
    fn a_conjunction_before_the_phrase_and_a_place_after_its_noun_name_nobody() {
        assert_eq!(read("Weder die EU"), Referent::BodyDescription("EU".into()));
        assert_eq!(read("die Zukunft in Japan"), Referent::Unnamed);
        assert_eq!(read("der für das Kosovo zuständige Minister"), Referent::Role("Minister".into()));
    }

    /// Some body, not one the article names: no name, and no name through its agent either.
    #[test]
    fn names_after_an_age_or_a_given_name_titled_bodies_and_a_country_as_owner() {
        assert_eq!(read("Der 85-jährige Joseph Weber"), Referent::Person("Joseph Weber".into()));
        assert_eq!(read("Der 84-jährige Küng"), Referent::Person("Küng".into()));
        assert_eq!(read("Die das Unglück überlebende Alice Kamara, 30"), Referent::Person("Alice Kamara".into()));
        assert_eq!(read("des sozialistischen Parlamentsmitgliedes Andreas Petrakis"), Referent::Person("Andreas Petrakis".into()));
        assert_eq!(read("Angaben des Magazins „Der Spiegel“"), body("Der Spiegel"));
        assert_eq!(read("Die British Broadcasting Corporation"), Referent::BodyDescription("British Broadcasting Corporation".into()));
        assert_eq!(read("Meinung Russlands"), body("Russland"));
        assert_eq!(read("der Vatikan"), Referent::BodyDescription("Vatikan".into()));
        assert_eq!(read("UNMISS-Truppen"), body("UNMISS"));
        assert_eq!(read("das Nachrichtenmagazin Der Spiegel in einem Vorabbericht vom 22. August"), body("Der Spiegel"));
    }

    #[test]
    fn a_place_after_a_body_and_a_capitalised_adjective_before_its_kind_stay_in_its_name() {
        let described = |name: &str| Referent::BodyDescription(name.into());
        assert_eq!(read("die UN-Friedensmission im Südsudan (UNMISS)"), described("UN-Friedensmission im Südsudan"));
        assert_eq!(read("Die Sonderkommission der Kriminalpolizei in Anklam"), described("Sonderkommission der Kriminalpolizei in Anklam"));
        assert_eq!(read("Die Demokratische Partei Thailands"), body("Demokratische Partei Thailands"));
        assert_eq!(read("Behördenangaben"), Referent::Unnamed);
        assert_eq!(read("Berichten britischer Tageszeitungen"), Referent::Document("Berichte britischer Tageszeitungen".into()));
        assert_eq!(read("Kuba"), body("Kuba"));
        assert_eq!(read("Paris"), body("Paris"));
        assert_eq!(read("Saudi-Arabien"), body("Saudi-Arabien"));
        assert_eq!(read("Die Haushaltspolitikerin von Bündnis 90/Die Grünen, Anja Kessler"), Referent::Person("Anja Kessler".into()));
        assert_eq!(read("Hilfsorganisationen"), Referent::Unnamed);
    }

    #[test]
    fn an_indefinite_body_names_nobody() {
        assert_eq!(read("eines bayerischen Landgerichts"), Referent::Unnamed);
        assert_eq!(read("einer Pflegegewerkschaft"), Referent::Unnamed);
        assert_eq!(read("die Sprecherin einer Reederei"), Referent::Unnamed);
        assert_eq!(read("die Sprecherin des Finanzministeriums"), Referent::BodyDescription("Finanzministerium".into()));
    }

    #[test]
    fn own_statements_belong_to_the_clause_subject_and_projections_are_documents() {
        assert_eq!(read("nach eigenen Angaben"), Referent::Reflexive);
        assert_eq!(read("eigenen Worten zufolge"), Referent::Reflexive);
        assert_eq!(read("ihren Angaben"), Referent::Pronoun);
        assert_eq!(read("einer Hochrechnung"), Referent::Document("Hochrechnung".into()));
    }

    #[test]
    fn a_state_speaks_through_its_adjective_and_a_group_or_an_acronym_for_its_body() {
        assert_eq!(read("nach offiziellen chinesischen Angaben"), body("China"));
        assert_eq!(read("nach palästinensischen Angaben"), Referent::Unnamed, "no one state");
        assert_eq!(read("israelischen Armeeangaben"), Referent::BodyDescription("israelische Armee".into()), "the compound's body first");
        assert_eq!(read("Experten der dänischen Marine"), Referent::BodyDescription("dänische Marine".into()));
        assert_eq!(read("Die Demonstranten der PAD"), Referent::BodyDescription("PAD".into()));
        assert_eq!(read("die US-Raumfahrtbehörde NASA"), body("NASA"));
        assert_eq!(read("das Landeskriminalamt NRW"), body("Landeskriminalamt NRW"));
        assert_eq!(read("Reporter ohne Grenzen"), body("Reporter ohne Grenzen"));
        assert_eq!(read("Anna Roth, Sprecherin von Ärzte ohne Grenzen"), Referent::Person("Anna Roth".into()));
        assert_eq!(read("Ein Talibansprecher"), body("Taliban"));
        assert_eq!(read("Ein israelischer Regierungssprecher"), Referent::BodyDescription("israelische Regierung".into()));
        assert_eq!(read("Angaben des Obersten Gerichtshofs"), Referent::BodyDescription("Oberster Gerichtshof".into()), "the superlative, no colonel");
        let interrupted = "das deutsche Organisationskomitee (OK) der Fußball-Weltmeisterschaft";
        assert_eq!(read(interrupted), Referent::BodyDescription("deutsches Organisationskomitee der Fußball-Weltmeisterschaft".into()));
        assert_eq!(read("eine kleine Minderheit"), Referent::Unnamed);
        assert_eq!(read("die Online-Ausgabe des „Kurier“,"), body("Kurier"), "a medium's product speaks for the medium");
        assert_eq!(read("die Internet-Nachrichten der Abendschau"), body("Abendschau"));
        assert_eq!(read("das Onlineangebot Netzblick.de"), body("Netzblick.de"));
        assert_eq!(read("der aktuellen Ausgabe des Wochenmagazins „Rundblick“"), body("Rundblick"));
        assert_eq!(read("das Bundesministerium für Umwelt und Naturschutz"), Referent::BodyDescription("Bundesministerium für Umwelt und Naturschutz".into()));
        assert_eq!(read("nationalem meteorologischen Institut"), Referent::BodyDescription("nationales meteorologisches Institut".into()));
    }

    #[test]
    fn a_name_before_its_role_ranks_stay_out_and_documents_keep_their_number_and_owner() {
        assert_eq!(read("Günther Lauer, der Innenminister Österreichs"), Referent::Person("Günther Lauer".into()));
        assert_eq!(read("Oberst Franz Huber vom Landeskriminalamt"), Referent::Person("Franz Huber".into()));
        assert_eq!(read("Spekulationen, wonach"), Referent::Unnamed);
        assert_eq!(read("kubanischen Aussagen zu Unrecht"), body("Kuba"));
        assert_eq!(read("dem Dekret Nr. 15-204"), Referent::Document("Dekret Nr. 15-204".into()));
        assert_eq!(read("der Ankündigung des Sekretärs des Stiftungsrates"), Referent::Document("Ankündigung des Sekretärs des Stiftungsrates".into()));
    }

    #[test]
    fn someone_unnamed_of_a_named_body_speaks_for_it() {
        assert_eq!(read("Ein Journalist der Deutschen Presse-Agentur"), Referent::BodyDescription("Deutsche Presse-Agentur".into()));
        assert_eq!(read("ein NDR-Reporter"), body("NDR"));
        assert_eq!(read("ein Reporter"), Referent::Unnamed);
    }

    #[test]
    fn adverbs_and_abstract_nouns_opening_a_sentence_are_no_source() {
        assert_eq!(read("Sinngemäß"), Referent::Nothing);
        assert_eq!(read("Möglicherweise"), Referent::Nothing);
        assert_eq!(read("Kritik"), Referent::Unnamed);
        assert!(is_abstract_noun("Politik") && !is_abstract_noun("Republik"));
    }
}
