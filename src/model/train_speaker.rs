//! Training the conditioned speaker pass (`zitat train --speaker-pass --init MODEL`) on top
//! of a trained model whose every other weight stays as it is.
//!
//! The trained model's subword states of every document are computed once (the pass reads
//! them, nothing below it learns), then each epoch runs the pass alone over the training
//! quotations: the gold ones and the rules' ones that overlap a gold quotation (what the
//! pass sees at inference, boundaries imperfect), each with the gold speaker as target.
//! After every epoch the dev articles are scored through `engine::finish` as `zitat run`
//! decodes them, for several replace thresholds; the best (epoch, threshold) by dev Joint is
//! written to `--out` with everything else of the initial model unchanged.

use super::engine::{led, DEFAULT_LEAD};
use super::network::Network;
use super::predict::predict;
use super::speaker_pass::{apply, contexts, most_overlapping, subword_ranges, Choice, Context, SpeakerPass, SpeakerPassConfig};
use super::store::{self, ModelMeta};
use super::train::{examples, examples_of, optimise, progress, states, withheld, Example, TrainOptions};
use crate::document::{Document, Quotation};
use crate::error::TrainError;
use std::ops::Range;
use std::time::Instant;
use tch::nn::{self, OptimizerConfig, VarStore};
use tch::{Kind, Tensor};

type Result<T> = std::result::Result<T, TrainError>;

/// Variables of the pass, the only ones this training changes.
const PASS: &str = "heads.speaker_pass.";
/// Quotations per optimisation step.
const BATCH: usize = 16;
/// Replace thresholds scored on dev after each epoch; above 1 the pass only fills.
const THRESHOLDS: [f32; 6] = [0.0, 0.3, 0.5, 0.7, 0.9, 1.1];

/// One training quotation: its context and the context slots of its gold speaker's first
/// and last subword (0, 0 for nobody).
struct Item {
    doc: usize,
    context: Context,
    target: (usize, usize),
}

/// A dev document with what the frozen model decoded, before any speaker pass.
struct DevDoc {
    example: Example,
    hidden: Tensor,
    led: Vec<Quotation>,
}

