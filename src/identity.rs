//! Corpus-wide speaker identity: one id and one canonical name per person across all
//! documents.
//!
//! Attribution gives each quotation the fullest name its own article uses ("Jens
//! Stoltenberg" in one article, only "Stoltenberg" in another). Here the names of the whole
//! corpus are brought together:
//!
//! - a name is reduced to its key: leading titles and role nouns are dropped
//!   ("Nato-Generalsekretär Jens Stoltenberg" → "Jens Stoltenberg", "Dr. Anna Weber" →
//!   "Anna Weber"), words are compared case-insensitively;
//! - a key that ends another, longer key ("Stoltenberg" ← "Jens Stoltenberg") joins that
//!   person, but only when all longer keys it ends belong to one person: "Scholz" stays on
//!   its own in a corpus with both "Olaf Scholz" and "Hans Scholz", because guessing would
//!   mislead a fact-checker;
//! - a coordinated name („Stoltenberg und Scholz“, „X sowie Y“, „X, Y und Z“) is each of
//!   its people: every part is resolved on its own, and a first name alone before a full
//!   name shares its surname („Sonia und Willy Bogner“) unless it is a surname of the
//!   corpus („Stoltenberg und Olaf Scholz“);
//! - a pronoun left as a name („Man habe …“) is nobody: no id;
//! - bodies joined by „und“ are each their own where every part is a body by itself
//!   („USA und Deutschland“; not „Bund für Umwelt und Naturschutz“);
//! - organisations and documents are one only under the same name: no surname joining, no
//!   titles dropped („spanische Regierung“ stays), and a generic body („Polizei“, „die
//!   Regierung“) or a document („Bericht“) is one only within its article, since the police
//!   of two cities are two sources;
//! - the canonical name is the person's most frequent full form; the id is its ASCII slug
//!   ("jens-stoltenberg"), made unique by a number in order of first appearance.
//!
//! Everything is ordered by first appearance, so the result depends only on the order of
//! the names, never on hashing or threads.

use crate::attribute::referent::{is_body_noun, is_person_noun, looks_like_body_name};
use crate::detect::lexicon::{is_in, COUNTRIES};
use crate::document::SpeakerKind;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One person (or named organisation) of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Stable, readable id: the slug of the canonical name.
    pub id: String,
    /// The most frequent full form of the name.
    pub name: String,
    /// Every form of the name as written (titles included), grouped by key in order of
    /// first appearance.
    pub variants: Vec<String>,
    /// A person, an organisation or a document, so that an index can list them apart.
    pub kind: SpeakerKind,
}

/// People in order of first appearance, and for every input name its people.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identities {
    pub people: Vec<Person>,
    /// Index into `people` of each input name's first person (`None` for no name): the
    /// one id of formats that give one.
    pub of: Vec<Option<usize>>,
    /// Every person of each input name, in the order named (more than one for a
    /// coordinated name, none for no name).
    pub all_of: Vec<Vec<usize>>,
}

/// Pronouns the attribution may leave as a name („Man habe …“): nobody in particular.
const PRONOUNS: &[&str] = &["man", "er", "sie", "es", "wir", "ich", "du", "ihr"];

/// Titles that precede a name without being part of it.
pub const TITLES: &[&str] = &["herr", "frau", "dr.", "prof.", "dr", "prof", "ing.", "med.", "sir", "mr.", "mrs.", "ms."];

/// The name without leading titles, role nouns and lower-case words ("Nato-Generalsekretär
/// Jens Stoltenberg" → "Jens Stoltenberg"). The last word always stays.
pub fn bare(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_title = |w: &&&str| {
        let lower = w.to_lowercase();
        TITLES.contains(&lower.as_str()) || is_person_noun(w) || w.chars().next().is_some_and(char::is_lowercase)
    };
    let skip = words.iter().take(words.len().saturating_sub(1)).take_while(is_title).count();
    words[skip..].join(" ")
}

/// The key of a name: the words of its [`bare`] form, lower-cased and spelt as in the
/// [`ascii_fold`] („Erdoğan“ and „Erdogan“, „Müller“ and „Mueller“ are one person).
pub fn key(name: &str) -> Vec<String> {
    bare(name).split_whitespace().map(ascii_fold).collect()
}

