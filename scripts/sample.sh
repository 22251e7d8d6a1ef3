#!/usr/bin/env bash
# From a fresh clone to output: installs libtorch and the base encoder (once), builds zitat
# (release) and runs it on the bundled sample corpus. Output: out/sample.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --release
mkdir -p out
target/release/zitat run examples/corpus -o out/sample.jsonl "$@"
echo "[sample] quotations written to out/sample.jsonl:" >&2
head -n 5 out/sample.jsonl
