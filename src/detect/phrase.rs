//! Noun-phrase extents for speakers and sources: "Nato-Generalsekretär Jens Stoltenberg",
//! "ein Sprecher des Innenministeriums", "der Vorsitzende des Verbandes, Elmar Gesse",
//! "Verbraucher-Staatssekretär Matthias Berninger (Grüne)", "er".
//!
//! A phrase is a run of determiners, adjectives and capitalised words, continued by genitive
//! attributes (des/der + …), "von" + name, a bracketed party, and one apposition of
//! capitalised words between commas. It stops at verbs, prepositions and adverbs.

use super::lexicon::{is_in, is_role_noun, COUNTRIES, DETERMINERS, GIVEN_NAMES, PHRASE_BREAKERS, PRONOUNS};
use crate::german::{opens_double, word_is};
use super::words::Word;

/// Longest noun phrase starting at word `i`, as a half-open word range.
pub fn after(words: &[Word], i: usize) -> Option<(usize, usize)> {
    let w = words.get(i)?;
    if is_in(&PRONOUNS, w.text) {
        return Some((i, i + 1));
    }
    let mut end = core(words, i)?;
    // „sagte Wolfgang Schäuble (CDU) der Zeitung“, „sagte Fritz Kuhn der Nachrichtenagentur
    // AP“: after the party or a given name and surname, „der“ opens the addressee.
    let named = words[end - 1].is_capitalised() && (i..end - 1).rev().take(4).take_while(|&k| words[k].is_capitalised() || is_name_particle(&words[k])).any(|k| is_in(&GIVEN_NAMES, words[k].text));
    let mut addressee_next = named;
    loop {
        if let Some(next) = genitive_or_von(words, end).filter(|_| !addressee_next || words[end].text != "der") {
            end = next;
        } else if let Some(next) = bracket(words, end) {
            end = next;
            addressee_next = true;
        } else if let Some(next) = apposition(words, end) {
            end = next;
        } else if let Some(next) = coordination(words, end) {
            end = next;
        } else {
            return Some((i, end));
        }
    }
}

/// Longest noun phrase ending just before word `end` (for "X zufolge", "X nach").
pub fn before(words: &[Word], end: usize) -> Option<(usize, usize)> {
    let mut best = None;
    let lowest = end.saturating_sub(12);
    for start in (lowest..end).rev() {
        if words[start].is_punct() && !words[start].is(")") && !words[start].is("(") {
            if !word_is(words[start].text, opens_double) && !words[start].is("-") {
                break;
            }
        }
        if let Some((s, e)) = after(words, start) {
            if e == end {
                best = Some((s, e));
            }
        }
    }
    best
}

/// Determiner, adjectives and nouns: "der neue Nato-Generalsekretär Jens Stoltenberg".
fn core(words: &[Word], i: usize) -> Option<usize> {
    let mut j = particle_name_start(words, i).unwrap_or(i);
    if j == i && words.get(j).is_some_and(|w| is_in(&DETERMINERS, &w.lower())) {
        j += 1;
    }
    let mut nouns = 0;
    let mut in_quotes = false;
    let mut named_before_quote = false;
    while let Some(w) = words.get(j) {
        if nouns > 0 && is_in(&COUNTRIES, w.text) && !country_ends_body_name(words, i, j) {
            break;
        }
        if is_quote_mark(w) && (in_quotes || words.get(j + 1).is_some_and(Word::is_capitalised)) {
            named_before_quote = !in_quotes && nouns > 0;
            in_quotes = !in_quotes;
            nouns += 1;
        } else if in_quotes && named_before_quote && w.is_lowercase() && (j + 1..j + 3).any(|k| words.get(k).is_some_and(is_quote_mark)) {
            // „der Wochenzeitung „Le Canard enchaîné““: a short quoted name after its noun
            // holds lowercase words too (a quotation opening the phrase does not).
        } else if nouns > 0 && is_truncated_compound(words, j) {
            // „Kongress- und Verteidigungskreise“: the hyphen and the conjunction.
            j += 1;
        } else if is_noun(w) && !is_in(&PHRASE_BREAKERS, &w.lower()) || nouns > 0 && is_brand(w) || is_web_address(w) {
            nouns += 1;
        } else if nouns == 0 && is_adjective(w) {
        } else if nouns > 0 && w.text.chars().all(|c| c.is_ascii_digit()) {
        } else if nouns > 0 && is_name_particle(w) && (w.text != "der" || is_name_particle(&words[j - 1])) && name_goes_on(words, j + 1) {
            // („Fritz Kuhn der Nachrichtenagentur AP“: „der“ only after „von“, „van“, „de“.)
        } else if nouns > 0 && joins_foreign_name(words, j) {
        } else if let Some(length) = (nouns > 0).then(|| lowercase_name_with_acronym(words, j)).filter(|&n| n > 0) {
            j += length - 1;
        } else {
            break;
        }
        j += 1;
    }
    (nouns > 0).then_some(j)
}

