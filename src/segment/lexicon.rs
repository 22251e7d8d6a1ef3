//! The word lists that decide whether a period ends a German sentence.
//!
//! Words are compared without their final period and case-sensitively: "Art." before a
//! number is the abbreviation of Artikel, "Art." elsewhere is the noun ending a sentence.
//! Lowercase abbreviations are also found capitalised, as at a sentence start ("Vgl. dazu").

/// How an abbreviation behaves before a following capitalised word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abbreviation {
    /// Never ends a sentence: titles and words that always lead into more ("Dr.", "bzw.").
    Leading,
    /// An abbreviation only in front of a number ("Nr. 5", "Art. 3", "3. Aug. 2017");
    /// otherwise the word is a noun or name that can end the sentence.
    BeforeNumber,
    /// Often the last word of a sentence ("usw.", "v. Chr.", "5 Mio."): a break only where
    /// the next word plainly starts a new sentence.
    MayEnd,
}

/// The class of `word` (without its final period), if it is a known abbreviation.
pub fn abbreviation(word: &str) -> Option<Abbreviation> {
    exact_abbreviation(word).or_else(|| {
        let mut chars = word.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let lowered: String = first.to_lowercase().chain(chars).collect();
        exact_abbreviation(&lowered).filter(|_| lowered != word)
    })
}

fn exact_abbreviation(word: &str) -> Option<Abbreviation> {
    use Abbreviation::*;
    let class = match word {
        // Titles and forms of address.
        "Dr" | "Dres" | "Prof" | "Dipl" | "Ing" | "Mag" | "Hr" | "Hrn" | "Fr" | "Frl" | "Mr"
        | "Mrs" | "Ms" | "St" | "Hl" | "Pfr" | "Kard" | "Abg" | "Bgm" | "Präs" | "Sen" | "Doz"
        | "Univ" | "med" | "jur" | "phil" | "rer" | "nat" | "oec" | "habil" => Leading,
        // Words that always lead into the rest of the sentence.
        "bzw" | "ca" | "vgl" | "sog" | "ggf" | "gem" | "inkl" | "exkl" | "evtl" | "zzgl"
        | "abzgl" | "bspw" | "insb" | "lt" | "ehem" | "geb" | "gest" | "verh" | "ggü" | "bzgl"
        | "einschl" | "urspr" | "vorm" | "ev" | "kath" | "röm" | "dt" | "engl" | "franz"
        | "frz" | "ital" | "span" | "russ" | "amerik" | "zz" | "zZt" | "allg" | "mind" | "max"
        | "min" | "rd" | "od" | "Anm" | "Verf" | "Jg" => Leading,
        // Abbreviations only in front of a number (most are also nouns: Art, Kap, Fax).
        "Art" | "Abs" | "Nr" | "Nrn" | "No" | "Str" | "Pos" | "Rn" | "Rz" | "Vol" | "Bl"
        | "Sp" | "Bd" | "Kap" | "Ziff" | "Tab" | "Abb" | "Tel" | "Fax" | "Lfd" | "Jan" | "Feb"
        | "Mär" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Okt" | "Nov" | "Dez" => {
            BeforeNumber
        }
        // Often sentence-final.
        "etc" | "usw" | "usf" | "Mio" | "Mill" | "Mrd" | "Tsd" | "Chr" | "Jh" | "Jhd"
        | "Jahrh" | "Jr" | "jr" | "sen" | "Co" | "Corp" | "Inc" | "Ltd" | "Bhf" | "Hbf" | "ff"
        | "Std" | "Min" | "Sek" | "Hrsg" | "Ztg" | "Mo" | "Di" | "Mi" | "Do" | "Sa"
        | "So" => MayEnd,
        _ => return None,
    };
    Some(class)
}

/// Month names, written out or abbreviated ("am 5. Mai", "am 3. Aug. 2017").
pub fn is_month(word: &str) -> bool {
    matches!(
        word,
        "Januar" | "Jänner" | "Februar" | "Feber" | "März" | "April" | "Mai" | "Juni" | "Juli"
            | "August" | "September" | "Oktober" | "November" | "Dezember" | "Jan" | "Feb"
            | "Mär" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Okt" | "Nov" | "Dez"
    )
}

