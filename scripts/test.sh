#!/usr/bin/env bash
# Installs what the tests need (once), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# A cold run gains nothing from incremental caches, which cost gigabytes of disk.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
scripts/setup.sh
cargo test --no-fail-fast "$@"