/// Groups the names into people and bodies (see the module documentation); `kinds` and
/// `sources` (the document of each name) keep bodies and documents apart.
pub fn resolve(names: &[Option<&str>], kinds: &[Option<SpeakerKind>], sources: &[usize]) -> Identities {
    let (parts, owner) = persons_named(names, kinds);
    let kind_of = |o: usize| kinds.get(o).copied().flatten().unwrap_or(SpeakerKind::Person);
    let part_refs: Vec<(Option<&str>, Kind, SpeakerKind)> =
        parts.iter().zip(&owner).map(|(p, &o)| (Some(p.as_str()), Kind::of(Some(kind_of(o)), p, sources.get(o).copied().unwrap_or(0)), kind_of(o))).collect();
    let keys = Keys::collect(&part_refs);
    let root_of = keys.roots();
    let people = keys.people(&root_of);
    let person_of_root: HashMap<usize, usize> =
        people.iter().enumerate().map(|(p, (root, _))| (*root, p)).collect();
    let mut all_of: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (k, &name) in keys.key_of.iter().zip(&owner) {
        let person = k.map(|k| person_of_root[&root_of[k]]);
        if let Some(person) = person.filter(|p| !all_of[name].contains(p)) {
            all_of[name].push(person);
        }
    }
    let of = all_of.iter().map(|people| people.first().copied()).collect();
    Identities { people: people.into_iter().map(|(_, person)| person).collect(), of, all_of }
}

/// The names of single people in all the names, in order, and the input name each one
/// comes from: a coordinated name gives one per person (see [`coordinated`]).
fn persons_named(names: &[Option<&str>], kinds: &[Option<SpeakerKind>]) -> (Vec<String>, Vec<usize>) {
    let kind = |k: usize| kinds.get(k).copied().flatten();
    let bodies_alone: HashSet<&str> = (names.iter().enumerate()).filter(|&(k, _)| kind(k) == Some(SpeakerKind::Organisation)).filter_map(|(_, n)| *n).collect();
    let parts_of = |k: usize, name: &str| match kind(k) {
        Some(SpeakerKind::Document) => vec![name.to_string()],
        Some(SpeakerKind::Organisation) => bodies_joined(name, &bodies_alone),
        _ => coordinated(name),
    };
    let split: Vec<Vec<String>> = (names.iter().enumerate()).map(|(k, n)| n.map(|n| parts_of(k, n)).unwrap_or_default()).collect();
    let surnames = surnames(&split);
    let mut parts = Vec::new();
    let mut owner = Vec::new();
    for (name, people) in split.into_iter().enumerate() {
        let people = if kind(name) == Some(SpeakerKind::Organisation) { people } else { share_surname(people, &surnames) };
        for person in people {
            parts.push(person);
            owner.push(name);
        }
    }
    (parts, owner)
}

/// The parts of a coordinated name: split at `und`, `sowie` and commas („Stoltenberg und
/// Scholz“ → Stoltenberg, Scholz; „A, B und C“ → A, B, C). A name without them is one part.
pub fn coordinated(name: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut close = |current: &mut Vec<&str>| {
        if !current.is_empty() {
            parts.push(current.join(" "));
            current.clear();
        }
    };
    for word in name.split_whitespace() {
        if matches!(word, "und" | "sowie" | "," | "&") {
            close(&mut current);
            continue;
        }
        match word.strip_suffix(',') {
            Some(head) => {
                current.extend((!head.is_empty()).then_some(head));
                close(&mut current);
            }
            None => current.push(word),
        }
    }
    close(&mut current);
    parts
}

/// „USA und Deutschland“, „G8, EU und Ukraine“: bodies joined as names are, each its own
/// body, where every part is a body by itself — a country, an acronym, or a name the
/// corpus gives alone. „Bund für Umwelt und Naturschutz“ stays one name.
fn bodies_joined(name: &str, alone: &HashSet<&str>) -> Vec<String> {
    let parts = coordinated(name);
    let body = |part: &String| is_in(&COUNTRIES, part) || looks_like_body_name(part) || alone.contains(part.as_str());
    if parts.len() > 1 && parts.iter().all(body) { parts } else { vec![name.to_string()] }
}

/// Names joined as German joins them: „A“, „A und B“, „A, B und C“.
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} und {}", rest.join(", "), last.as_ref())
        }
    }
}

/// Last words (lower case) of the names of more than one word, over the whole corpus.
fn surnames(split: &[Vec<String>]) -> HashSet<String> {
    (split.iter().flatten())
        .map(|part| key(part))
        .filter(|k| k.len() > 1)
        .filter_map(|mut k| k.pop())
        .collect()
}

