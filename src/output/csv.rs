//! The spreadsheet output: one CSV row per quotation, with a header row (RFC 4180, UTF-8,
//! fields with commas, quotes or line breaks quoted by the `csv` crate).
//!
//! The file starts with a UTF-8 byte-order mark: without it Excel reads a CSV as the
//! Windows code page and shows „“ and umlauts garbled. The [`Flavour::Excel`] flavour
//! (`--excel`) also separates fields by `;` and ends lines with CRLF, as a German Excel
//! expects when a file is opened by double-click: its list separator is `;`, and a
//! comma-separated file opens with each whole row in one column. (A `sep=;` first line
//! would tell Excel the separator too, but then Excel ignores the byte-order mark.)
//!
//! Columns ([`HEADER`]): the document and quotation id, type and medium; the corpus-wide
//! `speaker_id` and canonical `speaker` name, the name the article itself gives
//! (`speaker_name_in_article`) and the speaker phrase as written; cue, addressee and the
//! quotation; the sentence(s) around it (`context`); confidence; character offsets of the
//! quotation, speaker and cue as `start-end` ranges joined by `;`; title, date and url of
//! the article (empty when the input had none); the quote variant `cluster` (empty when the
//! quotation has no variant); the frame; `speaker_ids`, every person the speaker names
//! joined by `;` („Stoltenberg und Scholz“: both; `speaker_id` is the first, `speaker`
//! their canonical names joined); `speaker_kind` (person, organisation, document, unnamed); `speaker_name_confidence` (0..1,
//! how far the name can be trusted; empty without a name). New columns go at the end, so spreadsheets and scripts
//! that read columns by position keep working.

use super::record::{Corpus, QuoteRecord, RoleText};
use std::io::{self, Write};

/// The byte-order mark every csv output starts with (see the module documentation).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How the fields are separated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavour {
    /// RFC 4180: `,` and LF.
    #[default]
    Standard,
    /// For a German Excel: `;` and CRLF.
    Excel,
}

pub const HEADER: [&str; 24] = [
    "doc",
    "id",
    "type",
    "medium",
    "speaker_id",
    "speaker",
    "speaker_name_in_article",
    "speaker_text",
    "cue",
    "addressee",
    "quote",
    "context",
    "confidence",
    "quote_offsets",
    "speaker_offsets",
    "cue_offsets",
    "title",
    "date",
    "url",
    "cluster",
    "frame",
    "speaker_ids",
    "speaker_kind",
    "speaker_name_confidence",
];