/// Nouns that typically follow an ordinal ("im frühen 16. Jahrhundert", "des 1. Kanals",
/// "die 12. Jahrgangsstufe", "der 1. FC"); stems longer than four letters also match
/// inflected forms and compounds ("Jahrhunderts", "Stockwerk").
pub fn follows_ordinal(word: &str) -> bool {
    const STEMS: [&str; 52] = [
        "Jahrhundert", "Jahrtausend", "Jahrgang", "Jahrestag", "Geburtstag", "Todestag", "Spieltag",
        "Lebensjahr", "Kanal", "Platz", "Rang", "Mal", "Minute", "Runde", "Etappe", "Liga",
        "Bundesliga", "Stock", "Etage", "Klasse", "Auflage", "Ausgabe", "Sitzung", "Lesung",
        "Instanz", "Senat", "Strafsenat", "Kammer", "Bataillon", "Armee", "Division", "Kompanie",
        "Regiment", "Staffel", "Folge", "Episode", "Kapitel", "Sinfonie", "Symphonie", "Parteitag",
        "Kongress", "Amtszeit", "Wahlperiode", "Legislaturperiode", "Quartal", "Halbjahr",
        "Weltkrieg", "Kategorie", "Advent", "FC", "FSV", "SC",
    ];
    STEMS.iter().any(|stem| word == *stem || (stem.len() > 4 && word.starts_with(stem)))
}

/// Closed-class words that, capitalised, start a sentence: an article, pronoun, preposition
/// or adverb cannot follow an ordinal ("der 3. Platz") or a title ("Dr. Müller"), so after
/// "den 60. Der Franzose" or "usw. Die Regierung" a new sentence has begun.
pub fn starts_sentence(word: &str) -> bool {
    matches!(
        word,
        "Der" | "Die" | "Das" | "Dem" | "Den" | "Des" | "Ein" | "Eine" | "Einen" | "Einem"
            | "Einer" | "Er" | "Sie" | "Es" | "Ich" | "Wir" | "Ihr" | "Man" | "Dies" | "Diese"
            | "Dieser" | "Dieses" | "Diesem" | "Diesen" | "Auch" | "Aber" | "Doch" | "Und"
            | "Oder" | "Denn" | "So" | "Dann" | "Danach" | "Damals" | "Dabei" | "Damit" | "Daher"
            | "Deshalb" | "Dennoch" | "Trotzdem" | "Zudem" | "Außerdem" | "Inzwischen" | "Bereits"
            | "Schon" | "Noch" | "Nun" | "Jetzt" | "Heute" | "Gestern" | "Morgen" | "Im" | "Am"
            | "In" | "An" | "Auf" | "Aus" | "Bei" | "Beim" | "Mit" | "Nach" | "Seit" | "Von"
            | "Vom" | "Vor" | "Zum" | "Zur" | "Für" | "Gegen" | "Über" | "Unter" | "Laut" | "Wie"
            | "Was" | "Wer" | "Wo" | "Wann" | "Warum" | "Als" | "Wenn" | "Weil" | "Dass" | "Ob"
            | "Alle" | "Beide" | "Viele" | "Nur" | "Hier" | "Dort" | "Insgesamt" | "Zuletzt"
            | "Zuvor" | "Erst" | "Allerdings" | "Jedoch" | "Darüber" | "Deswegen" | "Somit"
            | "Zunächst" | "Anschließend" | "Später" | "Seine" | "Sein" | "Ihre" | "Unsere"
            | "Mein" | "Meine" | "Kein" | "Keine" | "Da" | "Dazu" | "Darauf" | "Demnach"
            | "Offenbar" | "Bislang" | "Bisher" | "Derzeit" | "Nachdem" | "Obwohl" | "Während"
    )
}

/// Words after which a number with a period is an ordinal, not a sentence end: articles,
/// prepositions with article, possessives ("am 5.", "der 3.", "seit dem 19.", "zu seinem 60.").
pub fn precedes_ordinal(word: &str) -> bool {
    let lowered = word.to_lowercase();
    matches!(
        lowered.as_str(),
        "am" | "im" | "vom" | "zum" | "zur" | "beim" | "ins" | "ans" | "der" | "die" | "das"
            | "dem" | "den" | "des" | "ein" | "eine" | "einem" | "einen" | "einer" | "eines"
            | "seit" | "ab" | "bis" | "vor" | "nach" | "an" | "auf" | "in" | "für" | "jeden"
            | "jedem" | "jeder" | "jedes" | "dieser" | "dieses" | "diesem" | "diesen" | "diese"
            | "sein" | "seine" | "seinem" | "seinen" | "seiner" | "seines" | "ihr" | "ihre"
            | "ihrem" | "ihren" | "ihrer" | "ihres" | "unser" | "unsere" | "unserem"
            | "unseren" | "unserer" | "und" | "oder" | "bzw" | "sowie" | "zwischen"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_decides_between_abbreviation_and_word() {
        assert_eq!(abbreviation("Dr"), Some(Abbreviation::Leading));
        assert_eq!(abbreviation("Vgl"), Some(Abbreviation::Leading));
        assert_eq!(abbreviation("Art"), Some(Abbreviation::BeforeNumber));
        assert_eq!(abbreviation("art"), None);
        assert_eq!(abbreviation("DR"), None);
        assert_eq!(abbreviation("Haus"), None);
    }
}
