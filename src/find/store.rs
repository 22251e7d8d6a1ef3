//! The index file beside the corpus (`CORPUS.findindex`), built once and reused while the
//! corpus is unchanged.
//!
//! The file starts with the corpus's fingerprint: its size, its modification time and a
//! SHA-256 of its first and last 64 KiB. Any of them differing (the corpus rewritten,
//! appended to, replaced) makes the index stale and it is rebuilt. Hashing the whole
//! corpus would be surer, but would cost every query a full read of a corpus that may be
//! gigabytes. Then, little-endian: the terms, the line offsets, the term sets, and the
//! name keys of the corpus's speakers (for the verdict, see [`Names`]).

use super::index::Index;
use super::verdict::Names;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

// 2: the names were added; an index of version 1 is rebuilt.
const MAGIC: &[u8; 12] = b"zitat-find2\n";
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
pub fn save(path: &Path, print: &[u8; 32], index: &Index, offsets: &[u64], names: &Names) -> io::Result<()> {
    let partial = path.with_extension("findindex.partial");
    let mut out = BufWriter::new(File::create(&partial)?);
    out.write_all(MAGIC)?;
    out.write_all(print)?;
    write_strings(&mut out, index.terms.iter().map(String::as_str), index.terms.len())?;
    write_u64s(&mut out, offsets)?;
    write_u64s(&mut out, &index.starts)?;
    write_u64(&mut out, index.sets.len() as u64)?;
    for &t in &index.sets {
        out.write_all(&t.to_le_bytes())?;
    }
    write_strings(&mut out, names.keys(), names.keys().count())?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&partial, path)
}

/// The stored index and offsets when the file exists and matches `print`; `None` when it
/// is missing or stale. A damaged file is an error.
pub fn load(path: &Path, print: &[u8; 32]) -> io::Result<Option<(Index, Vec<u64>, Names)>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    // No length read from the file may promise more bytes than the file has (a damaged
    // file must not make us allocate gigabytes).
    let size = file.metadata()?.len();
    let mut input = BufReader::with_capacity(1 << 20, file);
    let mut head = [0u8; 44];
    if input.read_exact(&mut head).is_err() || &head[..12] != MAGIC || &head[12..] != print {
        return Ok(None);
    }
    let terms = read_strings(&mut input, size)?;
    let n_terms = terms.len();
    let offsets = read_u64s(&mut input, size)?;
    let starts = read_u64s(&mut input, size)?;
    let n_sets = bounded(read_u64(&mut input)?, 4, size)?;
    let mut bytes = vec![0; n_sets * 4];
    input.read_exact(&mut bytes)?;
    let sets: Vec<u32> = bytes.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes"))).collect();
    let names = Names::from_keys(read_strings(&mut input, size)?);
    let consistent = starts.len() == offsets.len() + 1
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last() == Some(&(n_sets as u64))
        && sets.iter().all(|&t| (t as usize) < n_terms);
    if !consistent {
        return Err(damaged("its parts do not fit together"));
    }
    Ok(Some((Index::from_parts(terms, sets, starts), offsets, names)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_file_round_trips_and_a_stale_or_damaged_one_is_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl.findindex");
        let index = Index::build(&["„Die Brücke sei nicht mehr sicher“", "Wir bleiben hier"]);
        let names = Names::with_speakers(["Katrin Böhm"]);
        save(&path, &[1; 32], &index, &[0, 57], &names).unwrap();
        let (loaded, offsets, loaded_names) = load(&path, &[1; 32]).unwrap().expect("current");
        assert_eq!(offsets, vec![0, 57]);
        assert_eq!(loaded_names, names);
        assert_eq!(loaded.search("die Brücke ist nicht mehr sicher", 1, 0.5), index.search("die Brücke ist nicht mehr sicher", 1, 0.5));
        assert!(load(&path, &[2; 32]).unwrap().is_none(), "another corpus: stale");
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[44..52].copy_from_slice(&u64::MAX.to_le_bytes());
        std::fs::write(&path, bytes).unwrap();
        assert!(load(&path, &[1; 32]).unwrap_err().to_string().contains("damaged"));
    }
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

/// A count, then each string as its length and its bytes.
fn write_strings<'a>(out: &mut impl Write, strings: impl Iterator<Item = &'a str>, count: usize) -> io::Result<()> {
    write_u64(out, count as u64)?;
    for string in strings {
        write_u64(out, string.len() as u64)?;
        out.write_all(string.as_bytes())?;
    }
    Ok(())
}

fn read_strings(input: &mut impl Read, size: u64) -> io::Result<Vec<String>> {
    let count = bounded(read_u64(input)?, 8, size)?;
    let mut strings = Vec::with_capacity(count);
    for _ in 0..count {
        let len = bounded(read_u64(input)?, 1, size)?;
        let mut bytes = vec![0; len];
        input.read_exact(&mut bytes)?;
        strings.push(String::from_utf8(bytes).map_err(|_| damaged("a term or name is not UTF-8"))?);
    }
    Ok(strings)
}

fn read_u64(input: &mut impl Read) -> io::Result<u64> {
    let mut bytes = [0u8; 8];
    input.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

/// A count of items of `width` bytes, refused when they would not fit in the file.
fn bounded(count: u64, width: u64, size: u64) -> io::Result<usize> {
    match count.checked_mul(width) {
        Some(bytes) if bytes <= size => Ok(count as usize),
        _ => Err(damaged("a length is larger than the file")),
    }
}

fn read_u64s(input: &mut impl Read, size: u64) -> io::Result<Vec<u64>> {
    let n = bounded(read_u64(input)?, 8, size)?;
    let mut bytes = vec![0; n * 8];
    input.read_exact(&mut bytes)?;
    Ok(bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes"))).collect())
}
