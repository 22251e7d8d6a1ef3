#!/usr/bin/env bash
# From a fresh clone to output: installs libtorch and the base encoder (once), builds zitat
# (the dev build the tests share, so that both README commands compile it once) and runs it
# on the bundled sample corpus. Output: out/sample.jsonl. For large corpora build the
# release binary (`cargo build --release`), which is several times faster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
target/debug/zitat run examples/corpus -o out/sample.jsonl "$@"
echo "[sample] quotations written to out/sample.jsonl:" >&2
head -n 5 out/sample.jsonl
