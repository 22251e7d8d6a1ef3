//! The German word lists the rules rely on: reporting verbs with all their inflected forms,
//! prepositional source markers (laut, zufolge, nach Angaben), Konjunktiv forms, and the
//! words that mark a quoted phrase as a title rather than speech.
//!
//! Media follow the dataset's majority label for each cue on train.

use crate::document::Medium;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a reporting verb governs, which decides the quotation type when no clause follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Governs {
    /// Only a clause or a direct quote (sagen, erklären).
    Clause,
    /// Also a noun phrase or infinitive: without a clause the sentence is reported speech
    /// (forderte …, kritisierte …, warnte vor …).
    ClauseOrObject,
    /// Decisions and requests (beschloss, empfahl, bat): speech only with a dass-clause, a
    /// Konjunktiv or a zu-infinitive, never reported speech on their own.
    MarkedClause,
}

/// One inflected form of a reporting verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbCue {
    pub medium: Medium,
    pub governs: Governs,
    /// The separated particle a finite form needs later in the clause ("teilte … mit").
    pub particle: Option<&'static str>,
    /// A participle or infinitive that needs an auxiliary ("hat gesagt").
    pub non_finite: bool,
}

use Governs::{Clause, ClauseOrObject, MarkedClause};
use Medium::{Speech, Thought, Writing, SW, ST};

