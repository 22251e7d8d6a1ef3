//! `zitat merge`: the outputs of a sharded run (`zitat run --shard K/N`, one per machine)
//! become the output one run over the whole corpus would have written.
//!
//! A shard's lines carry, besides what one document decides, the document's place in the
//! whole corpus and the sentence around each quotation ([`jsonl::SHARD_KEY`]); their
//! corpus-wide fields are those of the shard alone. The merge reads every shard twice:
//!
//! 1. a scan that keeps, per quotation, only its place, its speaker name and its text
//!    (memory grows with the number of quotations, never with the articles' texts), checks
//!    the shards (finished, in corpus order, no document twice) and sorts the quotations
//!    into corpus order; speaker identities and variant clusters are computed over all of
//!    them, exactly as a single run computes them over its written lines;
//! 2. a pass that takes each shard's lines in that order (every shard is in corpus order
//!    already, so each is read front to back), drops the shard fields and appends the
//!    corpus fields: byte for byte the line of the single run. csv is built from the
//!    records in the same order, as a single run builds it; so is the review site, whose
//!    article pages come from each document's line (its text and page furniture) and its
//!    quotations' lines, one page after the other.
//!
//! A document id that two shards both hold (a corpus with duplicate ids, whose lines hash to
//! different shards) is kept where it comes first in the corpus, as a single run keeps it,
//! and the later one is reported.

use super::html::{Lang, Site};
use super::jsonl::{self, SHARD_KEY};
use super::record::{Corpus, CorpusFacts, DocRecord, QuoteRecord, RoleText};
use super::resumable::companions;
use super::WriteFailure;
use crate::document::{Document, Medium, QuoteType, Span, SpeakerKind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Lines, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeFormat {
    Jsonl,
    Csv(super::csv::Flavour),
}

/// Why shards could not be merged; each names the file.
#[derive(Debug, Error)]
pub enum MergeError {
    #[error("{}: the run writing this shard has not finished ({why}); let it finish, or run it again with --resume, then merge", path.display())]
    Unfinished { path: PathBuf, why: String },
    #[error("cannot read the shard {}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{} line {line}: {message}", path.display())]
    Line { path: PathBuf, line: usize, message: String },
    #[error("{} is given twice; name each shard once", path.display())]
    Twice { path: PathBuf },
    #[error(
        "{} and {} both hold document {position} of the corpus ({doc:?}): shards of different runs (another --shard count or other inputs)? Merge the shards of one run",
        first.display(), second.display()
    )]
    Overlap { first: PathBuf, second: PathBuf, position: u64, doc: String },
    #[error("writing the merged corpus failed")]
    Write(#[source] io::Error),
    #[error("{}: the shard carries no article texts (written by a zitat before the review site could be merged); run its shard again to build the site", path.display())]
    NoTexts { path: PathBuf },
}

/// What a merge did, for the summary line.
#[derive(Debug, Default)]
pub struct MergeSummary {
    pub shards: usize,
    pub documents: usize,
    pub quotations: usize,
    /// Documents left out because an earlier document of the corpus has the same id:
    /// `(shard, document id)`.
    pub duplicates: Vec<(PathBuf, String)>,
}

/// Merges the shards into `out`, in the single run's order and form.
pub fn merge(shards: &[PathBuf], format: MergeFormat, out: &mut dyn Write) -> Result<MergeSummary, MergeError> {
    let plan = Plan::of(shards)?;
    match format {
        MergeFormat::Jsonl => plan.write_jsonl(out)?,
        MergeFormat::Csv(flavour) => plan.write_csv(out, flavour)?,
    }
    Ok(plan.summary)
}

/// Builds the review site of the shards into `dir`, as the single run writes it; the
/// articles whose page could not be written are returned.
pub fn merge_site(shards: &[PathBuf], dir: &Path, lang: Lang) -> Result<(MergeSummary, Vec<WriteFailure>), MergeError> {
    let plan = Plan::of(shards)?;
    let failures = plan.write_site(dir, lang)?;
    Ok((plan.summary, failures))
}

