#!/usr/bin/env bash
# Scores a model on dev under other decoding thresholds (model.json, heads.decoding), without
# retraining: each setting is a copy of the model folder with that one object changed.
#
#   scripts/tune-decoding.sh MODEL 'outside=0.5,wobble=4,min_confidence=0.6,role_outside=0.5' …
#   (ZITAT_EVAL_ARGS="--model-only" passes flags to zitat eval)
#
# Prints one summary line per setting. Tune on dev only; the test split is held out.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=$1; shift
DEV=../shared/data/german-news-quotes-2024/dev
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for setting in "$@"; do
    cp -r "$MODEL" "$WORK/model"
    rm -rf "$WORK/model/checkpoint"
    python3 - "$WORK/model/model.json" "$setting" <<'PY'
import json, sys
path, setting = sys.argv[1], sys.argv[2]
meta = json.load(open(path))
decoding = meta["heads"].setdefault("decoding", {})
for pair in filter(None, setting.split(",")):
    key, value = pair.split("=")
    decoding[key] = int(value) if key == "wobble" else float(value)
json.dump(meta, open(path, "w"), indent=2)
PY
    line=$(target/release/zitat eval --gold "$DEV" --model "$WORK/model" ${ZITAT_EVAL_ARGS:-} 2>/dev/null | tail -1)
    echo "$setting: $line"
    rm -rf "$WORK/model"
done
