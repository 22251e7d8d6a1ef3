//! Synthetic German articles of a given size and shape, for the scaling benchmark
//! (`zitat bench --scaling`) and the linear-time regression tests.
//!
//! Each [`Shape`] stresses a different part of the rules: plain prose (segmenter, cue
//! search), prose full of names (name resolution, speaker search) and prose full of quoted
//! passages (quote pairing, direct speech, continuation). The sentences cycle through a
//! fixed list with a running number, so the text is deterministic but not one repeated
//! string.

/// What kind of text to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Plain,
    Names,
    Quotes,
    /// Nothing but short quoted words („a“ „a“ …): thousands of passages in one paragraph
    /// without a sentence end.
    Marks,
}

impl Shape {
    pub const ALL: [Shape; 4] = [Shape::Plain, Shape::Names, Shape::Quotes, Shape::Marks];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Plain => "plain",
            Shape::Names => "name-heavy",
            Shape::Quotes => "quote-heavy",
            Shape::Marks => "quote-marks",
        }
    }

    fn sentences(self) -> &'static [&'static str] {
        match self {
            Shape::Plain => &[
                "Das Wetter bleibt in den kommenden Tagen wechselhaft und kühl.",
                "Auf den Straßen im Norden staute sich der Verkehr am Abend.",
                "Die Preise für Gemüse sind im Herbst deutlich gestiegen.",
                "Viele Schulen beginnen nach den Ferien mit neuen Stundenplänen.",
            ],
            Shape::Names => &[
                "Der Minister Hans Müller besuchte am Montag die Fabrik in Köln.",
                "Die Bürgermeisterin Anna Schmidt sagte, die Stadt müsse sparen.",
                "Nach Angaben von Peter Weber sei der Vertrag unterschrieben.",
                "Er erklärte, man werde die Gespräche mit Klaus Becker fortsetzen.",
            ],
            Shape::Quotes => &[
                "„Wir haben keine Zeit zu verlieren“, sagte die Ministerin.",
                "Der Trainer meinte: „Das Spiel war hart, aber fair.“",
                "„Das ist ein Skandal“, rief er, „und niemand tut etwas.“",
                "Die Zeitung „Welt“ berichtete über den „historischen“ Tag.",
            ],
            Shape::Marks => &["„a“"],
        }
    }
}

/// A text of about `bytes` bytes (never less) in the given shape, in paragraphs of four
/// sentences.
pub fn article(shape: Shape, bytes: usize) -> String {
    let sentences = shape.sentences();
    let mut text = String::with_capacity(bytes + 128);
    let mut n = 0;
    while text.len() < bytes {
        text.push_str(sentences[n % sentences.len()]);
        n += 1;
        let paragraph_end = n % 4 == 0 && shape != Shape::Marks;
        text.push_str(if paragraph_end { "\n\n" } else { " " });
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_reach_the_size_asked_for() {
        for shape in Shape::ALL {
            let text = article(shape, 10_000);
            assert!(text.len() >= 10_000 && text.len() < 10_200, "{}: {}", shape.as_str(), text.len());
        }
    }
}
