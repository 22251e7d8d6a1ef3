#!/usr/bin/env bash
# Runs on the lent GPU machine, after scripts/device-build.sh here. Three `device` calls in
# a row, each within 30 s of the last (the machine keeps /tmp/z only while it stays warm):
#
#   1. carry [".gpu/a"]:  bash scripts/device-run.sh 1
#   2. carry [".gpu/b"]:  bash scripts/device-run.sh 2
#   3. carry [".gpu/c"]:  set -o pipefail; bash scripts/device-run.sh 3 [inference] 2>&1 | tee $OUT/run.log
#
# Step 3 rebuilds the base (its sha256 checked), then times the dev articles on the machine's
# CPU cores against the GPU (alternating, two rounds), scores dev on both (twice on the GPU,
# to see it is deterministic), and times one training epoch of the encoder (from the base)
# and one of the speaker pass (from the shipped model) on the GPU (not with `inference`).
# Reports go to $OUT.
set -u
Z=/tmp/z
ROOT=$PWD
export LD_LIBRARY_PATH=$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
say() { echo "== $(date +%T) $*"; }

case "${1:-}" in
1)
    mkdir -p $Z && cp .gpu/a/q4.part0 $Z/ && xz -dc .gpu/a/zitat.xz >$Z/zitat && chmod +x $Z/zitat
    $Z/zitat info; nvidia-smi -L
    exit ;;
2)
    cp .gpu/b/q4.part1 $Z/ && ls -l $Z
    exit ;;
3) ;;
*)
    echo "usage: scripts/device-run.sh 1|2|3 (see the comment at its top)" >&2; exit 2 ;;
esac

say start; nvidia-smi -L; lscpu | grep 'Model name'; nproc
cat $Z/q4.part0 $Z/q4.part1 .gpu/c/q4.part2 >$Z/q4.bin
xz -dc .gpu/c/tokenizer.json.xz >$Z/tokenizer.json
mkdir -p $Z/data && tar -xJf .gpu/c/data.tar.xz -C $Z/data
say import-base; $Z/zitat import-base --q4 $Z/q4.bin --tokenizer $Z/tokenizer.json --out $Z/base || exit 1
M="--model $ROOT/models/zitat-news --base $Z/base"
D=$Z/data
say "bench: CPU ($(nproc) cores) against CUDA, alternating"
for round in 1 2; do for device in cpu cuda; do
    timeout 150 $Z/zitat bench --engine model --device $device $M --repeat 1 $D/dev 2>&1 \
        | grep -E 'forward pass alone|whole zitat run|rror' | sed "s/^/round $round, $device: /"
done; done
say eval cuda; timeout 120 $Z/zitat eval --gold $D/dev --device cuda $M >$OUT/eval-cuda.txt 2>&1; tail -1 $OUT/eval-cuda.txt
say eval cuda again; timeout 120 $Z/zitat eval --gold $D/dev --device cuda $M >$OUT/eval-cuda2.txt 2>&1
cmp $OUT/eval-cuda.txt $OUT/eval-cuda2.txt && echo "cuda: identical reports twice"
say eval cpu; timeout 120 $Z/zitat eval --gold $D/dev --device cpu $M >$OUT/eval-cpu.txt 2>&1; tail -1 $OUT/eval-cpu.txt
[[ "${2:-}" == inference ]] && { say done; exit; }
say "train: the encoder from the base, one epoch, cuda"
timeout 200 $Z/zitat train --train $D/train --dev $D/dev --out $Z/t1 --base $Z/base --epochs 1 --seed 13 \
    --device cuda >$OUT/train-cuda.txt 2>&1; tail -2 $OUT/train-cuda.txt
say "train: the speaker pass from the shipped model, one epoch, cuda"
timeout 150 $Z/zitat train --speaker-pass --init $ROOT/models/zitat-news --train $D/train --dev $D/dev --out $Z/p1 \
    --base $Z/base --epochs 1 --seed 23 --learning-rate 1e-4 --head-learning-rate 1e-3 --device cuda >$OUT/pass-cuda.txt 2>&1
tail -4 $OUT/pass-cuda.txt
say done
