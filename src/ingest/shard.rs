//! `--shard K/N`: a stable split of a corpus over N machines. Each unit goes to the shard
//! its key hashes to (sha256, so the split is the same on every machine and version): a
//! file by its document id, a `.jsonl` line by its file's id and line number, a notice by
//! the id of what it names. Ids are relative to the inputs as given (a file given by name
//! is its name, one found in a directory its path below it), never the path a machine
//! mounts the corpus at: keyed by that, machines that mount it at different paths split it
//! differently, and lines are lost or doubled. The N shard outputs hold every record of the
//! single-machine output once.

use super::Unit;
use sha2::{Digest, Sha256};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// 1-based, as on the command line and in job arrays.
    pub index: usize,
    pub count: usize,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("--shard takes K/N with 1 <= K <= N (e.g. 2/8), not {0:?}")]
pub struct ShardError(String);

impl Shard {
    pub fn parse(text: &str) -> Result<Shard, ShardError> {
        let invalid = || ShardError(text.to_string());
        let (k, n) = text.split_once('/').ok_or_else(invalid)?;
        let (index, count) = (k.trim().parse().map_err(|_| invalid())?, n.trim().parse().map_err(|_| invalid())?);
        if index == 0 || index > count {
            return Err(invalid());
        }
        Ok(Shard { index, count })
    }

    pub fn takes(&self, unit: &Unit) -> bool {
        self.count == 1 || self.of_key(&key(unit)) == self.index
    }

    /// The shard (1-based) a key belongs to.
    pub fn of_key(&self, key: &str) -> usize {
        let digest = Sha256::digest(key.as_bytes());
        let first = u64::from_be_bytes(digest[..8].try_into().expect("a sha256 has 32 bytes"));
        (first % self.count as u64) as usize + 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The key of line `line` of the `.jsonl` whose id is `file`.
pub fn line_key(file: &str, line: usize) -> String {
    format!("{file}:{line}")
}

fn key(unit: &Unit) -> String {
    match unit {
        Unit::File { id, .. } => id.clone(),
        Unit::Stdin { .. } => "<stdin>".into(),
        Unit::JsonlLine { file, line, .. } => line_key(file, *line),
        Unit::Done { key, .. } => key.clone(),
        Unit::Positioned { unit, .. } => key(unit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_split_every_key_into_exactly_one() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        let mut sizes = [0; 3];
        for n in 0..3000 {
            let key = format!("artikel-{n}.txt");
            let owners: Vec<usize> = shards.iter().filter(|s| s.of_key(&key) == s.index).map(|s| s.index).collect();
            assert_eq!(owners.len(), 1, "{key} in {owners:?}");
            sizes[owners[0] - 1] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 850), "an even split: {sizes:?}");
    }
}