fn check_distinct(shards: &[PathBuf]) -> Result<(), MergeError> {
    let mut seen = Vec::new();
    for shard in shards {
        let real = shard.canonicalize().map_err(|source| MergeError::Read { path: shard.clone(), source })?;
        if seen.contains(&real) {
            return Err(MergeError::Twice { path: shard.clone() });
        }
        seen.push(real);
    }
    Ok(())
}

/// A shard is finished when its run renamed the partial file onto it and removed the
/// partial file and the journal (in that order, see [`super::resumable`]).
pub fn check_finished(shard: &Path) -> Result<(), MergeError> {
    let unfinished = |why: String| Err(MergeError::Unfinished { path: shard.to_path_buf(), why });
    let name = shard.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(target) = name.strip_suffix(".partial") {
        return unfinished(format!("a .partial file is what a run writes until it ends; its output will be {target}"));
    }
    let (partial, journal) = companions(shard);
    if journal.exists() {
        return unfinished(format!("its journal {} is still there, which the run removes when it ends", journal.display()));
    }
    if partial.exists() {
        return unfinished(format!("{} is still being written", partial.display()));
    }
    Ok(())
}

/// One quotation as the scan keeps it.
struct Entry {
    position: u64,
    shard: u32,
    /// 0-based line in its shard.
    line: u32,
    name: Option<String>,
    kind: Option<SpeakerKind>,
    text: String,
}

/// The fields the scan reads from a shard line.
#[derive(Deserialize)]
struct Scanned {
    doc: String,
    /// None on a document's line.
    quote: Option<ScannedText>,
    speaker: Option<ScannedSpeaker>,
    shard: Option<ScannedShard>,
}

#[derive(Deserialize)]
struct ScannedText {
    text: String,
}

#[derive(Deserialize)]
struct ScannedSpeaker {
    name: Option<String>,
    #[serde(default)]
    kind: Option<SpeakerKind>,
}

#[derive(Deserialize)]
struct ScannedShard {
    position: u64,
}

/// The quotations of all shards in corpus order, and the documents' lines.
struct Plan {
    shards: Vec<PathBuf>,
    entries: Vec<Entry>,
    documents: Vec<Place>,
    summary: MergeSummary,
}

/// Where a line of the shards is.
struct Place {
    position: u64,
    shard: u32,
    line: u32,
}

/// The first place each document was seen: its corpus position, shard and line.
struct Seen {
    position: u64,
    shard: u32,
}

/// What a scan collects: the quotations, the document lines and each document's places.
#[derive(Default)]
struct Scan {
    entries: Vec<Entry>,
    documents: Vec<Place>,
    docs: HashMap<String, Vec<Seen>>,
}

impl Plan {
    /// The shards checked (finished, each once) and scanned.
    fn of(shards: &[PathBuf]) -> Result<Plan, MergeError> {
        // Unfinished first: a shard whose run is still going may not exist yet.
        for shard in shards {
            check_finished(shard)?;
        }
        check_distinct(shards)?;
        Plan::scan(shards)
    }

    fn scan(shards: &[PathBuf]) -> Result<Plan, MergeError> {
        let mut scan = Scan::default();
        let mut owner: HashMap<u64, (u32, String)> = HashMap::new();
        for (k, path) in shards.iter().enumerate() {
            scan_shard(path, k as u32, &mut scan)?;
        }
        let Scan { mut entries, mut documents, docs } = scan;
        for (doc, places) in &docs {
            for place in places {
                if let Some((shard, _)) = owner.insert(place.position, (place.shard, doc.clone())) {
                    let (first, second) = (shards[shard as usize].clone(), shards[place.shard as usize].clone());
                    return Err(MergeError::Overlap { first, second, position: place.position, doc: doc.clone() });
                }
            }
        }
        let mut summary = MergeSummary { shards: shards.len(), ..MergeSummary::default() };
        let dropped = later_duplicates(&docs, shards, &mut summary);
        entries.retain(|e| !dropped.contains(&e.position));
        documents.retain(|d| !dropped.contains(&d.position));
        // Stable: the quotations of one document keep their order within its shard.
        entries.sort_by_key(|e| e.position);
        documents.sort_by_key(|d| d.position);
        summary.quotations = entries.len();
        summary.documents = docs.values().map(Vec::len).sum::<usize>() - dropped.len();
        Ok(Plan { shards: shards.to_vec(), entries, documents, summary })
    }

