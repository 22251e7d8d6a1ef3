#!/usr/bin/env bash
# Renders the review site of a corpus (default: examples/corpus) with the rules engine and
# writes PNGs of its index, one article page and the check box with a claim checked, with
# headless Chromium:
#   scripts/screenshots.sh [CORPUS [ARTICLE_PAGE]]   → out/screenshots/{index,article,check}.png
# ARTICLE_PAGE is a page of the site (default: the first one listed); CLAIM and SPEAKER
# (environment) are what the check box checks (default: a reworded quotation of the sample
# corpus, said by someone else than claimed); ZITAT_LANG=en for the English site. Needs a
# built zitat (scripts/setup.sh or cargo build) and the Debian package chromium. Headless
# Chromium paints only the top of a page it scrolled, so each shot is of a page's top.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-examples/corpus}"
site="out/site"
shots="out/screenshots"
rm -rf "$site"
mkdir -p "$shots"
cargo run -q -- run --engine rules -q "$corpus" --format html --lang "${ZITAT_LANG:-de}" -o "$site"
page="${2:-$(grep -o 'href="a/[^"#]*"' "$site/index.html" | head -n 1 | cut -d'"' -f2)}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
shoot() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1600 \
        --screenshot="$PWD/$2" "file://$PWD/$site/$1" 2>/dev/null
    echo "$2 ($1)"
}
encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
claim="${CLAIM:-Über Zahlen sprechen wir erst, wenn sie beschlossen sind}"
speaker="${SPEAKER:-Henrik Solberg}"
shoot index.html "$shots/index.png"
shoot "$page" "$shots/article.png"
shoot "index.html?q=$(encode "$claim")&speaker=$(encode "$speaker")" "$shots/check.png"