/// „Greenpeace Österreich sagte“: a country right after a name that opens its sentence,
/// right before the reporting verb, ends the name of a body's national branch. Elsewhere
/// it is the clause's object („warf Merkel Russland vor“, „dass die US-Regierung Georgien
/// kritisierte“), and before the verb of a main clause only one phrase stands.
fn country_ends_body_name(words: &[Word], start: usize, country: usize) -> bool {
    let opens_sentence = start == 0 || words[start - 1].is_punct() && !words[start - 1].is(",");
    let verb_next = words.get(country + 1).is_some_and(|w| super::lexicon::VERB_CUES.contains_key(w.lower().as_str()));
    let bare_name = words[start..country].iter().all(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()));
    opens_sentence && verb_next && bare_name
}

/// „amnesty international (ai)“: lowercase words from word `k` that the acronym in
/// brackets after them spells are a name; how many, or 0.
pub fn lowercase_name_with_acronym(words: &[Word], k: usize) -> usize {
    let length = words[k..].iter().take(4).take_while(|w| w.is_lowercase() && !is_in(&DETERMINERS, &w.lower())).count();
    let initials: String = words[k..k + length].iter().filter_map(|w| w.text.chars().next()).collect();
    let spelt = matches!(words.get(k + length..k + length + 3), Some([open, acronym, close]) if open.is("(") && close.is(")") && acronym.lower() == initials);
    if length > 1 && spelt { length } else { 0 }
}

/// A hyphen right after a word, then „und“/„oder“ and a capitalised word: the first part of
/// a compound whose head comes after the conjunction.
pub fn is_truncated_compound(words: &[Word], j: usize) -> bool {
    let attached = j > 0 && words.get(j).is_some_and(|w| w.is("-") && w.span.start == words[j - 1].span.end);
    attached && words.get(j + 1).is_some_and(|w| matches!(w.text, "und" | "oder")) && words.get(j + 2).is_some_and(Word::is_capitalised)
}

/// A quotation mark around a name inside a phrase (die „Süddeutsche Zeitung“).
fn is_quote_mark(w: &Word) -> bool {
    word_is(w.text, opens_double)
}

/// A capitalised word or an age noun („der 39-Jährige“).
fn is_noun(w: &Word) -> bool {
    w.is_capitalised() || is_age_noun(w)
}

/// „52-Jährige“: an age noun, which starts with its number.
pub fn is_age_noun(w: &Word) -> bool {
    age_compound(w).is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// „58-jährige“: the part after the number's hyphen.
fn age_compound<'a>(w: &Word<'a>) -> Option<&'a str> {
    let (number, rest) = w.text.split_once('-')?;
    (number.chars().all(|c| c.is_ascii_digit()) && !number.is_empty()).then_some(rest)
}

/// Lowercase names with a hyphen after the noun („des Senders n-tv“).
fn is_brand(w: &Word) -> bool {
    w.is_lowercase() && w.text.contains('-')
}

/// A web site named by its address („laut ndr.de“, „der Website worldreferee.com“).
pub fn is_web_address(w: &Word) -> bool {
    let Some((name, domain)) = w.text.rsplit_once('.') else { return false };
    let host = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    !name.is_empty() && name.chars().all(host) && (2..=4).contains(&domain.len()) && domain.chars().all(|c| c.is_ascii_lowercase())
}

fn is_adjective(w: &Word) -> bool {
    (w.is_lowercase() || age_compound(w).is_some_and(|rest| rest.starts_with(char::is_lowercase)))
        && !is_in(&PHRASE_BREAKERS, w.text)
        && ["e", "en", "er", "es", "em"].iter().any(|s| w.text.ends_with(s))
        && w.text.chars().count() > 3
}