    /// Speaker identities and clusters over all quotations, as a single run computes them.
    fn facts(&self) -> CorpusFacts {
        let names: Vec<Option<&str>> = self.entries.iter().map(|e| e.name.as_deref()).collect();
        let kinds: Vec<Option<SpeakerKind>> = self.entries.iter().map(|e| e.kind).collect();
        let texts: Vec<&str> = self.entries.iter().map(|e| e.text.as_str()).collect();
        let sources = documents(self.entries.iter().map(|e| e.position));
        CorpusFacts::of(&names, &kinds, &texts, &sources)
    }

    fn write_jsonl(&self, out: &mut dyn Write) -> Result<(), MergeError> {
        let facts = self.facts();
        let mut readers = self.readers()?;
        for (index, entry) in self.entries.iter().enumerate() {
            let (path, line) = readers[entry.shard as usize].line(entry.line)?;
            let body = per_document(&line).ok_or_else(|| not_a_shard(path, entry.line as usize))?;
            let merged = jsonl::with_corpus_fields(&format!("{body}}}"), &facts, index).map_err(MergeError::Write)?;
            writeln!(out, "{merged}").map_err(MergeError::Write)?;
        }
        out.flush().map_err(MergeError::Write)
    }

    fn write_csv(&self, out: &mut dyn Write, flavour: super::csv::Flavour) -> Result<(), MergeError> {
        let mut readers = self.readers()?;
        let mut corpus = Corpus::default();
        let mut last: Option<u64> = None;
        for entry in &self.entries {
            let (path, line) = readers[entry.shard as usize].line(entry.line)?;
            let full: Full = serde_json::from_str(&line).map_err(|err| bad_line(path, entry.line as usize, err.to_string()))?;
            if last != Some(entry.position) {
                corpus.docs.push(full.doc_record());
                last = Some(entry.position);
            }
            let record = full.quote_record(corpus.docs.len() - 1).map_err(|message| bad_line(path, entry.line as usize, message))?;
            corpus.quotes.push(record);
        }
        corpus.resolve();
        super::csv::write(&corpus, out, flavour).map_err(MergeError::Write)
    }

    /// The review site: each document's page from its line and its quotations' lines, in
    /// corpus order and in chunks, as a single run writes them; then the index.
    fn write_site(&self, dir: &Path, lang: Lang) -> Result<Vec<WriteFailure>, MergeError> {
        if let Some(shard) = self.shard_without_texts() {
            return Err(MergeError::NoTexts { path: self.shards[shard].clone() });
        }
        let site = Site::create(dir, lang).map_err(MergeError::Write)?;
        let mut site = SiteBuilder { site, readers: self.readers()?, corpus: Corpus::default(), chunk: Vec::new(), failures: Vec::new() };
        let mut quotes = self.entries.iter().peekable();
        for place in &self.documents {
            let doc = site.document(place, std::iter::from_fn(|| quotes.next_if(|e| e.position == place.position)))?;
            site.chunk.push(doc);
            if site.chunk.len() == SITE_CHUNK {
                site.write_chunk();
            }
        }
        site.write_chunk();
        site.corpus.resolve();
        let mut failures = site.failures;
        failures.extend(site.site.finish(&site.corpus).map_err(MergeError::Write)?);
        Ok(failures)
    }

    /// A shard with quotations but no document lines: written before shards carried them.
    fn shard_without_texts(&self) -> Option<usize> {
        let with_lines: HashSet<u32> = self.documents.iter().map(|d| d.shard).collect();
        self.entries.iter().map(|e| e.shard).find(|s| !with_lines.contains(s)).map(|s| s as usize)
    }

