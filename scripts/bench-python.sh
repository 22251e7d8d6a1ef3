#!/usr/bin/env bash
# zitat against the best Python pipeline, side by side on the same machine and articles:
# HF transformers (torch 2.4.0, SDPA attention, fp32, the same encoder weights and windows,
# sorted by length, batches of 16) and the whole `zitat run` as a user runs it (model load
# reported apart), interleaved for two rounds (HF the best of 2 passes a round, zitat one
# run); the best round of each is compared. The GEMM bound is measured in the same run. Then the dev Joint F1 of what was timed (fp32, the only
# precision zitat has so far).
#   scripts/bench-python.sh [ARTICLES_DIR] [THREADS]
# The venv (.deps/bench-venv, ~5 GB: PyPI's torch 2.4.0 wheel is a CUDA build) is made once.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/german-news-quotes-2024/dev}"
threads="${2:-$(nproc)}"
venv=.deps/bench-venv
scripts/setup.sh --release >/dev/null
if [[ ! -f $venv/.complete ]]; then
    echo "making $venv (torch 2.4.0, transformers 4.44.2) ..." >&2
    rm -rf "$venv" && python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet torch==2.4.0 transformers==4.44.2 safetensors tokenizers
    touch "$venv/.complete"
fi
zitat=target/release/zitat
tiny=$(mktemp -d); trap 'rm -rf "$tiny"' EXIT
echo "„Wir bleiben dabei“, sagte die Ministerin." >"$tiny/a.txt"
# Wall seconds of a command; a failing command stops the script with its message (a
# timing of a failed run would be a fast, wrong figure).
seconds() {
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>"$tiny/stderr" || { echo "failed: $*" >&2; cat "$tiny/stderr" >&2; return 1; }
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
}
best_hf=0; best_zitat=0
for round in 1 2; do
    line=$("$venv/bin/python" scripts/bench_hf.py models/base "$data" "$threads" 2)
    hf=$(sed -n 's/.*hf_tokens_per_s=\([0-9]*\).*/\1/p' <<<"$line")
    tokens=$(sed -n 's/.* tokens=\([0-9]*\).*/\1/p' <<<"$line")
    (( round == 1 )) && echo "articles: $data; $line"
    load=$(seconds $zitat run --engine model --device cpu --threads "$threads" --quiet "$tiny")
    whole=$(seconds $zitat run --engine model --device cpu --threads "$threads" --quiet "$data")
    run=$(echo "$tokens / ($whole - $load)" | bc)
    echo "round $round: HF $hf tokens/s | zitat run $run tokens/s (whole ${whole}s, model load ${load}s apart)"
    (( hf > best_hf )) && best_hf=$hf
    (( run > best_zitat )) && best_zitat=$run
done
gflops=$(sed -n 's/.*gemm_gflops=\([0-9.]*\).*/\1/p' <<<"$line")
bound=$(echo "$gflops * 1000 / 46.7" | bc)
echo "GEMM ${gflops} GFLOP/s -> bound of one encoder pass ≈ $bound subword tokens/s (46.7 MFLOP per token)"
echo "best HF (Python, SDPA):  $best_hf tokens/s = $(echo "100 * $best_hf / $bound" | bc)% of the bound"
echo "best zitat run (fp32):   $best_zitat tokens/s = $(echo "100 * $best_zitat / $bound" | bc)% of the bound; zitat / HF = $(echo "scale=2; $best_zitat / $best_hf" | bc)"
echo "(a zitat run also segments, tokenises, runs the rules, decodes and writes jsonl; HF runs the encoder alone)"
joint=$($zitat eval --device cpu --gold "$data" 2>&1 | sed -n 's/^Messages F1.*Joint F1 *\([0-9.]*\).*/\1/p' | tail -1)
echo "dev Joint F1 of the timed zitat (fp32, default engine): ${joint:-?}"