pub fn train_speaker_pass(opts: &TrainOptions, config: SpeakerPassConfig) -> Result<()> {
    let init = opts.init.as_deref().ok_or(TrainError::NoInit)?;
    tch::manual_seed(opts.seed as i64);
    let mut meta = store::read_meta(init)?;
    // A model that has a pass already continues training it (a later stage), with its shape.
    let continued = meta.heads.speaker_pass.is_some();
    let config = meta.heads.speaker_pass.clone().unwrap_or(config);
    meta.heads.speaker_pass = Some(config.clone());
    let mut loaded = store::load_base(&opts.base, opts.device, meta.heads.clone(), meta.window)?;
    let origin = store::origin(&loaded.tuned);
    store::load_tuned_but(&mut loaded.tuned, init, PASS)?;
    if !continued {
        start_from_top_layers(&mut loaded.tuned, loaded.net.base.num_hidden_layers as usize, config.layers);
    }
    train_only_the_pass(&loaded.tuned);
    let started = Instant::now();
    let kind = opts.precision.kind();
    let mut train_docs = examples(&loaded, &opts.train, opts.limit, opts.quiet)?;
    if let Some(extra) = &opts.extra_train {
        let speeches = crate::ingest::gepade::read_folder(extra).map_err(TrainError::ExtraTrain)?;
        train_docs.extend(examples_of(&loaded, speeches, extra, opts.quiet)?);
    }
    let hidden: Vec<Tensor> = train_docs.iter().map(|e| states(&loaded.net, e, kind, opts.device)).collect();
    let (mut items, forced) = items(&config, &train_docs);
    crate::say!("{} training quotations; {} gold speakers start or end where the mask would not let them", items.len(), forced);
    let dev = dev_docs(&loaded.net, examples(&loaded, &opts.dev, None, opts.quiet)?, kind, opts.device);
    crate::say!("states cached in {:.0} s", started.elapsed().as_secs_f64());
    let baseline = score(&dev, |_, d| d.led.clone());
    crate::say!("dev without the pass: Joint {:.2}, speaker F1 {:.2}", baseline.joint.f1, speaker_f1(&baseline));
    let pass = loaded.net.speaker_pass.as_ref().expect("the network was built with the pass");
    let mut opt = nn::AdamW::default().build(&loaded.tuned, opts.learning_rate)?;
    let mut rng = crate::synthetic::SplitMix(opts.seed);
    let steps = items.len().div_ceil(BATCH);
    let mut best = (baseline.joint.f1, None::<f32>);
    if continued {
        let choices = dev_choices(pass, &dev, config.decode_tags);
        let report = score(&dev, |k, d| with_pass(d, &choices[k], &config));
        crate::say!("dev with the initial pass: Joint {:.2}, speaker F1 {:.2}", report.joint.f1, speaker_f1(&report));
        best.0 = best.0.max(report.joint.f1);
    }
    for epoch in 1..=opts.epochs {
        let epoch_start = Instant::now();
        rng.shuffle(&mut items);
        let bar = progress(steps, &format!("epoch {epoch}"), opts.quiet);
        let mut loss_sum = 0.0;
        for (k, batch) in items.chunks(BATCH).enumerate() {
            let dropped: Vec<Context> = batch.iter().map(|i| withhold_rules(&i.context, withheld(&mut rng, opts.evidence_dropout))).collect();
            let loss = batch_loss(pass, &hidden, batch, &dropped);
            loss_sum += optimise(&mut opt, opts, (epoch - 1) * steps + k, steps * opts.epochs, &loss);
            bar.set_message(format!("loss {:.4}", loss_sum / (k + 1) as f64));
            bar.inc(1);
        }
        bar.finish_and_clear();
        let mut line = format!("epoch {epoch}: loss {:.4} |", loss_sum / steps as f64);
        let mut this_epoch = None::<(f64, SpeakerPassConfig, crate::eval::Report)>;
        for free_tags in decoders(&config) {
            let choices = dev_choices(pass, &dev, free_tags);
            for threshold in THRESHOLDS {
                let policy = SpeakerPassConfig { replace_from: threshold, decode_tags: free_tags, ..config.clone() };
                let report = score(&dev, |k, d| with_pass(d, &choices[k], &policy));
                let decoder = if free_tags { "free tags" } else { "span" };
                line += &format!(" {decoder}, replace from {threshold}: Joint {:.2}, speaker {:.2} |", report.joint.f1, speaker_f1(&report));
                if this_epoch.as_ref().is_none_or(|(joint, ..)| report.joint.f1 > *joint) {
                    this_epoch = Some((report.joint.f1, policy, report));
                }
            }
        }
        crate::say!("{line} {:.0} s", epoch_start.elapsed().as_secs_f64());
        let (joint, policy, report) = this_epoch.expect("thresholds were scored");
        let mut saved = meta.clone();
        saved.heads.speaker_pass = Some(policy.clone());
        record(&mut saved, opts, epoch, policy.replace_from, &report, started.elapsed().as_secs_f64());
        // Every epoch's model is kept, so that a stopped run continues with --init.
        store::save_deltas(&loaded.tuned, &origin, &saved, &opts.out.join(format!("epoch-{epoch}")))?;
        if joint > best.0 {
            best = (joint, Some(policy.replace_from));
            store::save_deltas(&loaded.tuned, &origin, &saved, &opts.out)?;
        }
    }
    match best.1 {
        Some(threshold) => crate::say!("best dev Joint {:.2} (replace from {threshold}); model in {}", best.0, opts.out.display()),
        None => crate::say!("no epoch beat the --init model on dev (Joint {:.2}); nothing written", best.0),
    }
    Ok(())
}

/// The decoders scored on dev: the masked span choice, and the free tags where the pass
/// has them.
fn decoders(config: &SpeakerPassConfig) -> Vec<bool> {
    if config.tags { vec![false, true] } else { vec![false] }
}

/// The pass's layers start as copies of the encoder's top layers (they read its output).
fn start_from_top_layers(tuned: &mut VarStore, encoder_layers: usize, layers: usize) {
    let variables = tuned.variables();
    tch::no_grad(|| {
        for (name, mut var) in variables.iter().filter_map(|(n, v)| n.strip_prefix(PASS).map(|n| (n, v.shallow_clone()))) {
            let Some(rest) = name.strip_prefix("layer.") else { continue };
            let (k, within) = rest.split_once('.').expect("a layer variable is layer.K.NAME");
            let source = format!("encoder.layer.{}.{within}", encoder_layers - layers + k.parse::<usize>().expect("layer index"));
            var.copy_(&variables[&source]);
        }
    });
}

fn train_only_the_pass(tuned: &VarStore) {
    for (name, var) in tuned.variables() {
        let _ = var.set_requires_grad(name.starts_with(PASS));
    }
}

