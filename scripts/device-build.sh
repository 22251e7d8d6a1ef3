#!/usr/bin/env bash
# Builds zitat for the lent GPU machine (the `device` tool) and packs what a run there needs.
#
#   scripts/device-build.sh            then the three calls of scripts/device-run.sh
#
# That machine has PyTorch 2.11.0+cu130 and nothing can be installed there, while zitat pins
# libtorch 2.4.0 (tch 0.17). So zitat is linked here against the same PyTorch 2.11.0 wheel,
# with a copy of torch-sys 0.17 whose three generated bindings that no longer compile against
# 2.11 (`_scaled_mm`, `_scaled_mm_out`, `_scaled_dot_product_cudnn_attention_backward`; zitat
# uses none) throw instead. A call carries at most 64 MiB with the working tree (31 MB of it
# tracked), so the 72 MB base encoder file travels in three parts, in three calls.
#
# Writes .gpu/a (q4 part 0, the binary), .gpu/b (q4 part 1), .gpu/c (q4 part 2, tokenizer,
# dev and train articles); work files under $ZITAT_DEVICE_WORK (default /tmp/zitat-device).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${ZITAT_DEVICE_WORK:-/tmp/zitat-device}
DATA=${ZITAT_DATA:-$ROOT/../shared/data/german-news-quotes-2024}
say() { printf '[device-build] %s\n' "$*" >&2; }
mkdir -p "$WORK"
scripts/setup.sh --release >&2  # the pinned encoder files in .deps/encoder

if [[ ! -f $WORK/torch/.complete ]]; then
    say "fetching PyTorch 2.11.0 (headers and libraries only)"
    python3 -m pip download --quiet --no-deps --require-hashes --only-binary=:all: --python-version 3.12 \
        --platform manylinux_2_28_x86_64 -d "$WORK/wheels" -r scripts/pins/libtorch-device.txt
    python3 - "$WORK" <<'PY'
import sys, zipfile, glob
work = sys.argv[1]
with zipfile.ZipFile(glob.glob(f"{work}/wheels/torch-2.11.0-*.whl")[0]) as z:
    for name in z.namelist():
        if name.startswith(("torch/lib/", "torch/include/")):
            z.extract(name, work)
PY
    touch "$WORK/torch/.complete"
fi

say "patching a copy of torch-sys 0.17.0"
rm -rf "$WORK/torch-sys"
cp -r "$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/torch-sys-0.17.0 | head -1)" "$WORK/torch-sys"
python3 - "$WORK/torch-sys/libtch/torch_api_generated.cpp" <<'PY'
import sys
path = sys.argv[1]
src = open(path).read()
for name in ["atg__scaled_dot_product_cudnn_attention_backward(", "atg__scaled_mm(", "atg__scaled_mm_out("]:
    body = src.index("PROTECT(", src.index("void " + name)) + len("PROTECT(")
    end = src.index("\n  )\n", body)
    src = src[:body] + '\n    throw std::runtime_error("not in this build of torch-sys");' + src[end:]
open(path, "w").write(src)
PY

say "building HEAD against it (a clean clone, so this checkout's Cargo.lock stays as it is)"
rm -rf "$WORK/src" && git clone --quiet "$ROOT" "$WORK/src"
printf '\n[patch.crates-io]\ntorch-sys = { path = "%s/torch-sys" }\n' "$WORK" >>"$WORK/src/Cargo.toml"
(cd "$WORK/src" && LIBTORCH=$WORK/torch LIBTORCH_CXX11_ABI=1 CARGO_TARGET_DIR=$WORK/target \
    RUSTFLAGS="-C link-arg=-Wl,--allow-shlib-undefined" cargo build --quiet --release --bin zitat)

say "packing .gpu/a .gpu/b .gpu/c"
rm -rf .gpu && mkdir -p .gpu/a .gpu/b .gpu/c
split -b 30000000 -d -a 1 .deps/encoder/e5-small-q4.bin .gpu/q4.part
mv .gpu/q4.part0 .gpu/a/ && mv .gpu/q4.part1 .gpu/b/ && mv .gpu/q4.part2 .gpu/c/
xz -T0 -c "$WORK/target/release/zitat" >.gpu/a/zitat.xz
xz -T0 -c .deps/encoder/tokenizer.json >.gpu/c/tokenizer.json.xz
tar -C "$DATA" -cf - dev train | xz -T0 >.gpu/c/data.tar.xz
du -sh .gpu/a .gpu/b .gpu/c >&2