/// „Sonia und Willy Bogner“: a one-word part before a last part of several words is a
/// first name that shares the last part's surname, unless the corpus knows it as a
/// surname of its own („Stoltenberg und Olaf Scholz“).
fn share_surname(mut parts: Vec<String>, surnames: &HashSet<String>) -> Vec<String> {
    let Some(last) = parts.last().filter(|_| parts.len() > 1) else { return parts };
    let last_bare = bare(last);
    let Some((_, surname)) = last_bare.rsplit_once(' ') else { return parts };
    let surname = surname.to_string();
    let count = parts.len();
    for part in &mut parts[..count - 1] {
        let single = !part.contains(' ');
        if single && !surnames.contains(&part.to_lowercase()) && is_name(part) {
            *part = format!("{part} {surname}");
        }
    }
    parts
}

/// How a name is keyed: a person's by the words of its bare form (joining surnames), a
/// body's by all its words, a generic body's and a document's within their article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Person,
    Body,
    Local(usize),
}

impl Kind {
    fn of(kind: Option<SpeakerKind>, name: &str, source: usize) -> Kind {
        match kind {
            Some(SpeakerKind::Document) => Kind::Local(source),
            Some(SpeakerKind::Organisation) if is_generic_body(name) => Kind::Local(source),
            Some(SpeakerKind::Organisation) => Kind::Body,
            _ => Kind::Person,
        }
    }

    fn key(self, name: &str) -> Vec<String> {
        match self {
            Kind::Person => key(name),
            Kind::Body => name.split_whitespace().map(ascii_fold).collect(),
            Kind::Local(source) => name.split_whitespace().map(ascii_fold).chain([format!("#{source}")]).collect(),
        }
    }

    fn form(self, name: &str) -> String {
        if self == Kind::Person { bare(name) } else { name.to_string() }
    }
}

/// „Polizei“, „spanische Regierung“: a body noun with at most attributes before it says
/// which kind of body, not which one.
fn is_generic_body(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.split_last().is_some_and(|(last, before)| is_body_noun(last) && before.iter().all(|w| w.chars().next().is_some_and(char::is_lowercase)))
}

/// Distinct keys in order of first appearance, with the forms that gave them.
struct Keys {
    keys: Vec<Vec<String>>,
    /// Bare forms of each key with their counts, in order of first appearance.
    forms: Vec<Vec<(String, usize)>>,
    /// Full forms as written (titles included), in order of first appearance.
    written: Vec<Vec<String>>,
    /// Key index of each input name.
    key_of: Vec<Option<usize>>,
    /// How each key was made: only persons' keys join longer ones.
    kinds: Vec<Kind>,
    /// What the first name of each key was said to be.
    speaker_kinds: Vec<SpeakerKind>,
}

impl Keys {
    fn collect(names: &[(Option<&str>, Kind, SpeakerKind)]) -> Keys {
        let mut index: HashMap<Vec<String>, usize> = HashMap::new();
        let mut keys = Keys {
            keys: Vec::new(),
            forms: Vec::new(),
            written: Vec::new(),
            key_of: Vec::with_capacity(names.len()),
            kinds: Vec::new(),
            speaker_kinds: Vec::new(),
        };
        for &(name, kind, speaker_kind) in names {
            let k = name.map(str::trim).filter(|n| is_name(n)).map(|name| {
                let k = *index.entry(kind.key(name)).or_insert_with_key(|key| {
                    keys.keys.push(key.clone());
                    keys.forms.push(Vec::new());
                    keys.written.push(Vec::new());
                    keys.kinds.push(kind);
                    keys.speaker_kinds.push(speaker_kind);
                    keys.keys.len() - 1
                });
                count_form(&mut keys.forms[k], &kind.form(name));
                if !keys.written[k].iter().any(|w| w == name) {
                    keys.written[k].push(name.to_string());
                }
                k
            });
            keys.key_of.push(k);
        }
        keys
    }

    /// For every key, the key of the person it belongs to: itself, or the one person all
    /// longer keys ending in it belong to. Longer keys are settled first.
    fn roots(&self) -> Vec<usize> {
        let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, words) in self.keys.iter().enumerate() {
            by_last.entry(words.last().map_or("", String::as_str)).or_default().push(k);
        }
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_by_key(|&k| (std::cmp::Reverse(self.keys[k].len()), k));
        let mut root: Vec<usize> = (0..self.keys.len()).collect();
        for k in order.into_iter().filter(|&k| self.kinds[k] == Kind::Person) {
            let words = &self.keys[k];
            let last = words.last().map_or("", String::as_str);
            let mut owners: Vec<usize> = (by_last[last].iter())
                .filter(|&&other| self.kinds[other] == Kind::Person && self.keys[other].len() > words.len() && self.keys[other].ends_with(words))
                .map(|&other| root[other])
                .collect();
            owners.sort_unstable();
            owners.dedup();
            if let [only] = owners[..] {
                root[k] = only;
            }
        }
        root
    }

    /// One person per root key, in order of first appearance of any of its keys.
    fn people(&self, root_of: &[usize]) -> Vec<(usize, Person)> {
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for k in 0..self.keys.len() {
            members.entry(root_of[k]).or_default().push(k);
        }
        let mut groups: Vec<(usize, Vec<usize>)> = members.into_iter().collect();
        groups.sort_by_key(|(_, keys)| keys.iter().copied().min());
        let mut taken: HashMap<String, usize> = HashMap::new();
        (groups.into_iter())
            .map(|(root, keys)| {
                let name = canonical(&self.forms[root]);
                let variants = keys.iter().flat_map(|&k| self.written[k].iter().cloned()).collect();
                (root, Person { id: unique(&mut taken, slug(&name)), name, variants, kind: self.speaker_kinds[root] })
            })
            .collect()
    }
}

