//! The attribution model: training lowers the loss (on a tiny random encoder, no files
//! needed), and the shipped model (models/zitat-news on models/base) is deterministic.
#![cfg(feature = "model")]

use std::path::PathBuf;
use std::process::Command;
use tch::nn::{self, OptimizerConfig};
use tch::Device;
use zitat::document::{Document, Medium, Quotation, QuoteType, Span};
use zitat::model::batch::{Prepared, WindowConfig};
use zitat::model::data::Subwords;
use zitat::model::device::Precision;
use zitat::model::network::{HeadConfig, Network};
use zitat::model::train::{batch_loss, Example};

const TOY: &str = "Merz sagte am Montag: „Wir schaffen das.“ Die Lage sei ernst, so Merz weiter.";

fn tiny_encoder_config() -> rust_bert::bert::BertConfig {
    serde_json::from_str(
        r#"{"hidden_act":"gelu","attention_probs_dropout_prob":0.1,"hidden_dropout_prob":0.1,
            "hidden_size":32,"initializer_range":0.02,"intermediate_size":64,
            "max_position_embeddings":64,"num_attention_heads":2,"num_hidden_layers":2,
            "type_vocab_size":2,"vocab_size":64}"#,
    )
    .unwrap()
}

fn span_of(text: &str, needle: &str) -> Span {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

/// Words and punctuation marks as "subwords" with made-up ids (3.. to avoid the specials).
fn toy_subwords(text: &str) -> Subwords {
    let mut sub = Subwords::default();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if chars[start].is_alphanumeric() {
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
        }
        let word: String = chars[start..i].iter().collect();
        let id = 3 + word.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))) % 61;
        sub.ids.push(id as i64);
        sub.spans.push(Span::new(start, i));
    }
    sub
}

fn toy_document() -> Document {
    let mut doc = Document::new("toy", TOY);
    let mut direct = Quotation::new(QuoteType::Direct, vec![span_of(TOY, "„Wir schaffen das.“")]);
    direct.speaker = vec![span_of(TOY, "Merz")];
    direct.cue = vec![span_of(TOY, "sagte")];
    direct.medium = Some(Medium::ALL[0]);
    let mut indirect = Quotation::new(QuoteType::Indirect, vec![span_of(TOY, "Die Lage sei ernst")]);
    indirect.cue = vec![span_of(TOY, "so")];
    doc.quotations = vec![direct, indirect];
    doc
}

/// A tiny random network with the evidence tables and link priors, its tuned layers run
/// in `kind`, learns the toy document from the rules' analysis of it.
fn learns_the_toy_batch(kind: tch::Kind, dropped: &[bool]) {
    tch::manual_seed(7);
    let (frozen, tuned) = (nn::VarStore::new(Device::Cpu), nn::VarStore::new(Device::Cpu));
    let heads = HeadConfig { tuned_layers: 2, link_dim: 16, distance_buckets: 4, evidence: true, ..HeadConfig::default() };
    let net = Network::new(&frozen.root(), &tuned.root(), tiny_encoder_config(), heads);
    assert!(net.reads_evidence());
    let mut gold = toy_document();
    let analysis = zitat::model::engine::analyse(&zitat::pipeline::rules_engine(), &mut gold).unwrap();
    assert!(!analysis.quotations.is_empty(), "the rules see the toy quotations");
    // Windows of 8 subwords, so the toy document is cut and merged as long articles are.
    let prepared = Prepared::with_evidence(toy_subwords(TOY), WindowConfig { size: 8, overlap: 2 }, &analysis);
    assert!(prepared.windows.len() > 2);
    assert!(prepared.evidence.tags.iter().any(|t| t[0] != 0), "the rules' quotations are in the evidence");
    let examples = [Example::new(&net, gold, prepared)];
    let mut opt = nn::Adam::default().build(&tuned, 3e-3).unwrap();
    let loss = || batch_loss(&net, &examples, dropped, kind, Device::Cpu);
    let first = loss().double_value(&[]);
    for _ in 0..40 {
        opt.backward_step(&loss());
    }
    let last = loss().double_value(&[]);
    println!("{kind:?}: loss before {first:.3}, after 40 steps {last:.3}");
    assert!(first.is_finite() && first > 1.0, "a random model starts with a high loss: {first}");
    assert!(last < first * 0.5, "loss {first} -> {last}");
    for (name, var) in tuned.variables() {
        assert_eq!(var.kind(), tch::Kind::Float, "{name}: master weights stay fp32");
    }
}

