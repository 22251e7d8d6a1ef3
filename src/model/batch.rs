//! Windows cut from documents, padded into batches (in training; inference encodes each
//! window alone, see [`super::engine`]), and each document's subwords gathered back from the
//! windows (its best-contextualised copy of every subword).

use super::data::{central_copies, windows, Subwords, BOS, EOS};
use super::evidence::{Evidence, FEATURES};
use std::ops::Range;
use tch::{Device, Kind, Tensor};

/// XLM-R's padding id.
const PAD: i64 = 1;

/// How documents are cut into encoder windows.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct WindowConfig {
    /// Subwords per window, without `<s>` and `</s>` (at most 510).
    pub size: usize,
    /// Subwords shared by neighbouring windows.
    pub overlap: usize,
}

impl Default for WindowConfig {
    fn default() -> Self {
        WindowConfig { size: 254, overlap: 64 }
    }
}

/// A document ready for the network.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub sub: Subwords,
    pub windows: Vec<Range<usize>>,
    pub copies: Vec<(usize, usize)>,
    /// The rules' analysis (empty for a model that does not read it).
    pub evidence: Evidence,
}

impl Prepared {
    /// Subword tokens through the encoder: every window with its `<s>` and `</s>`.
    pub fn tokens(&self) -> usize {
        self.windows.iter().map(|w| w.len() + 2).sum()
    }

    pub fn new(sub: Subwords, cfg: WindowConfig) -> Self {
        let windows = windows(sub.ids.len(), cfg.size, cfg.overlap);
        let copies = central_copies(&windows, sub.ids.len());
        Prepared { sub, windows, copies, evidence: Evidence::default() }
    }

    /// The same, with the rules' analysis of the document as input evidence.
    pub fn with_evidence(sub: Subwords, cfg: WindowConfig, analysis: &crate::document::Document) -> Self {
        let evidence = Evidence::new(analysis, &sub);
        Prepared { evidence, ..Prepared::new(sub, cfg) }
    }

    /// Window k's evidence, framed like [`Prepared::window_ids`].
    pub fn window_evidence(&self, k: usize) -> Vec<[i64; FEATURES]> {
        self.evidence.window(self.windows[k].clone())
    }

    /// The window's ids framed by `<s>` … `</s>`.
    pub fn window_ids(&self, k: usize) -> Vec<i64> {
        let mut ids = Vec::with_capacity(self.windows[k].len() + 2);
        ids.push(BOS);
        ids.extend_from_slice(&self.sub.ids[self.windows[k].clone()]);
        ids.push(EOS);
        ids
    }
}

/// Padded ids and attention mask [windows, longest].
pub fn id_batch(windows: &[Vec<i64>], device: Device) -> (Tensor, Tensor) {
    let len = windows.iter().map(Vec::len).max().unwrap_or(0);
    let mut ids = Vec::with_capacity(windows.len() * len);
    let mut mask = Vec::with_capacity(windows.len() * len);
    for w in windows {
        ids.extend(w.iter().copied().chain(std::iter::repeat(PAD).take(len - w.len())));
        mask.extend((0..len).map(|i| i64::from(i < w.len())));
    }
    let shape = [windows.len() as i64, len as i64];
    (
        Tensor::from_slice(&ids).view(shape).to_device(device),
        Tensor::from_slice(&mask).view(shape).to_device(device),
    )
}

/// Padded evidence [windows, longest, FEATURES]; padding has no evidence. `dropped` (one
/// flag per window) windows get none either (training drops the rules at random so the model also learns
/// from the text alone).
pub fn evidence_batch(windows: &[Vec<[i64; FEATURES]>], dropped: &[bool], device: Device) -> Tensor {
    assert_eq!(windows.len(), dropped.len(), "one dropped flag per window");
    let len = windows.iter().map(Vec::len).max().unwrap_or(0);
    let mut flat = Vec::with_capacity(windows.len() * len * FEATURES);
    for (w, &drop) in windows.iter().zip(dropped) {
        for i in 0..len {
            let row = if drop { None } else { w.get(i) };
            flat.extend_from_slice(row.unwrap_or(&[0; FEATURES]));
        }
    }
    Tensor::from_slice(&flat).view([windows.len() as i64, len as i64, FEATURES as i64]).to_device(device)
}

/// Stacks cached lower-layer outputs [len_k, hidden] into [windows, longest, hidden] plus
/// the attention mask.
pub fn hidden_batch(cached: &[&Tensor], device: Device) -> (Tensor, Tensor) {
    let len = cached.iter().map(|t| t.size()[0]).max().unwrap_or(0);
    let padded: Vec<Tensor> = cached
        .iter()
        .map(|t| t.to_device(device).to_kind(Kind::Float).constant_pad_nd([0, 0, 0, len - t.size()[0]]))
        .collect();
    let mask: Vec<Tensor> = cached
        .iter()
        .map(|t| {
            let n = t.size()[0];
            Tensor::cat(&[Tensor::ones([n], (Kind::Int64, device)), Tensor::zeros([len - n], (Kind::Int64, device))], 0)
        })
        .collect();
    (Tensor::stack(&padded, 0), Tensor::stack(&mask, 0))
}

/// A document's subword states [subwords, hidden] from window outputs flattened to
/// [rows, hidden], where the document's window k starts (at its `<s>`) at row
/// `window_rows[k]`.
pub fn gather(flat: &Tensor, window_rows: &[i64], doc: &Prepared) -> Tensor {
    let rows: Vec<i64> = doc.copies.iter().map(|&(k, off)| window_rows[k] + 1 + off as i64).collect();
    flat.index_select(0, &Tensor::from_slice(&rows).to_device(flat.device()))
}

/// Row starts of windows `first..first + count` in a padded batch [windows, len, hidden]
/// viewed as [windows * len, hidden].
pub fn padded_rows(padded: &Tensor, first: usize, count: usize) -> Vec<i64> {
    let len = padded.size()[1];
    (first..first + count).map(|k| k as i64 * len).collect()
}

/// A padded batch output as rows.
pub fn flatten(padded: &Tensor) -> Tensor {
    padded.reshape([-1, padded.size()[2]])
}
