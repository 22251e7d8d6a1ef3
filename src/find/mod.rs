//! `zitat find`: did this person really say this, and where? A claimed quotation is
//! looked up in a corpus that `zitat run` wrote (jsonl), and the quotations most like it
//! are reported with their speaker, article and the word-level difference.
//!
//! - [`words`]: how words are compared: case, punctuation, umlaut spellings (ae/ä, ss/ß)
//!   and Konjunktiv/Indikativ (sei/ist, habe/hat, werde/wird) make no difference;
//! - [`index`]: the inverted index and the similarity of a claim to a quotation;
//! - [`diff`]: the changed, added and dropped words between claim and wording;
//! - [`verdict`]: whether the claim keeps the quotation's meaning (a negation, number,
//!   name, modal or opposite changed is „meaning changed“);
//! - [`corpus`]: reading the corpus's lines; [`store`]: the index file beside the corpus;
//! - [`report`]: the JSON record of a match, with the speaker check of `--speaker`.
//!
//! **Why our own index and not tantivy.** The matching this needs is not full-text
//! ranking: it is a set similarity of a whole claim against whole quotations, with a
//! folding of German that a stemmer does not do (Snowball's German stemmer, which tantivy
//! offers, folds umlauts but not „sei“ to „ist“ or „habe“ to „hat“), and the review site
//! must run the same matching offline in JavaScript, so the rules have to be few and
//! portable. The inverted index of [`cluster`](crate::cluster) (terms → quotations,
//! rarest terms looked up first) already does that kind of matching in linear time, and
//! this index is the same idea with inverse-document-frequency weights. tantivy would
//! add some 100 crates to a build that has to stay quick on two cores, and the index
//! (1 M quotations: see `scripts/find-bench.sh`) fits in memory.

pub mod corpus;
pub mod diff;
pub mod index;
pub mod report;
pub mod store;
pub mod verdict;
pub mod words;

pub use index::{Hit, Index, Similarity};
pub use report::Match;
pub use verdict::{Names, Verdict};

use std::fs::File;
use std::path::{Path, PathBuf};

/// The score from which a quotation counts as the claim's source; chosen on the dev split
/// (`scripts/find-bench.sh` prints a sweep): at 0.55 the perturbed claims are found at
/// rank 5 in 98.8 % and absent sentences match in 0.3 %; 0.5 finds 0.7 points more and
/// matches 0.5 % of the absent ones, 0.6 finds 1.1 points fewer.
pub const THRESHOLD: f32 = 0.55;
/// Matches reported by default.
pub const LIMIT: usize = 5;
/// The lowest score `--all` lists as a near miss: below it a claim shares no more than a
/// few common words with a quotation.
pub const NEAR_MISS: f32 = 0.3;

/// A corpus opened for searching.
pub struct Finder {
    corpus: PathBuf,
    index: Index,
    offsets: Vec<u64>,
    names: Names,
}

impl std::fmt::Debug for Finder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Finder({}, {} quotations)", self.corpus.display(), self.len())
    }
}

/// How the index was come by, for the user's information.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// The index beside the corpus was current.
    Reused,
    /// It was missing or stale and has been (re)written.
    Built,
    /// It was built but could not be written beside the corpus (kept in memory only).
    BuiltInMemory,
}

impl Finder {
    /// Opens a corpus, reusing its index file when it is current and (re)building it
    /// otherwise. Errors name the file and the problem.
    pub fn open(corpus: &Path) -> Result<(Finder, Opened), String> {
        let print = store::fingerprint(corpus).map_err(|err| format!("cannot read the corpus {}: {err}", corpus.display()))?;
        let path = store::index_path(corpus);
        let stored = store::load(&path, &print).map_err(|err| format!("cannot read the index {}: {err}", path.display()))?;
        if let Some((index, offsets, names)) = stored {
            return Ok((Finder { corpus: corpus.to_path_buf(), index, offsets, names }, Opened::Reused));
        }
        let lines = corpus::read_texts(corpus)?;
        let index = Index::build(&lines.texts);
        let names = Names::with_speakers(lines.speakers.iter().map(String::as_str));
        let opened = match store::save(&path, &print, &index, &lines.offsets, &names) {
            Ok(()) => Opened::Built,
            Err(err) => {
                crate::say!("zitat find: cannot write the index {} ({err}); it is kept in memory only", path.display());
                Opened::BuiltInMemory
            }
        };
        Ok((Finder { corpus: corpus.to_path_buf(), index, offsets: lines.offsets, names }, opened))
    }

    /// Number of quotations in the corpus.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn corpus(&self) -> &Path {
        &self.corpus
    }

    /// The best matches of `claim` that clear the [`THRESHOLD`], best first, with the
    /// speaker check against `speaker` when given.
    pub fn find(&self, claim: &str, speaker: Option<&str>, limit: usize) -> Result<Vec<Match>, String> {
        self.records(claim, speaker, self.index.search(claim, limit, THRESHOLD))
    }

    /// The best quotations below the threshold (down to [`NEAR_MISS`]), flagged as near
    /// misses: what `--all` adds, so that a claim not found shows what came closest.
    pub fn near_misses(&self, claim: &str, speaker: Option<&str>, limit: usize) -> Result<Vec<Match>, String> {
        let above = self.index.search(claim, limit, THRESHOLD).len();
        let below = self.index.search(claim, above + limit, NEAR_MISS).into_iter().skip(above).collect();
        let mut misses = self.records(claim, speaker, below)?;
        misses.iter_mut().for_each(|m| m.near_miss = true);
        Ok(misses)
    }

    fn records(&self, claim: &str, speaker: Option<&str>, hits: Vec<Hit>) -> Result<Vec<Match>, String> {
        let mut file = File::open(&self.corpus).map_err(|err| format!("cannot open the corpus {}: {err}", self.corpus.display()))?;
        (hits.into_iter())
            .map(|hit| {
                let record = corpus::read_record(&mut file, &self.corpus, self.offsets[hit.quote])?;
                Ok(report::Match::new(claim, hit.similarity, record, speaker, &self.names))
            })
            .collect()
    }
}

/// What the matches say about the claim (the exit status of `zitat find`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A match keeps the claim's meaning (verbatim or same meaning) and, when a speaker
    /// was named, is by that person: exit status 0.
    Confirmed,
    /// Matches by that person (or anyone, without a speaker) were found, but each one's
    /// meaning differs from the claim's: exit status 3.
    MeaningChanged,
    /// Nothing clears the threshold, or only matches by someone else: exit status 1.
    NotFound,
}

impl Answer {
    pub fn of(matches: &[Match], speaker: Option<&str>) -> Answer {
        let by_speaker = |m: &&Match| speaker.is_none() || m.speaker_check.as_ref().is_some_and(|c| c.same);
        let relevant: Vec<&Match> = matches.iter().filter(|m| !m.near_miss).filter(by_speaker).collect();
        if relevant.iter().any(|m| m.verdict != Verdict::MeaningChanged) {
            Answer::Confirmed
        } else if relevant.is_empty() {
            Answer::NotFound
        } else {
            Answer::MeaningChanged
        }
    }

    pub fn exit_code(self) -> u8 {
        match self {
            Answer::Confirmed => 0,
            Answer::NotFound => 1,
            Answer::MeaningChanged => 3,
        }
    }
}
