//! Synthetic German articles of a given size and shape, for the scaling benchmark
//! (`zitat bench --scaling`) and the linear-time regression tests; short news articles for
//! the soak (`scripts/soak.sh`); and the seeded generator and quotations that training and
//! the benchmarks share.
//!
//! Each [`Shape`] stresses a different part of the rules: plain prose (segmenter, cue
//! search), prose full of names (name resolution, speaker search) and prose full of quoted
//! passages (quote pairing, direct speech, continuation). The sentences cycle through a
//! fixed list with a running number, so the text is deterministic but not one repeated
//! string.

/// splitmix64: a small seeded generator, so that shuffling in training and the synthetic
/// corpora of the benchmarks are reproducible without another dependency.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Word ranks drawn by Zipf's law (the k-th word 1/k as often as the first), as made-up
/// words `wort0`, `wort1`, …: the skewed vocabulary of real quotations, for the corpora of
/// the cluster, merge and find benchmarks.
pub struct Vocabulary {
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub fn zipf(size: usize) -> Self {
        let mut total = 0.0;
        let cumulative = (0..size)
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Vocabulary { cumulative }
    }

    pub fn word(&self, random: &mut SplitMix) -> String {
        let total = *self.cumulative.last().expect("a vocabulary has words");
        let x = (random.next() as f64 / u64::MAX as f64) * total;
        format!("wort{}", self.cumulative.partition_point(|&c| c < x))
    }
}

/// Statements of 6–30 words of a Zipf vocabulary, one in five a variant of a recent one (a
/// word changed, or shortened by a third): the quotations of the merge benchmark and the
/// soak corpus, with the skew and the near-duplicates of real quotations.
pub struct Statements {
    vocabulary: Vocabulary,
    /// The last 10,000 new statements, which variants are made of.
    recent: Vec<String>,
}

impl Statements {
    pub fn new(vocabulary: Vocabulary) -> Self {
        Statements { vocabulary, recent: Vec::new() }
    }

    pub fn next(&mut self, random: &mut SplitMix) -> String {
        if !self.recent.is_empty() && random.below(5) == 0 {
            return self.variant(random);
        }
        let length = 6 + random.below(25);
        let text = (0..length).map(|_| self.vocabulary.word(random)).collect::<Vec<_>>().join(" ");
        if self.recent.len() < 10_000 {
            self.recent.push(text.clone());
        } else {
            let at = random.below(self.recent.len());
            self.recent[at] = text.clone();
        }
        text
    }

    fn variant(&self, random: &mut SplitMix) -> String {
        let mut words: Vec<String> = self.recent[random.below(self.recent.len())].split(' ').map(str::to_string).collect();
        if random.below(2) == 0 {
            let at = random.below(words.len());
            words[at] = self.vocabulary.word(random);
        } else {
            words.truncate((words.len() * 2).div_ceil(3));
        }
        words.join(" ")
    }
}

const FIRST_NAMES: [&str; 20] = [
    "Anna", "Jonas", "Petra", "Lukas", "Sabine", "Thomas", "Katrin", "Martin", "Elif", "Milan",
    "Hanna", "Felix", "Jana", "Paul", "Mira", "Karl", "Sandra", "Robert", "Ulrike", "Tobias",
];
const SURNAME_STEMS: [&str; 20] = [
    "Bau", "Berg", "Brand", "Eich", "Fisch", "Grün", "Hart", "Hoff", "Kamp", "Klein",
    "Lang", "Lind", "Neu", "Ost", "Rau", "Rosen", "Schön", "Stein", "Wald", "Weiß",
];
const SURNAME_ENDINGS: [&str; 10] = ["er", "mann", "hof", "berg", "hagen", "feld", "bach", "ner", "dorf", "meier"];
const ROLES: [&str; 8] = ["Bürgermeisterin", "Minister", "Trainer", "Professorin", "Abgeordneter", "Vorsitzende", "Direktor", "Stadträtin"];
const CITIES: [&str; 8] = ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Kassel", "Bremen", "Dresden"];

/// A short synthetic news article (about 0.3–1.5 kB) for soaks: a title, a dateline, plain
/// sentences and 1–6 quotations of `statements` in forms the rules read (direct with „…“
/// and sagte or so, indirect with sagte and the subjunctive, laut), by 4,000 people named
/// with their role in full or by surname alone, or by an unnamed spokesperson.
pub fn news_article(number: usize, statements: &mut Statements, random: &mut SplitMix) -> String {
    let mut text = format!("Meldung {number}\n\n{} – ", CITIES[random.below(CITIES.len())]);
    let plain = Shape::Plain.sentences();
    for k in 0..1 + random.below(6) {
        text.push_str(plain[random.below(plain.len())]);
        text.push(' ');
        text.push_str(&quotation_sentence(&statements.next(random), random));
        text.push_str(if k % 2 == 1 { "\n\n" } else { " " });
    }
    text
}

/// One quotation of `statement` in one of four forms.
fn quotation_sentence(statement: &str, random: &mut SplitMix) -> String {
    let surname = format!("{}{}", SURNAME_STEMS[random.below(SURNAME_STEMS.len())], SURNAME_ENDINGS[random.below(SURNAME_ENDINGS.len())]);
    let named = match random.below(10) {
        0..=6 => format!("{} {} {surname}", ROLES[random.below(ROLES.len())], FIRST_NAMES[random.below(FIRST_NAMES.len())]),
        _ => surname,
    };
    match random.below(8) {
        0 => format!("„{statement}“, sagte ein Sprecher der Stadt."),
        1 | 2 => format!("„{statement}“, sagte {named}."),
        3 => format!("„{statement}“, so {named}."),
        4 | 5 => format!("{named} sagte, die {statement} sei notwendig."),
        _ => format!("Laut {named} ist die {statement} entscheidend."),
    }
}

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
    fn news_articles_differ_and_quote_someone() {
        let (mut statements, mut random) = (Statements::new(Vocabulary::zipf(1000)), SplitMix(1));
        let articles: Vec<String> = (0..50).map(|n| news_article(n, &mut statements, &mut random)).collect();
        assert!(articles.iter().all(|a| a.contains("sagte") || a.contains("so ") || a.contains("Laut")));
        let distinct: std::collections::HashSet<&String> = articles.iter().collect();
        assert_eq!(distinct.len(), articles.len());
    }

    #[test]
    fn articles_reach_the_size_asked_for() {
        for shape in Shape::ALL {
            let text = article(shape, 10_000);
            assert!(text.len() >= 10_000 && text.len() < 10_200, "{}: {}", shape.as_str(), text.len());
        }
    }
}