/// (finite forms, particle, non-finite forms, medium, governs). Finite forms of separable
/// verbs need their particle; the non-finite column holds the joined forms (mitteilte,
/// mitgeteilt), which appear in subordinate clauses and perfect tenses.
const VERBS: &[(&str, Option<&str>, &str, Medium, Governs)] = &[
    ("sagt sagte sagten", Some("zu"), "zusagte zugesagt", Speech, ClauseOrObject),
    ("sagt sagte sagten sagen sagst", None, "gesagt", Speech, Clause),
    ("erklärt erklärte erklärten erklären", None, "erklärt", Speech, Clause),
    ("betont betonte betonten betonen", None, "betont", Speech, Clause),
    ("meint meinte meinten meinen", None, "gemeint", Speech, Clause),
    ("versichert versicherte versicherten", None, "versichert", Speech, Clause),
    ("unterstrich unterstreicht unterstrichen", None, "unterstrichen", Speech, Clause),
    ("ergänzt ergänzte ergänzten", None, "ergänzt", Speech, Clause),
    ("fügt fügte fügten", Some("hinzu"), "hinzufügte hinzugefügt hinzufügen", Speech, Clause),
    ("antwortet antwortete antworteten", None, "geantwortet", Speech, Clause),
    ("erwidert erwiderte erwiderten", None, "erwidert", Speech, Clause),
    ("bekräftigt bekräftigte bekräftigten", None, "bekräftigt", Speech, Clause),
    ("erzählt erzählte erzählten", None, "erzählt", Speech, Clause),
    ("verkündet verkündete verkündeten", None, "verkündet", Speech, Clause),
    ("erläutert erläuterte erläuterten", None, "erläutert", Speech, Clause),
    ("führt führte führten", Some("aus"), "ausführte ausgeführt", Speech, Clause),
    ("teilt teilte teilten", Some("mit"), "mitteilte mitteilten mitgeteilt mitteilen", Speech, Clause),
    ("gibt gab gaben", Some("an"), "angab angaben angegeben", SW, Clause),
    ("gibt gab gaben", Some("bekannt"), "bekanntgab bekanntgegeben", Speech, Clause),
    ("gibt gab gaben", Some("zu"), "zugab zugegeben", Speech, Clause),
    ("räumt räumte räumten", Some("ein"), "einräumte eingeräumt", Speech, Clause),
    ("weist wies wiesen", Some("hin"), "hinwies hingewiesen", Speech, Clause),
    ("weist wies wiesen", Some("zurück"), "zurückwies zurückgewiesen", Speech, ClauseOrObject),
    ("kündigt kündigte kündigten kündigen", Some("an"), "ankündigte angekündigt", Speech, ClauseOrObject),
    ("lehnt lehnte lehnten", Some("ab"), "ablehnte abgelehnt", Speech, ClauseOrObject),
    ("schlägt schlug schlugen", Some("vor"), "vorschlug vorgeschlagen", Speech, ClauseOrObject),
    ("wirft warf warfen werfen", Some("vor"), "vorwarf vorgeworfen", SW, ClauseOrObject),
    ("stellt stellte stellten", Some("fest"), "feststellte festgestellt", Speech, Clause),
    ("stellt stellte stellten", Some("klar"), "klarstellte klargestellt", Speech, Clause),
    ("geht ging gingen gehen", Some("aus"), "ausging ausgegangen", ST, Clause),
    ("bestätigt bestätigte bestätigten bestätigen", None, "bestätigt", SW, Clause),
    ("dementiert dementierte dementierten", None, "dementiert", Speech, ClauseOrObject),
    ("behauptet behauptete behaupteten behaupten", None, "behauptet", SW, Clause),
    ("berichtet berichtete berichteten berichten", None, "berichtet", Writing, Clause),
    // „berichtete von Panzerbewegungen“: reported speech, the preposition is no cue word.
    ("berichtet berichtete berichteten berichten", Some("von"), "", Writing, ClauseOrObject),
    ("berichtet berichtete berichteten berichten", Some("über"), "", Writing, ClauseOrObject),
    ("schreibt schrieb schrieben", None, "geschrieben", Writing, Clause),
    ("meldet meldete meldeten melden", None, "gemeldet", SW, Clause),
    ("warnt warnte warnten warnen", None, "gewarnt", Speech, ClauseOrObject),
    ("fordert forderte forderten fordern", None, "gefordert", Speech, ClauseOrObject),
    ("kritisiert kritisierte kritisierten kritisieren", None, "kritisiert", Speech, ClauseOrObject),
    ("beklagt beklagte beklagten beklagen", None, "beklagt", Speech, ClauseOrObject),
    ("mahnt mahnte mahnten", None, "gemahnt", Speech, Clause),
    ("verlangt verlangte verlangten verlangen", None, "verlangt", Speech, ClauseOrObject),
    ("droht drohte drohten", None, "gedroht", Speech, ClauseOrObject),
    ("begründet begründete begründeten", None, "begründet", Speech, ClauseOrObject),
    ("argumentiert argumentierte argumentierten", None, "argumentiert", Speech, Clause),
    ("kommentiert kommentierte kommentierten", None, "kommentiert", Speech, Clause),
    ("äußert äußerte äußerten", None, "geäußert", Speech, Clause),
    ("zitiert zitierte zitierten", None, "zitiert", Writing, Clause),
    ("hofft hoffte hofften hoffen", None, "gehofft", ST, Clause),
    ("glaubt glaubte glaubten glauben", None, "geglaubt", ST, Clause),
    ("befürchtet befürchtete befürchteten befürchten", None, "befürchtet", ST, Clause),
    ("fürchtet fürchtete fürchteten fürchten", None, "gefürchtet", ST, Clause),
    ("vermutet vermutete vermuteten vermuten", None, "vermutet", ST, ClauseOrObject),
    ("schätzt schätzte schätzten schätzen", None, "geschätzt", ST, Clause),
    ("denkt dachte dachten", None, "gedacht", Thought, Clause),
    // „sprach mit seiner Frau“ is no report; „sprach von …“, „sprach sich für … aus“ are.
    ("spricht sprach sprachen sprechen", None, "gesprochen", Speech, Clause),
    ("spricht sprach sprachen sprechen", Some("von"), "", Speech, ClauseOrObject),
    ("spricht sprach sprachen sprechen", Some("aus"), "ausgesprochen", Speech, ClauseOrObject),
    ("bezeichnet bezeichnete bezeichneten", None, "bezeichnet", Speech, ClauseOrObject),
    ("nennt nannte nannten", None, "genannt", Speech, ClauseOrObject),
    ("lobt lobte lobten", None, "gelobt", Speech, ClauseOrObject),
    ("appelliert appellierte appellierten", None, "appelliert", Speech, ClauseOrObject),
    ("rief riefen ruft", Some("auf"), "aufrief aufgerufen", Speech, ClauseOrObject),
    ("rief riefen ruft", Some("zu"), "zurief zugerufen", Speech, Clause),
    // „rief die Polizei“ calls someone; with a quote or a dass-clause it reports speech.
    ("rief riefen ruft", None, "gerufen", Speech, MarkedClause),
    ("fordert forderte forderten", Some("auf"), "aufforderte aufgefordert auffordert", Speech, ClauseOrObject),
    ("entgegnet entgegnete entgegneten", None, "entgegnet", Speech, Clause),
    ("fragt fragte fragten", None, "gefragt", Speech, Clause),
    ("urteilt urteilte urteilten", None, "geurteilt", Speech, Clause),
    ("schildert schilderte schilderten", None, "geschildert", Speech, Clause),
    ("beteuert beteuerte beteuerten", None, "beteuert", Speech, Clause),
    ("resümiert resümierte", None, "resümiert", Speech, Clause),
    ("verlautet verlautete", None, "verlautet", SW, Clause),
    ("bekundet bekundete bekundeten", None, "bekundet", Speech, Clause),
    ("plädiert plädierte plädierten", None, "plädiert", Speech, MarkedClause),
    ("hebt hob hoben", Some("hervor"), "hervorhob hervorgehoben", Speech, Clause),
    ("macht machte machten", Some("deutlich"), "", Speech, Clause),
    ("macht machte machten", Some("klar"), "klargemacht", Speech, Clause),
    ("sichert sicherte sicherten", Some("zu"), "zusicherte zugesichert", Speech, MarkedClause),
    ("verweist verwies verwiesen", Some("darauf"), "verwiesen", Speech, MarkedClause),
    ("prangert prangerte prangerten", Some("an"), "anprangerte angeprangert", Speech, ClauseOrObject),
    ("bemängelt bemängelte bemängelten", None, "bemängelt", Speech, ClauseOrObject),
    ("prognostiziert prognostizierte prognostizierten", None, "prognostiziert", Speech, ClauseOrObject),
    ("beschuldigt beschuldigte beschuldigten", None, "beschuldigt", Speech, MarkedClause),
    ("beschließt beschloss beschlossen", None, "beschlossen", Writing, MarkedClause),
    ("entscheidet entschied entschieden", None, "entschieden", Writing, MarkedClause),
    ("empfiehlt empfahl empfahlen", None, "empfohlen", Speech, MarkedClause),
    ("bittet bat baten", None, "gebeten", Speech, MarkedClause),
    ("vereinbart vereinbarte vereinbarten", None, "vereinbart", Speech, MarkedClause),
    ("legt legte legten", Some("fest"), "festlegte festgelegt", Writing, MarkedClause),
    ("rät riet rieten", None, "geraten", Speech, MarkedClause),
    ("lautet lautete lauteten", None, "gelautet", Writing, Clause),
    ("charakterisiert charakterisierte", None, "charakterisiert", Speech, Clause),
    ("beschreibt beschrieb beschrieben", None, "beschrieben", Speech, Clause),
    ("schließt schloss schlossen", Some("aus"), "ausschloss ausgeschlossen", Speech, ClauseOrObject),
    ("protestiert protestierte protestierten", None, "protestiert", Speech, ClauseOrObject),
    ("ruft rief riefen", Some("aus"), "ausrief ausgerufen", Speech, ClauseOrObject),
];