/// The training quotations of every document, and how many gold speakers the start and
/// end masks would have excluded (their slots are opened for training).
fn items(config: &SpeakerPassConfig, docs: &[Example]) -> (Vec<Item>, usize) {
    let mut out = Vec::new();
    let mut forced = 0;
    for (d, e) in docs.iter().enumerate() {
        let gold = &e.doc.quotations;
        let (rules, matched): (Vec<Quotation>, Vec<&Quotation>) = e.prepared.evidence.quotations.iter()
            .filter_map(|r| most_overlapping(&r.quote, gold).map(|g| (r.clone(), g)))
            .unzip();
        let targets = gold.iter().chain(matched);
        let quotations = contexts(config, &e.doc, &e.prepared, gold).into_iter().chain(contexts(config, &e.doc, &e.prepared, &rules));
        for (context, target) in quotations.zip(targets) {
            let Some(mut context) = context else { continue };
            let Some(slots) = target_slots(&context, &subword_ranges(&e.prepared.sub, &target.speaker)) else { continue };
            if slots != (0, 0) && !(context.can_start[slots.0 - 1] && context.can_end[slots.1 - 1]) {
                forced += 1;
                context.can_start[slots.0 - 1] = true;
                context.can_end[slots.1 - 1] = true;
            }
            out.push(Item { doc: d, context, target: slots });
        }
    }
    (out, forced)
}

/// The slots of the gold speaker mention nearest the quotation that the context holds;
/// (0, 0) for a quotation without speaker, none where the speaker lies outside the context.
fn target_slots(context: &Context, speakers: &[Range<usize>]) -> Option<(usize, usize)> {
    if speakers.is_empty() {
        return Some((0, 0));
    }
    let quote_start = context.positions[context.marks.iter().position(|&m| m == 1).unwrap_or(0)];
    speakers
        .iter()
        .filter_map(|s| context.slots_of(s).map(|slots| (s.start.abs_diff(quote_start), slots)))
        .min()
        .map(|(_, slots)| slots)
}

/// The context without the rules' speaker marks (evidence withheld, as the encoder's
/// training withholds it), or as it is.
fn withhold_rules(c: &Context, withhold: bool) -> Context {
    let mut c = c.clone();
    if withhold {
        c.rules.iter_mut().for_each(|r| *r = 0);
    }
    c
}

fn batch_loss(pass: &SpeakerPass, hidden: &[Tensor], batch: &[Item], contexts: &[Context]) -> Tensor {
    let states: Vec<&Tensor> = batch.iter().map(|i| &hidden[i.doc]).collect();
    let refs: Vec<&Context> = contexts.iter().collect();
    let targets: Vec<(usize, usize)> = batch.iter().map(|i| i.target).collect();
    pass.loss(&pass.forward(&states, &refs, true), &refs, &targets)
}

fn dev_docs(net: &Network, docs: Vec<Example>, kind: Kind, device: tch::Device) -> Vec<DevDoc> {
    docs.into_iter()
        .map(|example| {
            let hidden = states(net, &example, kind, device);
            let decoded = predict(net, hidden.shallow_clone(), &example.prepared).unwrap_or_default();
            let led = led(&example.doc, &example.prepared, decoded, DEFAULT_LEAD);
            DevDoc { example, hidden, led }
        })
        .collect()
}

fn dev_choices(pass: &SpeakerPass, dev: &[DevDoc], free_tags: bool) -> Vec<Vec<Option<Choice>>> {
    tch::no_grad(|| dev.iter().map(|d| pass.choose_all(&d.hidden, &d.example.doc, &d.example.prepared, &d.led, free_tags)).collect())
}

fn with_pass(d: &DevDoc, choices: &[Option<Choice>], policy: &SpeakerPassConfig) -> Vec<Quotation> {
    let mut quotations = d.led.clone();
    apply(&d.example.doc, &d.example.prepared.sub, &mut quotations, choices, policy);
    quotations
}

/// Dev scores of the quotations `decide` gives each document, names resolved as in a run.
fn score(dev: &[DevDoc], decide: impl Fn(usize, &DevDoc) -> Vec<Quotation>) -> crate::eval::Report {
    let predicted: Vec<Document> = dev
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let mut doc = d.example.doc.clone();
            let mut quotations = decide(k, d);
            crate::attribute::names::resolve_names(&doc, &mut quotations);
            doc.quotations = quotations;
            doc
        })
        .collect();
    let gold: Vec<Document> = dev.iter().map(|d| d.example.doc.clone()).collect();
    crate::eval::evaluate(&gold, &predicted)
}

fn speaker_f1(report: &crate::eval::Report) -> f64 {
    report.per_role.iter().find(|r| r.role == "speaker").map_or(0.0, |r| r.score.f1)
}

fn record(meta: &mut ModelMeta, opts: &TrainOptions, epoch: usize, threshold: f32, scores: &crate::eval::Report, seconds: f64) {
    meta.training["speaker_pass"] = serde_json::json!({
        "command": std::env::args().collect::<Vec<_>>().join(" "),
        "seed": opts.seed,
        "epoch": epoch,
        "replace_from": threshold,
        "learning_rate": opts.learning_rate,
        "head_learning_rate": opts.head_learning_rate,
        "precision": format!("{:?}", opts.precision.kind()),
        "seconds": seconds.round(),
        "dev_scores": scores,
    });
}
