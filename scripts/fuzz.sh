#!/usr/bin/env bash
# The long fuzzing pass: the property of tests/fuzz.rs (no panic, spans inside the text,
# valid JSON) on fresh random texts for MINUTES minutes (default 20), release build.
#   scripts/fuzz.sh [MINUTES]            replay one seed: ZITAT_FUZZ_SEED=N scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-20}"
scripts/setup.sh --release >/dev/null
ZITAT_FUZZ_SECONDS=$((minutes * 60)) cargo test --release --test fuzz -- --ignored --nocapture fuzz_for_a_while
