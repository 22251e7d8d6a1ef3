//! The index file beside the corpus (`CORPUS.findindex`), built once and reused while the
//! corpus is unchanged.
//!
//! The file starts with the corpus's fingerprint: its size, its modification time and a
//! SHA-256 of its first and last 64 KiB. Any of them differing (the corpus rewritten,
//! appended to, replaced) makes the index stale and it is rebuilt. Hashing the whole
//! corpus would be surer, but would cost every query a full read of a corpus that may be
//! gigabytes. Then, little-endian: the terms, the line offsets, the term sets.

use super::index::Index;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 12] = b"zitat-find1\n";
/// How much of the corpus's start and end the fingerprint hashes.
const EDGE: u64 = 64 * 1024;

/// The index file of a corpus.
pub fn index_path(corpus: &Path) -> PathBuf {
    let mut name = corpus.as_os_str().to_owned();
    name.push(".findindex");
    PathBuf::from(name)
}

/// The corpus's fingerprint (see the module documentation).
pub fn fingerprint(corpus: &Path) -> io::Result<[u8; 32]> {
    let mut file = File::open(corpus)?;
    let meta = file.metadata()?;
    let modified = meta.modified()?.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let mut hash = Sha256::new();
    hash.update(meta.len().to_le_bytes());
    hash.update(modified.to_le_bytes());
    let mut edge = Vec::new();
    (&mut file).take(EDGE).read_to_end(&mut edge)?;
    file.seek(SeekFrom::Start(meta.len().saturating_sub(EDGE)))?;
    file.take(EDGE).read_to_end(&mut edge)?;
    hash.update(&edge);
    Ok(hash.finalize().into())
}

/// Writes the index (to a temporary file renamed into place, so a reader never sees half).
pub fn save(path: &Path, print: &[u8; 32], index: &Index, offsets: &[u64]) -> io::Result<()> {
    let partial = path.with_extension("findindex.partial");
    let mut out = BufWriter::new(File::create(&partial)?);
    out.write_all(MAGIC)?;
    out.write_all(print)?;
    write_u64(&mut out, index.terms.len() as u64)?;
    for term in &index.terms {
        write_u64(&mut out, term.len() as u64)?;
        out.write_all(term.as_bytes())?;
    }
    write_u64s(&mut out, offsets)?;
    write_u64s(&mut out, &index.starts)?;
    write_u64(&mut out, index.sets.len() as u64)?;
    for &t in &index.sets {
        out.write_all(&t.to_le_bytes())?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&partial, path)
}

/// The stored index and offsets when the file exists and matches `print`; `None` when it
/// is missing or stale. A damaged file is an error.
pub fn load(path: &Path, print: &[u8; 32]) -> io::Result<Option<(Index, Vec<u64>)>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let mut input = BufReader::with_capacity(1 << 20, file);
    let mut head = [0u8; 44];
    if input.read_exact(&mut head).is_err() || &head[..12] != MAGIC || &head[12..] != print {
        return Ok(None);
    }
    let n_terms = read_u64(&mut input)? as usize;
    let mut terms = Vec::with_capacity(n_terms);
    for _ in 0..n_terms {
        let len = read_u64(&mut input)? as usize;
        let mut bytes = vec![0; len];
        input.read_exact(&mut bytes)?;
        terms.push(String::from_utf8(bytes).map_err(|_| damaged("a term is not UTF-8"))?);
    }
    let offsets = read_u64s(&mut input)?;
    let starts = read_u64s(&mut input)?;
    let n_sets = read_u64(&mut input)? as usize;
    let mut bytes = vec![0; n_sets * 4];
    input.read_exact(&mut bytes)?;
    let sets: Vec<u32> = bytes.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes"))).collect();
    let consistent = starts.len() == offsets.len() + 1
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last() == Some(&(n_sets as u64))
        && sets.iter().all(|&t| (t as usize) < n_terms);
    if !consistent {
        return Err(damaged("its parts do not fit together"));
    }
    Ok(Some((Index::from_parts(terms, sets, starts), offsets)))
}

fn damaged(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("the index file is damaged: {what}"))
}

fn write_u64(out: &mut impl Write, value: u64) -> io::Result<()> {
    out.write_all(&value.to_le_bytes())
}

fn write_u64s(out: &mut impl Write, values: &[u64]) -> io::Result<()> {
    write_u64(out, values.len() as u64)?;
    values.iter().try_for_each(|&v| write_u64(out, v))
}

fn read_u64(input: &mut impl Read) -> io::Result<u64> {
    let mut bytes = [0u8; 8];
    input.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

fn read_u64s(input: &mut impl Read) -> io::Result<Vec<u64>> {
    let n = read_u64(input)? as usize;
    let mut bytes = vec![0; n.checked_mul(8).ok_or_else(|| damaged("a length overflows"))?];
    input.read_exact(&mut bytes)?;
    Ok(bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes"))).collect())
}