    fn readers(&self) -> Result<Vec<ShardReader<'_>>, MergeError> {
        self.shards.iter().map(|path| ShardReader::open(path)).collect()
    }
}

/// Article pages written at once, in parallel (as a run writes a chunk's).
const SITE_CHUNK: usize = 64;

/// The review site of a merge as it is built: the pages of a chunk of documents waiting to
/// be written, and the records of all so far.
struct SiteBuilder<'p> {
    site: Site,
    readers: Vec<ShardReader<'p>>,
    corpus: Corpus,
    /// Each document with its page, the corpus index of its first quotation and its own.
    chunk: Vec<(Document, String, usize, usize)>,
    failures: Vec<WriteFailure>,
}

impl SiteBuilder<'_> {
    /// The document at `place` with its quotations, its records added to the corpus.
    fn document<'e>(&mut self, place: &Place, quotes: impl Iterator<Item = &'e Entry>) -> Result<(Document, String, usize, usize), MergeError> {
        let (path, line) = self.readers[place.shard as usize].line(place.line)?;
        let line: DocumentLine = serde_json::from_str(&line).map_err(|err| bad_line(path, place.line as usize, err.to_string()))?;
        let mut doc = Document::new(line.doc, line.shard.text);
        (doc.meta.title, doc.meta.date, doc.meta.url) = (line.title, line.date, line.url);
        doc.boilerplate = line.shard.furniture.iter().map(|[s, e]| Span::new(*s, *e)).collect();
        let index = self.corpus.docs.len();
        let first = self.corpus.quotes.len();
        self.corpus.docs.push(DocRecord { id: doc.id.clone(), title: doc.meta.title.clone(), date: doc.meta.date.clone(), url: doc.meta.url.clone(), page: None });
        for entry in quotes {
            let (path, line) = self.readers[entry.shard as usize].line(entry.line)?;
            let full: Full = serde_json::from_str(&line).map_err(|err| bad_line(path, entry.line as usize, err.to_string()))?;
            let record = full.quote_record(index).map_err(|message| bad_line(path, entry.line as usize, message))?;
            doc.quotations.push(record.quotation());
            self.corpus.quotes.push(record);
        }
        let page = self.site.page_name(&doc.id);
        Ok((doc, page, first, index))
    }

    /// Writes the chunk's pages; a document whose page could not be written keeps no page,
    /// as in a run.
    fn write_chunk(&mut self) {
        let pages: Vec<(&Document, String, usize)> = self.chunk.iter().map(|(doc, page, first, _)| (doc, page.clone(), *first)).collect();
        let failures = self.site.write_articles(&pages);
        for (doc, page, _, index) in self.chunk.drain(..) {
            if !failures.iter().any(|f| f.id == doc.id) {
                self.corpus.docs[index].page = Some(page);
            }
        }
        self.failures.extend(failures);
    }
}

/// A document's line in a shard (see [`jsonl`]).
#[derive(Deserialize)]
struct DocumentLine {
    doc: String,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    shard: DocumentShard,
}

#[derive(Deserialize)]
struct DocumentShard {
    text: String,
    #[serde(default)]
    furniture: Vec<[usize; 2]>,
}