/// Reporting verbs by word form (lowercase). A form shared by several verbs (gab … an,
/// gab … bekannt) maps to all of them; the clause's particle decides.
pub static VERB_CUES: LazyLock<HashMap<&'static str, Vec<VerbCue>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<VerbCue>> = HashMap::new();
    for &(finite, particle, non_finite, medium, governs) in VERBS {
        for form in finite.split_whitespace() {
            map.entry(form).or_default().push(VerbCue { medium, governs, particle, non_finite: false });
        }
        for form in non_finite.split_whitespace() {
            map.entry(form).or_default().push(VerbCue { medium, governs, particle: None, non_finite: true });
        }
    }
    map
});

/// Auxiliaries that join a participle cue ("hatte gesagt", "wurde mitgeteilt").
pub const AUXILIARIES: &[&str] = &[
    "hat", "hatte", "hatten", "haben", "habe", "hätte", "hätten", "ist", "war", "waren", "sei",
    "wird", "wurde", "wurden", "werden", "worden", "soll", "sollen", "will", "wollte",
];

/// Nouns that, after „nach“ or before „zufolge“, name a source ("nach Angaben der Polizei").
pub const SOURCE_NOUNS: &[&str] = &[
    "Angaben", "Angabe", "Informationen", "Information", "Einschätzung", "Einschätzungen",
    "Darstellung", "Worten", "Aussage", "Aussagen", "Meinung", "Ansicht", "Auffassung",
    "Berichten", "Bericht", "Erkenntnissen", "Schätzungen", "Polizeiangaben", "Medienberichten",
    "Vernehmen", "Auskunft", "Mitteilung", "Ermittlungen", "Überzeugung", "Meldungen",
    "Presseberichten", "Zeitungsberichten", "Agenturberichten", "Behördenangaben", "Daten",
    "Umfragen", "Untersuchungen", "Zeugenaussagen", "Expertenmeinung", "Studie", "Studien",
    "Vorstellungen", "Vorstellung", "Recherchen", "Auswertung", "Prognose", "Prognosen",
];

