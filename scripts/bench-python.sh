#!/usr/bin/env bash
# zitat against the best Python pipeline, side by side on the same machine and articles, and
# the figures of issue 12 in one run:
#  1. HF transformers (torch 2.4.0, SDPA attention, the same encoder weights and windows,
#     sorted by length, batches of 16) against the whole `zitat run` as a user runs it
#     (model load timed apart on a one-sentence file), per precision (fp32, bf16),
#     interleaved for two rounds (HF the best of 2 passes a round, zitat one run); the best
#     round of each counts. The GEMM bound of the encoder's shapes is measured in the same
#     run, in fp32 (the issue's bound) and in bf16.
#  2. The encoder's forward pass alone (`zitat bench`) per precision, and the dev Joint F1
#     of each precision (`zitat eval`).
#  3. The rules engine's MB/s on one core over the train articles (`zitat bench`).
#  4. Peak resident memory of `zitat run --engine model` on 1,000 and on 10,000 short
#     articles (the first paragraphs of the dev articles, cycled).
#   scripts/bench-python.sh [ARTICLES_DIR] [THREADS] [RULES_DIR]
# The venv (.deps/bench-venv, ~5 GB: PyPI's torch 2.4.0 wheel is a CUDA build) is made once.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/german-news-quotes-2024/dev}"
threads="${2:-$(nproc)}"
rules_data="${3:-../shared/data/german-news-quotes-2024/train}"
venv=.deps/bench-venv
scripts/setup.sh --release >/dev/null
if [[ ! -f $venv/.complete ]]; then
    echo "making $venv (torch 2.4.0, transformers 4.44.2) ..." >&2
    rm -rf "$venv" && python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet torch==2.4.0 transformers==4.44.2 safetensors tokenizers
    touch "$venv/.complete"
fi
zitat=target/release/zitat
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir "$work/tiny" && echo "„Wir bleiben dabei“, sagte die Ministerin." >"$work/tiny/a.txt"
# Wall seconds of a command; a failing command stops the script with its message (a
# timing of a failed run would be a fast, wrong figure).
seconds() {
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>"$work/stderr" || { echo "failed: $*" >&2; cat "$work/stderr" >&2; return 1; }
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
percent() { echo "100 * $1 / $2" | bc; }

declare -A hf run; declare -a rss
for round in 1 2; do
    for p in fp32 bf16; do
        line=$("$venv/bin/python" scripts/bench_hf.py models/base "$data" "$threads" 2 "$p")
        tokens=$(field tokens "$line")
        [[ $p == fp32 ]] && gflops=$(field gemm_gflops "$line") && gflops_bf16=$(field gemm_bf16_gflops "$line")
        (( round == 1 )) && [[ $p == fp32 ]] && echo "articles: $data; $line"
        load=$(seconds $zitat run --engine model --device cpu --precision "$p" --threads "$threads" --quiet "$work/tiny")
        whole=$(seconds $zitat run --engine model --device cpu --precision "$p" --threads "$threads" --quiet "$data")
        tps=$(echo "$tokens / ($whole - $load)" | bc)
        h=$(field hf_tokens_per_s "$line")
        echo "round $round, $p: HF $h tokens/s | zitat run $tps tokens/s (whole ${whole}s, model load ${load}s apart)"
        (( h > ${hf[$p]:-0} )) && hf[$p]=$h
        (( tps > ${run[$p]:-0} )) && run[$p]=$tps
    done
done
bound=$(echo "$gflops * 1000 / 46.7" | bc)
declare -A own=([fp32]=$bound [bf16]=$(echo "$gflops_bf16 * 1000 / 46.7" | bc))
echo "GEMM fp32 ${gflops} GFLOP/s -> bound of one fp32 encoder pass ≈ $bound subword tokens/s (46.7 MFLOP per token)"
echo "GEMM bf16 ${gflops_bf16} GFLOP/s -> bound of one bf16 encoder pass ≈ ${own[bf16]} subword tokens/s"
default=$($zitat bench --repeat 1 --device cpu --threads "$threads" "$work/tiny" | sed -n 's/.*model engine on .*, \([a-z0-9]*\), best of.*/\1/p')
echo
printf '%-9s %10s %27s %27s %10s %10s %9s\n' precision "HF tok/s" "zitat encoder tok/s" "zitat run tok/s" "run/HF" "run/HFfp32" "dev Joint"
for p in fp32 bf16; do
    encoder=$($zitat bench --repeat 2 --device cpu --threads "$threads" --precision "$p" "$data" | sed -n 's/^encoder forward pass alone *[0-9.]* *\([0-9]*\)$/\1/p')
    joint=$(RAYON_NUM_THREADS=$threads $zitat eval --device cpu --precision "$p" --gold "$data" 2>&1 | sed -n 's/^Messages F1.*Joint F1 *\([0-9.]*\).*/\1/p' | tail -1)
    printf '%-9s %10s %13s (%3s%% / %2s%%) %13s (%3s%% / %2s%%) %9sx %9sx %9s\n' "$p$([[ $p == "$default" ]] && echo '*')" "${hf[$p]}" \
        "$encoder" "$(percent "$encoder" "$bound")" "$(percent "$encoder" "${own[$p]}")" \
        "${run[$p]}" "$(percent "${run[$p]}" "$bound")" "$(percent "${run[$p]}" "${own[$p]}")" \
        "$(echo "scale=2; ${run[$p]} / ${hf[$p]}" | bc)" "$(echo "scale=2; ${run[$p]} / ${hf[fp32]}" | bc)" "${joint:-?}"
done
echo "(* the default, --precision auto, on this machine; (x% / y%) = share of the fp32 bound / of the"
echo " precision's own GEMM bound; a zitat run also"
echo " segments, tokenises, runs the rules, decodes and writes jsonl, HF runs the encoder alone)"

echo
$zitat bench --engine rules --threads 1 --repeat 5 "$rules_data" | sed -n '1p;$p' | sed 's/^/rules, one core: /'

echo
python3 - "$data" "$work" <<'EOF'
import json, pathlib, sys
texts = [json.loads(p.read_text(encoding="utf-8"))["originalText"] for p in sorted(pathlib.Path(sys.argv[1]).glob("*.json"))]
heads = ["\n".join(t.strip().split("\n")[:3])[:700] for t in texts]
for n in (1000, 10000):
    folder = pathlib.Path(sys.argv[2]) / f"articles-{n}"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(heads[i % len(heads)], encoding="utf-8")
EOF
for n in 1000 10000; do
    /usr/bin/time -f "%M %e" -o "$work/rss" $zitat run --engine model --device cpu --threads "$threads" --quiet \
        -o "$work/out-$n.jsonl" "$work/articles-$n" >/dev/null
    read -r kb secs <"$work/rss"
    echo "zitat run --engine model, $n short articles: peak RSS $((kb / 1024)) MB, ${secs}s, $(wc -l <"$work/out-$n.jsonl") quotations"
    rss[$n]=$kb
done
echo "peak RSS 10,000 / 1,000 articles: $(echo "scale=3; ${rss[10000]} / ${rss[1000]}" | bc)"