/// Writes the byte-order mark, the header and one row per quotation of the corpus, in
/// corpus order.
pub fn write(corpus: &Corpus, mut out: impl Write, flavour: Flavour) -> io::Result<()> {
    out.write_all(BOM)?;
    let mut builder = csv::WriterBuilder::new();
    if flavour == Flavour::Excel {
        builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    let mut writer = builder.from_writer(out);
    writer.write_record(HEADER).map_err(into_io)?;
    for (index, quote) in corpus.quotes.iter().enumerate() {
        writer.write_record(row(corpus, index, quote)).map_err(into_io)?;
    }
    writer.flush()
}

fn row(corpus: &Corpus, index: usize, q: &QuoteRecord) -> [String; 24] {
    let doc = &corpus.docs[q.doc];
    let person = corpus.speaker_of(index);
    let text = |role: &Option<RoleText>| role.as_ref().map(|r| r.text.clone()).unwrap_or_default();
    let offsets = |role: &Option<RoleText>| role.as_ref().map(spans).unwrap_or_default();
    [
        doc.id.clone(),
        corpus.quote_id(q),
        q.kind.as_str().to_string(),
        q.medium.map(|m| m.as_str().to_string()).unwrap_or_default(),
        person.map(|p| p.id.clone()).unwrap_or_default(),
        corpus.canonical_of(index).unwrap_or_default(),
        q.speaker_name.clone().unwrap_or_default(),
        text(&q.speaker),
        text(&q.cue),
        text(&q.addressee),
        q.quote.text.clone(),
        q.context.clone(),
        format!("{:.3}", q.confidence),
        spans(&q.quote),
        offsets(&q.speaker),
        offsets(&q.cue),
        doc.title.clone().unwrap_or_default(),
        doc.date.clone().unwrap_or_default(),
        doc.url.clone().unwrap_or_default(),
        corpus.cluster_of(index).unwrap_or_default(),
        text(&q.frame),
        corpus.speakers_of(index).iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(";"),
        q.speaker_kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        q.speaker_name_confidence.map(|c| format!("{c:.3}")).unwrap_or_default(),
    ]
}

/// `start-end` character ranges joined by `;` (`12-40;45-60`).
fn spans(role: &RoleText) -> String {
    role.spans.iter().map(|s| format!("{}-{}", s.start, s.end)).collect::<Vec<_>>().join(";")
}

fn into_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Quotation, QuoteType, Span};

    /// A corpus of one document whose first 37 characters are a quotation, „sagte“ its
    /// cue and Jürgen Öz its speaker.
    fn one_quotation(id: &str, text: &str, title: Option<&str>) -> Corpus {
        let mut doc = Document::new(id, text);
        doc.meta.title = title.map(str::to_owned);
        let mut q = Quotation::new(QuoteType::Direct, vec![Span::new(0, 37)]);
        q.cue = vec![Span::new(39, 44)];
        q.speaker = vec![Span::new(45, 54)];
        q.speaker_name = Some("Jürgen Öz".into());
        doc.quotations.push(q);
        let mut corpus = Corpus::default();
        corpus.add(&doc, None);
        corpus.resolve();
        corpus
    }

    #[test]
    fn the_excel_flavour_separates_by_semicolons_after_the_byte_order_mark() {
        let mut out = Vec::new();
        let text = "„Wir sagen \"nein\"; klar?\nÜbermorgen!“, sagte Jürgen Öz.";
        write(&one_quotation("a.txt", text, None), &mut out, Flavour::Excel).unwrap();
        assert!(out.starts_with(BOM));
        let text = String::from_utf8(out[BOM.len()..].to_vec()).unwrap();
        assert!(text.starts_with("doc;id;type;medium;"), "{text}");
        assert!(text.contains("\r\n"), "CRLF line ends");
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[HEADER.iter().position(|h| *h == "quote").unwrap()], "„Wir sagen \"nein\"; klar?\nÜbermorgen!“");
    }

    #[test]
    fn quotes_commas_line_breaks_and_umlauts_round_trip() {
        let text = "„Wir sagen \"nein\", klar?\nÜbermorgen!“, sagte Jürgen Öz.";
        let corpus = one_quotation("dir/ä,b.txt", text, Some("Titel, mit \"Zitat\""));
        let mut out = Vec::new();
        write(&corpus, &mut out, Flavour::Standard).unwrap();

        let body = out.strip_prefix(BOM).expect("the byte-order mark comes first");
        let mut reader = csv::Reader::from_reader(body);
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), HEADER.to_vec());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let field = |name: &str| rows[0][HEADER.iter().position(|h| *h == name).unwrap()].to_string();
        assert_eq!(field("doc"), "dir/ä,b.txt");
        assert_eq!(field("id"), "dir/ä,b.txt#1");
        assert_eq!(field("quote"), "„Wir sagen \"nein\", klar?\nÜbermorgen!“");
        assert_eq!(field("speaker"), "Jürgen Öz");
        assert_eq!(field("speaker_id"), "juergen-oez");
        assert_eq!(field("speaker_text"), "Jürgen Öz");
        assert_eq!(field("title"), "Titel, mit \"Zitat\"");
        assert_eq!(field("quote_offsets"), "0-37");
        assert_eq!(field("cue"), "sagte");
        assert_eq!(field("cluster"), "");
    }
}
