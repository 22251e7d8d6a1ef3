#!/usr/bin/env bash
# The spreadsheet test with LibreOffice: installs Debian's libreoffice-calc when `soffice`
# is missing (needs root and the package mirror), then runs the test that converts
# `zitat run --format csv` (and --excel) to .xlsx and back and compares the quotations
# (tests/review.rs; `cargo test` alone skips it where soffice is not on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-calc
fi
cargo test --test review spreadsheet -- --nocapture "$@"
