"""The Python baseline of scripts/bench-python.sh: HF transformers' BertModel with the same
encoder weights (models/base) over the same windows zitat cuts (254 subwords + <s> </s>,
neighbours sharing 63), sorted by length, batches of 16, SDPA attention, in fp32 or bf16
(the model's weights cast, as `model.to(torch.bfloat16)` does).

Prints one line of key=value figures; the shell script interleaves it with zitat runs."""
import json, sys, time
from pathlib import Path

import torch
from safetensors.torch import load_file
from tokenizers import Tokenizer
from transformers import BertConfig, BertModel

WINDOW, OVERLAP, BATCH = 254, 63, 16
BOS, EOS, PAD = 0, 2, 1


def windows(n):
    start, out = 0, []
    while True:
        end = min(start + WINDOW, n)
        out.append((start, end))
        if end == n:
            return out
        start = end - OVERLAP


def article_text(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["originalText"]


def gemm_gflops(threads, dtype=torch.float32):
    """Matrix products of the encoder's shapes in `dtype`, best of 5."""
    torch.set_num_threads(threads)
    shapes = [(4096, 384, 1536), (4096, 384, 384), (4096, 1536, 384)]
    mats = [(torch.randn(m, k, dtype=dtype), torch.randn(k, n, dtype=dtype)) for m, k, n in shapes]
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for a, b in mats:
            for _ in range(4):
                a @ b
        best = min(best, time.perf_counter() - t)
    flops = sum(4 * 2 * m * k * n for m, k, n in shapes)
    return flops / best / 1e9


def main(base, data, threads, repeat, precision):
    torch.set_num_threads(threads)
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    texts = [article_text(p) for p in sorted(data.glob("*.json"))]
    ids = []
    for text in texts:
        enc = tok.encode(text, add_special_tokens=False)
        # zitat drops bare word-start pieces that cover no character.
        sub = [i for i, (a, b) in zip(enc.ids, enc.offsets) if a != b]
        ids += [[BOS] + sub[a:b] + [EOS] for a, b in windows(len(sub))]
    ids.sort(key=len, reverse=True)
    tokens = sum(map(len, ids))
    config = BertConfig.from_json_file(str(base / "config.json"))
    config._attn_implementation = "sdpa"
    model = BertModel(config, add_pooling_layer=False)
    state = load_file(str(base / "model.safetensors"))
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected and all("position_ids" in m for m in missing), (missing, unexpected)
    model.eval()
    if precision == "bf16":
        model = model.to(torch.bfloat16)

    def run():
        with torch.inference_mode():
            for i in range(0, len(ids), BATCH):
                chunk = ids[i : i + BATCH]
                longest = len(chunk[0])
                x = torch.full((len(chunk), longest), PAD)
                mask = torch.zeros((len(chunk), longest), dtype=torch.long)
                for r, w in enumerate(chunk):
                    x[r, : len(w)] = torch.tensor(w)
                    mask[r, : len(w)] = 1
                model(input_ids=x, attention_mask=mask)

    run()
    best = min(timed(run) for _ in range(repeat))
    print(f"precision={precision} windows={len(ids)} tokens={tokens} hf_seconds={best:.2f} hf_tokens_per_s={tokens / best:.0f} "
          f"gemm_gflops={gemm_gflops(threads):.1f} gemm_bf16_gflops={gemm_gflops(threads, torch.bfloat16):.1f} "
          f"torch={torch.__version__}")


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