/// „sagte von der Leyen“, „so de Maizière“, „sagte zu Guttenberg“: a surname that opens with
/// its particle; the word of the surname after the particles, where the capitalised word
/// there ends the clause or goes on with the name (not „zu Beginn der Sitzung“) and is no
/// noun a preposition takes („zu Journalisten“, „von der Bühne“ before a verb).
pub fn particle_name_start(words: &[Word], i: usize) -> Option<usize> {
    let particle = words.get(i).filter(|w| matches!(w.text, "von" | "van" | "de" | "zu" | "di" | "da"))?;
    let article = matches!(particle.text, "von" | "van" | "de") && words.get(i + 1).is_some_and(|w| matches!(w.text, "der" | "den" | "la" | "le" | "du"));
    let k = i + 1 + usize::from(article);
    // After a verb, „so“ or „laut“ (not „Angaben zu Zeitpunkt und Form“); no role noun.
    let after_verb = i > 0 && words[i - 1].is_lowercase();
    let surname = words.get(k).filter(|w| after_verb && w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()) && !is_role_noun(w.text))?;
    let common = ["ung", "heit", "keit", "schaft", "ion", "tät", "isten", "ern", "innen", "ten"].iter().any(|e| surname.text.ends_with(e))
        || matches!(surname.text, "Beginn" | "Anfang" | "Hause" | "Ende" | "Gast" | "Recht" | "Seiten" | "Zeit" | "Mittag" | "Abend" | "Morgen" | "Fuß" | "Tisch");
    let next = words.get(k + 1);
    // („von Kenias Regierung“, „von Demjanjuks Sohn“: a genitive before its noun.)
    let genitive = surname.text.ends_with('s') && next.is_some_and(Word::is_capitalised);
    // („von Moderator Peter Kurz“: after the German prepositions, the name ends the clause.)
    let goes_on = next.is_some_and(Word::is_capitalised) && !matches!(particle.text, "von" | "zu");
    let ends = goes_on || next.is_none_or(|w| w.is_punct() || matches!(w.text, "am" | "im" | "in" | "nach" | "bei" | "gegenüber" | "vor" | "auf" | "laut" | "zudem" | "weiter" | "außerdem" | "zufolge"));
    (!common && !genitive && ends).then_some(k)
}

/// Whether a name goes on at word `k` after a particle: a capitalised word, or a second
/// particle before one („Rafael van der Vaart“).
fn name_goes_on(words: &[Word], k: usize) -> bool {
    words.get(k).is_some_and(|w| w.is_capitalised() || is_name_particle(w) && words.get(k + 1).is_some_and(Word::is_capitalised))
}

/// "van", "von", "de", "al" inside a name ("Ursula von der Leyen").
fn is_name_particle(w: &Word) -> bool {
    matches!(w.text, "von" | "van" | "de" | "der" | "al" | "bin" | "el" | "da" | "di" | "zu")
}

/// „Bank of England“, „University of Colorado“: „of“ or „for“ between capitalised words
/// goes on with an English name.
pub fn joins_foreign_name(words: &[Word], j: usize) -> bool {
    j > 0 && matches!(words[j].text, "of" | "for") && words[j - 1].is_capitalised() && words.get(j + 1).is_some_and(Word::is_capitalised)
}

fn genitive_or_von(words: &[Word], j: usize) -> Option<usize> {
    let w = words.get(j)?;
    let quoted_title = words.get(j + 1).is_some_and(|n| n.is_punct());
    let genitive = ["des", "der", "eines", "einer", "seines", "seiner", "ihres", "ihrer", "dessen", "deren"];
    if genitive.contains(&w.text) && !quoted_title {
        return core(words, j);
    }
    // „Minister X von der Kanzlei des Premiers“
    let then_article = words.get(j + 1).is_some_and(|n| matches!(n.text, "der" | "dem" | "den"));
    if w.text == "von" && (words.get(j + 1).is_some_and(Word::is_capitalised) || then_article) {
        return core(words, j + 1);
    }
    // „nach Angaben von n24“
    if w.text == "von" && words.get(j + 1).is_some_and(|n| n.is_lowercase() && n.text.contains(|c: char| c.is_ascii_digit() || c == '-')) {
        return Some(j + 2);
    }
    let institution = j > 0 && INSTITUTIONS.iter().any(|s| words[j - 1].lower().trim_end_matches('s').ends_with(s));
    if w.text == "für" && institution && words.get(j + 1).is_some_and(Word::is_capitalised) {
        return core(words, j + 1);
    }
    None
}

