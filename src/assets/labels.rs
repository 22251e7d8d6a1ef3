//! The words of the pages, in German (the default: zitat reads German news, and the desk
//! that reviews it works in German) and English (`--lang en`): the quotation types with
//! what each means in plain words, the roles and the speaker kinds. A page shows one
//! language; its scripts get the same words from [`script`].

use crate::document::{QuoteType, SpeakerKind};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The code of `<html lang>` and `--lang`.
    pub fn code(self) -> &'static str {
        self.pick("de", "en")
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The German or the English of a word: every text of a page is written as
    /// `lang.pick("Zitate", "quotations")`, both languages side by side.
    pub fn pick<T>(self, de: T, en: T) -> T {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

/// What a quotation type is called, and what it means in plain words (for the legend).
#[derive(Clone, Copy, Debug)]
pub struct TypeLabel {
    pub name: &'static str,
    pub plain: &'static str,
}

pub fn type_label(lang: Lang, kind: QuoteType) -> TypeLabel {
    let label = |name, plain| TypeLabel { name, plain };
    match kind {
        QuoteType::Direct => lang.pick(
            label("wörtliche Rede", "Die Worte in Anführungszeichen, so wie sie gesagt oder geschrieben wurden: „Wir bleiben“, sagte sie."),
            label("direct speech", "The words in quotation marks, as they were said or written: “We stay,” she said."),
        ),
        QuoteType::Indirect => lang.pick(
            label("indirekte Rede", "Mit einer Redeeinleitung wiedergegeben, meist im Konjunktiv: Sie sagte, sie bleibe. Auch „laut …“, „nach Angaben …“."),
            label("indirect speech", "Reported with a cue, in German mostly in the subjunctive: she said she would stay; also “according to …”."),
        ),
        QuoteType::FreeIndirect => lang.pick(
            label("freie indirekte Rede", "Wiedergegeben ohne Redeeinleitung in ihrem Satz; wer spricht, ergibt sich aus dem Zusammenhang."),
            label("free indirect speech", "Reported without a cue in its sentence; the context tells who speaks."),
        ),
        QuoteType::IndirectFreeIndirect => lang.pick(
            label("fortgesetzte indirekte Rede", "Setzt eine zuvor eingeleitete indirekte Rede im Konjunktiv fort, ohne neue Redeeinleitung: … Man müsse jetzt handeln."),
            label("continued indirect speech", "Continues indirect speech begun before, in the subjunctive and without a new cue: … one had to act now."),
        ),
        QuoteType::Reported => lang.pick(
            label("berichtete Rede", "Sagt nur, dass oder worüber jemand sprach, ohne das Gesagte wiederzugeben: Sie äußerte sich zu den Plänen."),
            label("reported speech", "Says only that or what about someone spoke, not what was said: she commented on the plans."),
        ),
    }
}

/// A speaker kind, singular; `None` is a quotation without a speaker.
pub fn kind_name(lang: Lang, kind: Option<SpeakerKind>) -> &'static str {
    match kind {
        Some(SpeakerKind::Person) => lang.pick("Person", "person"),
        Some(SpeakerKind::Organisation) => lang.pick("Organisation", "organisation"),
        Some(SpeakerKind::Document) => lang.pick("Dokument", "document"),
        Some(SpeakerKind::Unnamed) => lang.pick("ungenannt", "unnamed"),
        None => lang.pick("ohne Sprecher", "no speaker"),
    }
}

/// The heading of an index of speakers of one kind.
pub fn kind_heading(lang: Lang, kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => lang.pick("Personen", "People"),
        SpeakerKind::Organisation => lang.pick("Organisationen und Behörden", "Organisations and authorities"),
        SpeakerKind::Document => lang.pick("Dokumente", "Documents"),
        SpeakerKind::Unnamed => lang.pick("Ungenannte", "Unnamed"),
    }
}

/// The roles of a quotation as the records name them (`speaker`, `cue`, …).
pub const ROLES: [&str; 5] = ["quote", "speaker", "cue", "frame", "addressee"];

pub fn role_name(lang: Lang, role: &str) -> &'static str {
    match role {
        "quote" => lang.pick("Zitat", "quotation"),
        "speaker" => lang.pick("Sprecher", "speaker"),
        "cue" => lang.pick("Redeeinleitung", "cue"),
        "frame" => lang.pick("Rahmen", "frame"),
        _ => lang.pick("Adressat", "addressee"),
    }
}

/// `var ZitatLabels = {…};`: the words above for the scripts (`quotes.js`, `find.js` and
/// the site's own), so that they name types, roles and kinds as the pages do.
pub fn script(lang: Lang) -> String {
    let types: serde_json::Map<String, serde_json::Value> = (QuoteType::ALL.into_iter())
        .map(|kind| {
            let label = type_label(lang, kind);
            (kind.as_str().to_string(), serde_json::json!({"name": label.name, "plain": label.plain}))
        })
        .collect();
    let kinds: serde_json::Map<String, serde_json::Value> = (SpeakerKind::ALL.into_iter())
        .map(|kind| (kind.as_str().to_string(), kind_name(lang, Some(kind)).into()))
        .chain([("none".to_string(), kind_name(lang, None).into())])
        .collect();
    let roles: serde_json::Map<String, serde_json::Value> = ROLES.iter().map(|role| (role.to_string(), role_name(lang, role).into())).collect();
    let labels = serde_json::json!({"lang": lang.code(), "type": lang.pick("Art", "type"), "types": types, "kinds": kinds, "roles": roles});
    format!("var ZitatLabels = {labels};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_name_and_an_explanation_in_both_languages() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            for kind in QuoteType::ALL {
                let label = type_label(lang, kind);
                assert!(!label.name.is_empty() && label.plain.len() > 40, "{kind:?} in {lang:?}");
            }
        }
        assert_eq!(type_label(Lang::De, QuoteType::IndirectFreeIndirect).name, "fortgesetzte indirekte Rede");
        let script = script(Lang::De);
        assert!(script.starts_with("var ZitatLabels = {") && script.contains("\"Reported\":{\"name\":\"berichtete Rede\""), "{script}");
    }
}