fn scan_shard(path: &Path, shard: u32, scan: &mut Scan) -> Result<(), MergeError> {
    let mut reader = ShardReader::open(path)?;
    let mut last: Option<(u64, String)> = None;
    while let Some((number, line)) = reader.next_line()? {
        let scanned: Scanned = serde_json::from_str(&line).map_err(|err| bad_line(path, number, err.to_string()))?;
        let position = scanned.shard.ok_or_else(|| not_a_shard(path, number))?.position;
        match &last {
            Some((p, _)) if *p > position => {
                return Err(bad_line(path, number, "out of corpus order (a shard is written in corpus order): was the file edited or concatenated?".into()));
            }
            Some((p, doc)) if *p == position && *doc != scanned.doc => {
                return Err(bad_line(path, number, format!("document {:?} has the place of {doc:?}: was the file edited?", scanned.doc)));
            }
            Some((p, _)) if *p == position => {}
            _ => scan.docs.entry(scanned.doc.clone()).or_default().push(Seen { position, shard }),
        }
        let line = number as u32;
        match scanned.quote {
            Some(quote) => {
                let (name, kind) = scanned.speaker.map_or((None, None), |s| (s.name, s.kind));
                scan.entries.push(Entry { position, shard, line, name, kind, text: quote.text });
            }
            None => scan.documents.push(Place { position, shard, line }),
        }
        last = Some((position, scanned.doc));
    }
    Ok(())
}

/// The places of documents whose id an earlier document of the corpus has (the single run
/// refuses those), each reported in the summary.
fn later_duplicates(docs: &HashMap<String, Vec<Seen>>, shards: &[PathBuf], summary: &mut MergeSummary) -> HashSet<u64> {
    let mut dropped = HashSet::new();
    let mut reported = Vec::new();
    for (doc, places) in docs.iter().filter(|(_, places)| places.len() > 1) {
        let first = places.iter().map(|p| p.position).min().expect("a document seen has a place");
        for place in places.iter().filter(|p| p.position != first) {
            dropped.insert(place.position);
            reported.push((place.position, shards[place.shard as usize].clone(), doc.clone()));
        }
    }
    reported.sort();
    summary.duplicates = reported.into_iter().map(|(_, path, doc)| (path, doc)).collect();
    dropped
}

/// The document number of each quotation (0, 0, 1, …): a new one where the place changes.
fn documents(positions: impl Iterator<Item = u64>) -> Vec<usize> {
    let mut last = None;
    let mut number = 0;
    positions
        .map(|p| {
            if last.is_some_and(|l| l != p) {
                number += 1;
            }
            last = Some(p);
            number
        })
        .collect()
}

/// A shard line without its shard fields and its shard's corpus fields (which follow
/// them), and without the closing brace: the part one document decides.
pub fn per_document(line: &str) -> Option<&str> {
    line.rfind(SHARD_KEY).map(|at| &line[..at])
}

fn not_a_shard(path: &Path, line: usize) -> MergeError {
    bad_line(path, line, "no \"shard\" fields: not the output of `zitat run --shard K/N` (merge takes shards; the output of a run without --shard is whole already)".into())
}

fn bad_line(path: &Path, line: usize, message: String) -> MergeError {
    MergeError::Line { path: path.to_path_buf(), line: line + 1, message }
}

/// A shard read front to back; `line` skips ahead to a line number (past dropped lines).
struct ShardReader<'p> {
    path: &'p Path,
    lines: Lines<BufReader<File>>,
    next: usize,
}

impl<'p> ShardReader<'p> {
    fn open(path: &'p Path) -> Result<Self, MergeError> {
        let file = File::open(path).map_err(|source| MergeError::Read { path: path.to_path_buf(), source })?;
        Ok(ShardReader { path, lines: BufReader::with_capacity(1 << 16, file).lines(), next: 0 })
    }

    /// The next non-blank line and its 0-based number.
    fn next_line(&mut self) -> Result<Option<(usize, String)>, MergeError> {
        loop {
            let Some(line) = self.lines.next() else { return Ok(None) };
            let line = line.map_err(|source| MergeError::Read { path: self.path.to_path_buf(), source })?;
            self.next += 1;
            if !line.trim().is_empty() {
                return Ok(Some((self.next - 1, line)));
            }
        }
    }

    fn line(&mut self, number: u32) -> Result<(&'p Path, String), MergeError> {
        while let Some((n, line)) = self.next_line()? {
            if n == number as usize {
                return Ok((self.path, line));
            }
        }
        Err(bad_line(self.path, number as usize, "the shard changed while it was merged".into()))
    }
}