#[test]
fn a_training_step_on_a_tiny_random_model_lowers_the_loss() {
    learns_the_toy_batch(tch::Kind::Float, &[false]);
}

#[test]
fn bf16_training_with_fp32_master_weights_lowers_the_loss_too() {
    learns_the_toy_batch(tch::Kind::BFloat16, &[false]);
}

#[test]
fn the_model_also_learns_with_the_evidence_withheld() {
    learns_the_toy_batch(tch::Kind::Float, &[true]);
}

#[test]
fn tuned_matrices_saved_as_int8_differences_load_back_within_a_step_of_their_scale() {
    let heads = HeadConfig { tuned_layers: 1, link_dim: 16, distance_buckets: 4, evidence: true, ..HeadConfig::default() };
    tch::manual_seed(3);
    let (frozen, tuned) = (nn::VarStore::new(Device::Cpu), nn::VarStore::new(Device::Cpu));
    Network::new(&frozen.root(), &tuned.root(), tiny_encoder_config(), heads.clone());
    let origin = zitat::model::store::origin(&tuned);
    assert!(origin.keys().any(|k| k.starts_with("encoder.layer.")), "{:?}", origin.keys());
    tch::no_grad(|| {
        for (_, mut var) in tuned.variables() {
            let step = var.randn_like() * 0.01;
            let _ = var.g_add_(&step);
        }
    });
    let meta = zitat::model::store::ModelMeta {
        base_sha256: "0".repeat(64),
        heads,
        window: WindowConfig { size: 8, overlap: 2 },
        shards: Default::default(),
        training: serde_json::Value::Null,
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tiny");
    zitat::model::store::save_deltas(&tuned, &origin, &meta, &out).unwrap();
    // A fresh network holds the origin (as load_base does with the base) before loading.
    let mut loaded = nn::VarStore::new(Device::Cpu);
    {
        let frozen = nn::VarStore::new(Device::Cpu);
        tch::manual_seed(3);
        Network::new(&frozen.root(), &loaded.root(), tiny_encoder_config(), meta.heads.clone());
    }
    zitat::model::store::load_tuned(&mut loaded, &out).unwrap();
    let got = loaded.variables();
    for (name, w) in tuned.variables() {
        let gap = f64::try_from((&w - &got[&name]).abs().max()).unwrap();
        let bound = if origin.contains_key(&name) { 0.05 / 127.0 } else { 1e-3 };
        assert!(gap <= bound, "{name}: off by {gap} after save and load");
    }
}

#[test]
fn saved_weights_load_back_as_their_fp16_values() {
    let heads = HeadConfig { tuned_layers: 1, link_dim: 16, distance_buckets: 4, evidence: false, ..HeadConfig::default() };
    let tiny = |seed| {
        tch::manual_seed(seed);
        let (frozen, tuned) = (nn::VarStore::new(Device::Cpu), nn::VarStore::new(Device::Cpu));
        Network::new(&frozen.root(), &tuned.root(), tiny_encoder_config(), heads.clone());
        tuned
    };
    let (saved, mut loaded) = (tiny(1), tiny(2));
    let meta = zitat::model::store::ModelMeta {
        base_sha256: "0".repeat(64),
        heads: heads.clone(),
        window: WindowConfig { size: 8, overlap: 2 },
        shards: Default::default(),
        training: serde_json::Value::Null,
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tiny");
    zitat::model::store::save(&saved, &meta, &out).unwrap();
    zitat::model::store::load_tuned(&mut loaded, &out).unwrap();
    let (want, got) = (saved.variables(), loaded.variables());
    assert!(!want.is_empty());
    for (name, w) in &want {
        let fp16 = w.to_kind(tch::Kind::Half).to_kind(tch::Kind::Float);
        assert!(fp16.equal(&got[name]), "{name} differs after save and load");
    }
}

fn shipped_model() -> (PathBuf, PathBuf) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (model, base) = (root.join("models/zitat-news"), root.join("models/base"));
    assert!(base.join(".complete").exists(), "run scripts/setup.sh first: {} is incomplete", base.display());
    assert!(model.join("model.json").exists(), "the shipped model {} is missing", model.display());
    (model, base)
}

fn run_model(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(["run", "--engine", "model", "--device", "cpu", "--quiet"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_shipped_model_gives_identical_output_twice_and_on_any_thread_count() {
    let (model, base) = shipped_model();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let corpus = corpus.to_str().unwrap();
    let first = run_model(&["--threads", "1", corpus]);
    let second = run_model(&["--threads", "2", corpus]);
    assert!(first.lines().count() >= 10, "the sample corpus is full of quotes:\n{first}");
    assert_eq!(first, second);
    let engine = zitat::model::engine::ModelEngine::load(&model, &base, Device::Cpu, Precision::Fp32).unwrap();
    let annotate = || {
        let mut doc = Document::new("a", "„Wir bleiben dabei“, sagte die Ministerin am Dienstag in Berlin.");
        zitat::pipeline::Engine::annotate(&engine, &mut doc).unwrap();
        doc.quotations
    };
    let once = annotate();
    assert_eq!(once, annotate());
    assert!(!once.is_empty(), "a plain direct quote is found");
}

/// bf16 (the default where the CPU computes it natively) stays close to fp32: the encoder
/// states per subword point the same way, and the quotations of plain sentences are the same.
#[test]
fn bf16_encodes_close_to_fp32_and_finds_the_same_quotations() {
    use zitat::model::engine::ModelEngine;
    let (model, base) = shipped_model();
    let load = |precision| ModelEngine::load(&model, &base, Device::Cpu, precision).unwrap();
    let (fp32, bf16) = (load(Precision::Fp32), load(Precision::Bf16));
    let text = "„Wir bleiben dabei“, sagte die Ministerin am Dienstag in Berlin. Der Kanzler sagte, \
                die Lage sei ernst. Laut Polizei gab es keine Verletzten.";
    let mut docs = vec![Document::new("a", text)];
    let prepared = fp32.prepare(&mut docs).unwrap();
    let (a, b) = (&fp32.encode(&prepared).unwrap()[0], &bf16.encode(&prepared).unwrap()[0]);
    let cosine = tch::Tensor::cosine_similarity(a, b, 1, 1e-8);
    let worst = f64::try_from(cosine.min()).unwrap();
    assert!(worst > 0.98, "a subword's bf16 state points elsewhere than its fp32 one: cosine {worst}");
    let quotations = |engine: &ModelEngine| {
        let mut doc = Document::new("a", text);
        zitat::pipeline::Engine::annotate(engine, &mut doc).unwrap();
        doc.quotations
    };
    let (mut exact, mut low) = (quotations(&fp32), quotations(&bf16));
    assert_eq!(exact.len(), 3, "{exact:?}");
    for (e, l) in exact.iter_mut().zip(&mut low) {
        assert!((e.confidence - l.confidence).abs() < 0.02, "confidence {} in fp32, {} in bf16", e.confidence, l.confidence);
        e.confidence = l.confidence;
        // The name's confidence reads the quotation's.
        let name_confidence = |q: &zitat::Quotation| q.speaker_name_confidence.unwrap_or(0.0);
        assert!((name_confidence(e) - name_confidence(l)).abs() < 0.02, "name confidence {:?} in fp32, {:?} in bf16", e.speaker_name_confidence, l.speaker_name_confidence);
        e.speaker_name_confidence = l.speaker_name_confidence;
        e.speaker_name_features = l.speaker_name_features.clone();
        // The speaker pass's certainty is a product of two softmaxes: it rounds too.
        if let (Some(exact_choice), Some(low_choice)) = (&mut e.speaker_choice, l.speaker_choice) {
            assert!((exact_choice.probability - low_choice.probability).abs() < 0.02, "speaker pass {exact_choice:?} in fp32, {low_choice:?} in bf16");
            exact_choice.probability = low_choice.probability;
        }
    }
    assert_eq!(exact, low);
}

/// A GPU encodes windows in padded batches (one window alone leaves it idle); masked padding
/// must not change a window's states beyond rounding. Three documents of different lengths,
/// so that windows of several lengths share a batch.
#[test]
fn windows_in_padded_batches_get_the_states_they_get_alone() {
    use zitat::model::engine::ModelEngine;
    let (model, base) = shipped_model();
    let engine = ModelEngine::load(&model, &base, Device::Cpu, Precision::Fp32).unwrap();
    let long = "Der Minister sagte, die Lage sei ernst. ".repeat(60);
    let mut docs: Vec<Document> = [TOY, long.as_str(), "„Wir bleiben dabei“, sagte sie."]
        .iter()
        .enumerate()
        .map(|(i, text)| Document::new(i.to_string(), *text))
        .collect();
    let prepared = engine.prepare(&mut docs).unwrap();
    let (alone, batched) = (engine.encode(&prepared).unwrap(), engine.encode_batched(&prepared).unwrap());
    assert!(alone.len() > 3, "the long document has several windows: {}", alone.len());
    assert_eq!(alone.len(), batched.len());
    for (a, b) in alone.iter().zip(&batched) {
        assert_eq!(a.size(), b.size());
        let worst = f64::try_from((a - b).abs().max()).unwrap();
        assert!(worst < 1e-3, "a batched window's state differs by {worst}");
    }
}

#[test]
fn a_model_trained_on_another_base_is_refused() {
    let (model, _) = shipped_model();
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    std::fs::create_dir(&base).unwrap();
    // The stamp setup writes after hashing the weights, here naming other weights.
    std::fs::write(base.join(".complete"), format!("format 2\nweights {}\n", "0".repeat(64))).unwrap();
    let err = zitat::model::store::load_model(&model, &base, Device::Cpu).err().expect("refused");
    let message = format!("{err:#}");
    assert!(message.contains("was trained on the base encoder with sha256"), "{message}");
}

/// A copy of the shipped model folder to damage.
fn model_copy(dir: &std::path::Path) -> PathBuf {
    let (model, _) = shipped_model();
    let copy = dir.join("zitat-news");
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(&model).unwrap().flatten().filter(|e| e.path().is_file()) {
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    copy
}

fn run_with_model(model: &std::path::Path) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "„Wir bleiben dabei“, sagte die Ministerin in Berlin.").unwrap();
    Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(["run", "--engine", "model", "--device", "cpu", "--model"])
        .arg(model)
        .arg(dir.path().join("a.txt"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn a_damaged_shard_is_refused_by_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_copy(dir.path());
    let shard = model.join("tuned-02.safetensors");
    let mut bytes = std::fs::read(&shard).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x10;
    std::fs::write(&shard, bytes).unwrap();
    let run = run_with_model(&model);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("tuned-02.safetensors is damaged"), "{stderr}");
}

#[test]
fn weights_that_give_nan_are_refused_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_copy(dir.path());
    let shard = model.join("tuned-01.safetensors");
    let mut tensors = tch::Tensor::read_safetensors(&shard).unwrap();
    tensors.sort_by(|a, b| a.0.cmp(&b.0));
    let _ = tensors[0].1.fill_(f64::NAN);
    tch::Tensor::write_safetensors(&tensors, &shard).unwrap();
    // A NaN shard with a matching checksum: what a model that diverged in training gives.
    let meta_path = model.join("model.json");
    let mut meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["shards"]["tuned-01.safetensors"] = zitat::setup::sha256_file(&shard).unwrap().into();
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    let run = run_with_model(&model);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "every document failed: {stderr}");
    assert!(stderr.contains("non-finite values"), "{stderr}");
    assert!(run.stdout.is_empty(), "no output from damaged weights");
}

#[test]
fn a_corrupt_encoder_config_is_an_error_not_a_panic() {
    let (model, base) = shipped_model();
    let dir = tempfile::tempdir().unwrap();
    let fake_base = dir.path().join("base");
    std::fs::create_dir(&fake_base).unwrap();
    for name in [".complete", "tokenizer.json"] {
        std::fs::copy(base.join(name), fake_base.join(name)).unwrap();
    }
    std::fs::write(fake_base.join("config.json"), "{\"hidden_size\": \"viele\"").unwrap();
    let err = zitat::model::store::load_model(&model, &fake_base, Device::Cpu).err().expect("refused");
    assert!(format!("{err:#}").contains("is not a valid encoder configuration"), "{err:#}");
}

#[test]
fn the_models_are_found_from_any_working_directory() {
    let elsewhere = tempfile::tempdir().unwrap();
    let info = Command::new(env!("CARGO_BIN_EXE_zitat")).arg("info").current_dir(elsewhere.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&info.stdout);
    assert!(stdout.contains("zitat-news (present)"), "{stdout}");
    let home = tempfile::tempdir().unwrap();
    let info = Command::new(env!("CARGO_BIN_EXE_zitat")).arg("info").env("ZITAT_HOME", home.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&info.stdout);
    assert!(stdout.contains(&format!("{}/models/zitat-news (missing)", home.path().display())), "{stdout}");
}