/// A source noun, also as the end of a compound („Unternehmensangaben“, „Medienberichten“).
pub fn is_source_noun(word: &str) -> bool {
    is_in(SOURCE_NOUNS, word)
        || word.chars().next().is_some_and(char::is_uppercase)
            && ["angaben", "berichten", "informationen", "aussagen", "schätzungen", "erkenntnissen", "ermittlungsstand"]
                .iter()
                .any(|s| word.to_lowercase().ends_with(s))
}

/// Source nouns that report thinking rather than saying (medium ST in the dataset).
pub const THOUGHT_SOURCE_NOUNS: &[&str] =
    &["Meinung", "Ansicht", "Auffassung", "Einschätzung", "Einschätzungen", "Überzeugung"];

/// Konjunktiv I (and Konjunktiv II used for reported speech) of frequent verbs: a sentence
/// with one of these, outside quotation marks, reports what someone said.
pub static SUBJUNCTIVES: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    "sei seien seiest habe werde müsse könne solle wolle dürfe möge gebe gehe stehe liege \
     komme bleibe wisse handele handle brauche lasse sehe halte gelte trage fehle bestehe \
     verfüge plane arbeite führe mache nehme finde zeige bedeute erwarte diene heiße \
     drohe unterstütze betreibe gehöre befinde entspreche hoffe wünsche prüfe \
     lehne kenne stamme benötige erhalte verstehe beabsichtige denke leide koste zahle \
     wachse steige sinke verliere gewinne stelle ändere rechne bedürfe biete enthalte \
     erfolge ergebe existiere falle folge gelinge helfe hänge laufe lege leiste nutze passe \
     reagiere richte schaffe setze spiele spreche stimme trete verfolge verhindere verlange \
     versuche vertrete wirke ziele zähle"
        .split_whitespace()
        .chain(KONJUNKTIV_II.iter().copied())
        .collect()
});

/// Konjunktiv II forms, also used for reported speech but marking conditionals too („wäre“,
/// „würde“): without a quotation before them they are not reported speech.
pub const KONJUNKTIV_II: &[&str] = &["wäre", "wären", "hätte", "hätten", "würde", "würden", "müssten", "könnten", "dürften", "käme", "gäbe", "bliebe"];

/// Separable verb prefixes, before the „zu“ of an infinitive („teil-zu-nehmen“).
pub const SEPARABLE_PREFIXES: &[&str] = &[
    "ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "fest", "fort", "frei", "her",
    "hin", "los", "mit", "nach", "um", "vor", "weg", "weiter", "wieder", "zu", "zurück",
    "zusammen", "teil", "hoch", "heraus", "herunter", "voran", "vorbei",
];

/// Words before a quoted phrase that make it a name or title, not speech.
pub const TITLE_CONTEXT: &[&str] = &[
    "Zeitung", "Magazin", "Magazins", "Zeitschrift", "Film", "Films", "Buch", "Buches",
    "Titel", "Motto", "Aktion", "Operation", "Überschrift", "Sendung", "Serie", "Album",
    "Song", "Lied", "Roman", "Studie", "Projekt", "Programm", "Kampagne", "Organisation",
    "Initiative", "Bündnis", "Gruppe", "Verein", "Partei", "Bewegung", "Gesetz", "Stück",
    "Ausstellung", "Schiff", "Preis", "Name", "Namen", "sogenannte", "sogenannten",
    "genannte", "genannten", "Begriff", "Wort", "Unwort", "Stichwort", "Slogan", "Plan",
    "Sender", "Senders", "Wochenzeitung", "Tageszeitung", "Nachrichtenmagazin", "Blatt",
];

/// Everyday subordinating words that open the reported clause after a cue.
pub const CLAUSE_OPENERS: &[&str] =
    &["dass", "ob", "wie", "was", "wer", "wo", "wann", "warum", "weshalb", "wieso", "welche", "welcher", "welches"];