/// Whether a speaker name names someone: not empty, not a pronoun.
fn is_name(name: &str) -> bool {
    !name.is_empty() && !PRONOUNS.contains(&name.to_lowercase().as_str())
}

fn count_form(forms: &mut Vec<(String, usize)>, name: &str) {
    match forms.iter_mut().find(|(f, _)| f == name) {
        Some((_, n)) => *n += 1,
        None => forms.push((name.to_string(), 1)),
    }
}

/// The most frequent form; the first one seen among equally frequent forms.
fn canonical(forms: &[(String, usize)]) -> String {
    let best = forms.iter().map(|(_, n)| *n).max().unwrap_or(0);
    forms.iter().find(|(_, n)| *n == best).map(|(f, _)| f.clone()).unwrap_or_default()
}

/// ASCII, lower case: ä → ae, ß → ss as German writes them without umlauts, other letters
/// without their marks (ğ → g, ā → a, ş → s), so that „Erdoğan“ and „Erdogan“ are one;
/// anything else that is no letter or digit a `-`.
fn ascii_fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let piece = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'ł' => "l",
            'đ' | 'ð' => "d",
            'þ' => "th",
            'ı' => "i",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            c => {
                let base: String = std::iter::once(c).nfd().filter(char::is_ascii_alphanumeric).collect();
                out.push_str(if base.is_empty() { "-" } else { &base });
                continue;
            }
        };
        out.push_str(piece);
    }
    out
}

/// The id of a name: its [`ascii_fold`], words joined by `-`.
pub fn slug(name: &str) -> String {
    let out = ascii_fold(name);
    let words: Vec<&str> = out.split('-').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        "person".to_string()
    } else {
        words.join("-")
    }
}

