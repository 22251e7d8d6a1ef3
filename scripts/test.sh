#!/usr/bin/env bash
# Installs what the tests need (once), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --no-fail-fast "$@"
