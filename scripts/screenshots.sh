#!/usr/bin/env bash
# Renders the review site of a corpus (default: examples/corpus) with the rules engine and
# writes PNGs of its index and one article page with headless Chromium:
#   scripts/screenshots.sh [CORPUS [ARTICLE_PAGE]]   → out/screenshots/{index,article}.png
# ARTICLE_PAGE is a page of the site (default: the first one listed). Needs a built zitat
# (scripts/setup.sh or cargo build) and the Debian package chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-examples/corpus}"
site="out/site"
shots="out/screenshots"
rm -rf "$site"
mkdir -p "$shots"
cargo run -q -- run --engine rules -q "$corpus" --format html -o "$site"
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
shoot index.html "$shots/index.png"
shoot "$page" "$shots/article.png"