fn unique(taken: &mut HashMap<String, usize>, id: String) -> String {
    let n = taken.entry(id.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        id
    } else {
        format!("{id}-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(names: &[&str]) -> (Vec<String>, Vec<String>) {
        let input: Vec<Option<&str>> = names.iter().map(|n| Some(*n)).collect();
        let ids = resolve(&input, &[], &[]);
        let per_name = ids.of.iter().map(|p| ids.people[p.unwrap()].id.clone()).collect();
        (ids.people.iter().map(|p| p.name.clone()).collect(), per_name)
    }

    #[test]
    fn titles_and_surnames_join_the_full_name() {
        let (names, ids) = people(&["Stoltenberg", "Nato-Generalsekretär Jens Stoltenberg", "Jens Stoltenberg", "Jens Stoltenberg", "Dr. Anna Weber", "Weber"]);
        assert_eq!(names, vec!["Jens Stoltenberg", "Anna Weber"]);
        assert_eq!(ids, vec!["jens-stoltenberg"; 4].into_iter().chain(vec!["anna-weber"; 2]).collect::<Vec<_>>());
    }

    #[test]
    fn an_ambiguous_surname_stays_on_its_own() {
        let (names, ids) = people(&["Olaf Scholz", "Scholz", "Hans Scholz"]);
        assert_eq!(names, vec!["Olaf Scholz", "Scholz", "Hans Scholz"]);
        assert_eq!(ids, vec!["olaf-scholz", "scholz", "hans-scholz"]);
    }

    #[test]
    fn particles_inside_a_name_stay_and_slugs_are_ascii_and_unique() {
        assert_eq!(key("Ursula von der Leyen"), vec!["ursula", "von", "der", "leyen"]);
        assert_eq!(key("von der Leyen"), vec!["leyen"]);
        assert_eq!(slug("Jürgen Weiß-Öztürk"), "juergen-weiss-oeztuerk");
        assert_eq!(slug("Recep Tayyip Erdoğan"), slug("Recep Tayyip Erdogan"));
        assert_eq!(slug("Mohammad Chātamī"), "mohammad-chatami");
        assert_eq!(slug("Łukasz Đukanović-Şahin"), "lukasz-dukanovic-sahin");
        assert_eq!(key("Recep Tayyip Erdoğan"), key("Recep Tayyip Erdogan"));
        let mut taken = HashMap::new();
        assert_eq!(unique(&mut taken, "a".into()), "a");
        assert_eq!(unique(&mut taken, "a".into()), "a-2");
    }

    #[test]
    fn a_coordinated_name_is_each_of_its_people() {
        let names = [Some("Jens Stoltenberg"), Some("Stoltenberg und Scholz"), Some("Olaf Scholz"), Some("Anna Weber, Ben Roth sowie Cem Aydin"), Some("Sonia und Willy Bogner")];
        let ids = resolve(&names, &[], &[]);
        let all: Vec<Vec<&str>> = ids.all_of.iter().map(|ps| ps.iter().map(|&p| ids.people[p].id.as_str()).collect()).collect();
        assert_eq!(all[0], ["jens-stoltenberg"]);
        assert_eq!(all[1], ["jens-stoltenberg", "olaf-scholz"]);
        assert_eq!(all[3], ["anna-weber", "ben-roth", "cem-aydin"]);
        assert_eq!(all[4], ["sonia-bogner", "willy-bogner"]);
        assert_eq!(ids.of[1], Some(0), "the first person named is the one id");
        assert!(ids.people.iter().all(|p| !p.id.contains("-und-")), "{:?}", ids.people);
        assert_eq!(coordinated("Ursula von der Leyen"), ["Ursula von der Leyen"]);
        assert_eq!(coordinated("A, B und C"), ["A", "B", "C"]);
    }

    #[test]
    fn generic_bodies_and_documents_stay_in_their_article_and_bodies_keep_their_words() {
        use SpeakerKind::*;
        let names = [Some("Polizei"), Some("Polizei"), Some("Polizei"), Some("spanische Regierung"), Some("Regierung"), Some("Bericht"), Some("Bericht"), Some("Staatsanwaltschaft Krefeld"), Some("Staatsanwaltschaft Krefeld")];
        let kinds = [Some(Organisation), Some(Organisation), Some(Organisation), Some(Organisation), Some(Organisation), Some(Document), Some(Document), Some(Organisation), Some(Organisation)];
        let sources = [0, 0, 1, 0, 0, 0, 1, 0, 1];
        let ids = resolve(&names, &kinds, &sources);
        let id = |k: usize| ids.people[ids.of[k].unwrap()].id.as_str();
        assert_eq!((id(0), id(1), id(2)), ("polizei", "polizei", "polizei-2"), "the police of two articles are two sources");
        assert_eq!(ids.people[ids.of[3].unwrap()].name, "spanische Regierung", "no attribute dropped from a body");
        assert_ne!(id(3), id(4), "a body does not join a longer name ending like it");
        assert_ne!(id(5), id(6));
        assert_eq!(id(7), id(8), "a named body is one across the corpus");
    }

    #[test]
    fn bodies_joined_by_und_are_each_their_own_where_every_part_is_a_body() {
        use SpeakerKind::*;
        let names = [Some("USA und Deutschland"), Some("Deutschland"), Some("Bund für Umwelt und Naturschutz"), Some("Greenpeace und Sky News"), Some("Sky News"), Some("Greenpeace und Gewerkschaften")];
        let kinds = [Some(Organisation); 6];
        let ids = resolve(&names, &kinds, &[0, 1, 2, 3, 3, 4]);
        let ids_of = |k: usize| ids.all_of[k].iter().map(|&p| ids.people[p].id.as_str()).collect::<Vec<_>>();
        assert_eq!(ids_of(0), ["usa", "deutschland"]);
        assert_eq!(ids_of(1), ["deutschland"], "one id for the country alone and in the pair");
        assert_eq!(ids_of(2), ["bund-fuer-umwelt-und-naturschutz"], "a name with „und“ in it stays whole");
        assert_eq!(ids_of(3), ["greenpeace-und-sky-news"], "Greenpeace is no body of its own in this corpus, no country, no acronym");
        assert_eq!(ids_of(5), ["greenpeace-und-gewerkschaften"]);
    }

    #[test]
    fn quotations_without_a_name_or_with_a_pronoun_have_no_person() {
        let ids = resolve(&[None, Some("Anna Weber"), Some("  "), Some("Man")], &[], &[]);
        assert_eq!(ids.of, vec![None, Some(0), None, None]);
        assert_eq!(ids.people.len(), 1);
    }
}