/// A whole shard line, for csv.
#[derive(Deserialize)]
struct Full {
    doc: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    medium: Option<String>,
    quote: FullRole,
    speaker: Option<FullSpeaker>,
    cue: Option<FullRole>,
    frame: Option<FullRole>,
    addressee: Option<FullRole>,
    confidence: f32,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    shard: FullShard,
}

#[derive(Deserialize)]
struct FullRole {
    text: String,
    spans: Vec<[usize; 2]>,
}

#[derive(Deserialize)]
struct FullSpeaker {
    text: String,
    spans: Vec<[usize; 2]>,
    name: Option<String>,
    #[serde(default)]
    kind: Option<SpeakerKind>,
    #[serde(default)]
    name_confidence: Option<f32>,
}

#[derive(Deserialize)]
struct FullShard {
    context: String,
}

impl FullRole {
    fn record(self) -> RoleText {
        RoleText { text: self.text, spans: self.spans.iter().map(|[s, e]| Span::new(*s, *e)).collect() }
    }
}

impl Full {
    fn doc_record(&self) -> DocRecord {
        DocRecord { id: self.doc.clone(), title: self.title.clone(), date: self.date.clone(), url: self.url.clone(), page: None }
    }

    fn quote_record(self, doc: usize) -> Result<QuoteRecord, String> {
        let number = (self.id.rsplit_once('#').and_then(|(_, n)| n.parse().ok())).ok_or_else(|| format!("the id {:?} has no #number", self.id))?;
        let kind = QuoteType::parse(&self.kind).ok_or_else(|| format!("unknown type {:?}", self.kind))?;
        let medium = match self.medium {
            Some(m) => Some(Medium::parse(&m).ok_or_else(|| format!("unknown medium {m:?}"))?),
            None => None,
        };
        // A run keeps a speaker role only when it has spans; a name alone is the name.
        let (speaker, speaker_name, speaker_kind, speaker_name_confidence) = match self.speaker {
            Some(s) => {
                let role = (!s.spans.is_empty()).then(|| FullRole { text: s.text, spans: s.spans }.record());
                (role, s.name, s.kind, s.name_confidence)
            }
            None => (None, None, None, None),
        };
        Ok(QuoteRecord {
            doc,
            number,
            kind,
            medium,
            quote: self.quote.record(),
            speaker,
            speaker_name,
            speaker_kind,
            speaker_name_confidence,
            cue: self.cue.map(FullRole::record),
            frame: self.frame.map(FullRole::record),
            addressee: self.addressee.map(FullRole::record),
            confidence: self.confidence,
            context: self.shard.context,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_per_document_part_ends_where_the_shard_fields_begin() {
        let line = r#"{"doc":"a","quote":{"text":"er sagte \",\"shard\":{ nicht\""},"shard":{"position":3,"context":"x"},"speaker_id":null}"#;
        assert_eq!(per_document(line), Some(r#"{"doc":"a","quote":{"text":"er sagte \",\"shard\":{ nicht\""}"#));
        assert_eq!(per_document(r#"{"doc":"a"}"#), None);
        assert_eq!(documents([4, 4, 9, 12, 12].into_iter()), vec![0, 0, 1, 2, 2]);
    }

    #[test]
    fn an_unfinished_shard_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let shard = dir.path().join("shard-1-of-2.jsonl");
        std::fs::write(&shard, "").unwrap();
        assert!(check_finished(&shard).is_ok());
        let (partial, journal) = companions(&shard);
        std::fs::write(&journal, "").unwrap();
        let err = check_finished(&shard).unwrap_err().to_string();
        assert!(err.contains("shard-1-of-2.jsonl") && err.contains("journal"), "{err}");
        std::fs::remove_file(&journal).unwrap();
        std::fs::write(&partial, "").unwrap();
        assert!(check_finished(&shard).unwrap_err().to_string().contains("still being written"));
        assert!(check_finished(&partial).unwrap_err().to_string().contains("its output will be shard-1-of-2.jsonl"));
    }
}