/// Nouns whose name goes on with „für“ („Institut für Wohnungswirtschaft“).
const INSTITUTIONS: &[&str] = &[
    "institut", "zentrum", "amt", "ministerium", "verband", "rat", "kommission", "gesellschaft",
    "stiftung", "verein", "behörde", "agentur", "ausschuss", "beauftragte", "komitee",
];

/// "(Grüne)", "(IAEO)": a short bracket right after the phrase.
fn bracket(words: &[Word], j: usize) -> Option<usize> {
    if !words.get(j)?.is("(") {
        return None;
    }
    let close = (j + 1..(j + 12).min(words.len())).find(|&k| words[k].is(")"))?;
    Some(close + 1)
}

/// „Sonia und Willy Bogner“, „die USA und Großbritannien“: a second phrase after „und“ or
/// „sowie“.
fn coordination(words: &[Word], j: usize) -> Option<usize> {
    if !(words.get(j)?.is("und") || words[j].is("sowie")) || words.get(j + 1).is_some_and(|w| is_in(&PHRASE_BREAKERS, &w.lower())) {
        return None;
    }
    core(words, j + 1)
}

/// ", Elmar Gesse," or ", Lars Beringer" at the end: capitalised words after a comma that
/// end at a comma or the clause end; or a description with its genitives („, Kommandant
/// des Marine-Corps,“, „, ein Manager der Firma,“).
fn apposition(words: &[Word], j: usize) -> Option<usize> {
    if !words.get(j)?.is(",") {
        return None;
    }
    let closes = |k: usize| words.get(k).map_or(true, |w| matches!(w.text, "," | "." | ":" | ";"));
    let mut k = j + 1;
    while words.get(k).is_some_and(|w| w.is_capitalised() || is_name_particle(w) && k > j + 1) {
        k += 1;
    }
    let opener = words.get(j + 1)?;
    if k - (j + 1) >= 2 && closes(k) && !is_in(&DETERMINERS, &opener.lower()) {
        return Some(k);
    }
    let described = is_in(APPOSITION_ARTICLES, &opener.lower()) || opener.is_capitalised() && is_role_noun(opener.text);
    let mut end = core(words, j + 1).filter(|_| described)?;
    while let Some(next) = genitive_or_von(words, end) {
        end = next;
    }
    closes(end).then_some(end)
}

/// Articles that open a descriptive apposition („Arni Finnsson, ein Vertreter der …“).
const APPOSITION_ARTICLES: &[&str] = &["der", "die", "ein", "eine", "einem", "einer", "dem"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::words::words;
    use crate::document::{Document, Span};

    fn phrase_after(text: &str, i: usize) -> String {
        let doc = Document::new("t", text);
        let ws = words(&doc, Span::new(0, doc.char_len()));
        let (s, e) = after(&ws, i).expect("a phrase");
        doc.slice(Span::new(ws[s].span.start, ws[e - 1].span.end)).to_string()
    }

    #[test]
    fn phrases_stop_at_adverbs_and_take_genitives_and_appositions() {
        assert_eq!(phrase_after("sagte der Vorsitzende des Verbandes, Elmar Gesse, am Montag.", 1), "der Vorsitzende des Verbandes, Elmar Gesse");
        assert_eq!(phrase_after("sagte ein Sprecher des Innenministeriums am Abend.", 1), "ein Sprecher des Innenministeriums");
        assert_eq!(phrase_after("hat Staatssekretär Matthias Berninger (Grüne) gefordert", 1), "Staatssekretär Matthias Berninger (Grüne)");
        assert_eq!(phrase_after("sagte er heute", 1), "er");
        assert_eq!(phrase_after("so Regierungs- und Polizeikreise am Abend.", 1), "Regierungs- und Polizeikreise");
        assert_eq!(phrase_after("laut der Zeitung „Le Monde diplomatique“ am Montag", 1), "der Zeitung „Le Monde diplomatique“");
        assert_eq!(phrase_after("laut der Hilfsorganisation ärzte weltweit (äw) fehlt Wasser", 1), "der Hilfsorganisation ärzte weltweit (äw)");
        assert_eq!(phrase_after("laut der Organisation seit Jahren", 1), "der Organisation");
    }
}