/// Function words that end a speaker noun phrase (prepositions, adverbs, conjunctions).
pub const PHRASE_BREAKERS: &[&str] = &[
    "am", "im", "in", "an", "auf", "bei", "gegenüber", "vor", "nach", "mit", "zu", "zum", "zur",
    "über", "für", "gegen", "um", "seit", "unter", "während", "durch", "aus", "vom", "beim",
    "und", "oder", "aber", "doch", "jedoch", "auch", "zudem", "außerdem", "bereits", "schon",
    "noch", "nun", "jetzt", "heute", "gestern", "morgen", "erneut", "weiter", "ebenfalls",
    "dazu", "dabei", "damals", "zuvor", "später", "indes", "allerdings", "nicht", "sich",
    "es", "dass", "ob", "als", "wie", "so", "denn", "da", "hier", "dort", "daher", "deshalb",
    // Sentence adverbs, capitalised at a sentence start („Zugleich bekräftigte Stoltenberg“).
    "zugleich", "gleichzeitig", "dennoch", "trotzdem", "inzwischen", "mittlerweile", "ferner",
    "schließlich", "zunächst", "anschließend", "danach", "damit", "deswegen", "vielmehr",
    "insbesondere", "ebenso", "überdies", "darüber", "insgesamt", "unterdessen", "dagegen",
    "hingegen", "ähnlich", "indessen", "derweil", "stattdessen", "offenbar", "offensichtlich",
    "bislang", "bisher", "künftig", "vorerst", "zuletzt", "kürzlich",
];

/// Countries, which do not continue a noun phrase that has its noun already („ruft
/// Generalsekretär Jens Stoltenberg Russland zu Gesprächen auf“: Russland is the object).
pub const COUNTRIES: &[&str] = &[
    "Russland", "Ukraine", "Deutschland", "Frankreich", "China", "USA", "Amerika", "Polen",
    "Israel", "Iran", "Türkei", "Italien", "Spanien", "Großbritannien", "Österreich", "Japan",
    "Indien", "Belarus", "Syrien", "Afghanistan", "Moskau", "Kiew", "Peking", "Washington",
];

/// Determiners and possessives that open a noun phrase.
pub const DETERMINERS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "eines", "einer", "einem", "einen",
    "sein", "seine", "seines", "seiner", "seinem", "seinen", "ihr", "ihre", "ihres", "ihrer",
    "ihrem", "ihren", "dessen", "deren", "dieser", "diese", "dieses", "diesem", "diesen",
    "mehrere", "zwei", "drei", "viele", "einige", "beide", "beiden", "alle",
];

/// Endings of nouns that name a person's role („Nato-Generalsekretär“, „der 65-Jährige“).
pub const ROLE_SUFFIXES: &[&str] = &[
    "minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin", "chef",
    "chefin", "kanzler", "kanzlerin", "sekretär", "sekretärin", "vorsitzende", "vorsitzender",
    "direktor", "direktorin", "leiter", "leiterin", "führer", "führerin", "kandidat",
    "kandidatin", "abgeordnete", "abgeordneter", "politiker", "politikerin", "experte",
    "expertin", "trainer", "trainerin", "meister", "meisterin", "papst", "könig", "königin",
    "richter", "richterin", "anwalt", "anwältin", "botschafter", "botschafterin", "kommissar",
    "kommissarin", "general", "gouverneur", "senator", "senatorin", "premier", "autor",
    "autorin", "gründer", "gründerin", "manager", "managerin", "analyst", "analystin",
    "professor", "professorin", "forscher", "forscherin", "wissenschaftler", "vize",
    "jährige", "jähriger", "dr", "prof", "staatsanwalt", "oberhaupt", "vertreter",
    "vertreterin", "beauftragte", "beauftragter", "ministerpräsident", "bischof", "kardinal",
];

pub fn is_role_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    let stem = ["s", "en", "n"].iter().find_map(|g| lower.strip_suffix(g)).unwrap_or(&lower);
    ROLE_SUFFIXES.iter().any(|s| lower.ends_with(s) || stem.ends_with(s))
}

/// Personal pronouns that can be a speaker.
pub const PRONOUNS: &[&str] = &["er", "sie", "Er", "Sie", "man"];

pub fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}
