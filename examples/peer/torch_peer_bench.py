"""The PyTorch peer of TrainStepBench: one eager CLIP training step as a PyTorch user writes it (open_clip's
layout: pre-LN residual blocks with nn.MultiheadAttention and GELU, class token, causal text mask, features
taken at the end-of-text token), AdamW, InfoNCE or HN-NCE, fp32.

    /usr/bin/python3 examples/peer/torch_peer_bench.py [batch] [steps]
    env: LOSS=infonce|hnnce  THREADS=2  MODEL_CONFIG=<a dihit model JSON> (default: dihit-core's bench_small.json)

Prints one JSON line: median step time, samples/s, the 1024^3 sgemm rate on the same threads, the model
FLOPs per trained sample (dihit's ModelFlops count) and the model-FLOPs utilisation. Debian's python3-torch
needs libopenblas0-pthread: without it torch multiplies with the reference BLAS (~30-40 GFLOP/s on 2 cores)
and a warning says any comparison against this peer is void.
"""
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CONFIG = os.path.join(HERE, "..", "..", "dihit-core", "src", "main", "resources", "io", "dihit", "core",
                              "model", "configs", "bench_small.json")


class Block(nn.Module):
    def __init__(self, width, heads, mlp_ratio):
        super().__init__()
        hidden = int(width * mlp_ratio)
        self.ln_1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, width))

    def forward(self, x, mask=None):
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=mask)[0]
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, width, layers, heads, mlp_ratio):
        super().__init__()
        self.blocks = nn.ModuleList([Block(width, heads, mlp_ratio) for _ in range(layers)])

    def forward(self, x, mask=None):  # x: (tokens, batch, width), nn.MultiheadAttention's default layout
        for block in self.blocks:
            x = block(x, mask)
        return x


class VisionTower(nn.Module):
    def __init__(self, v, embed_dim):
        super().__init__()
        width, patch = v["width"], v["patch_size"]
        grid = v["image_size"] // patch
        scale = width ** -0.5
        self.patchify = nn.Conv2d(3, width, patch, patch, bias=False)
        self.class_token = nn.Parameter(scale * torch.randn(width))
        self.position = nn.Parameter(scale * torch.randn(grid * grid + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.transformer = Transformer(width, v["layers"], width // v["head_width"], v.get("mlp_ratio", 4.0))
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, embed_dim))

    def forward(self, images):
        x = self.patchify(images).flatten(2).transpose(1, 2)
        x = torch.cat([self.class_token.expand(x.shape[0], 1, -1), x], dim=1) + self.position
        x = self.transformer(self.ln_pre(x).transpose(0, 1)).transpose(0, 1)
        return self.ln_post(x[:, 0]) @ self.proj


class TextTower(nn.Module):
    def __init__(self, t, embed_dim):
        super().__init__()
        width, context = t["width"], t["context_length"]
        self.token_embedding = nn.Embedding(t["vocab_size"], width)
        self.position = nn.Parameter(0.01 * torch.randn(context, width))
        self.transformer = Transformer(width, t["layers"], t["heads"], t.get("mlp_ratio", 4.0))
        self.ln_final = nn.LayerNorm(width)
        self.proj = nn.Parameter(width ** -0.5 * torch.randn(width, embed_dim))
        self.register_buffer("causal", torch.full((context, context), float("-inf")).triu(1), persistent=False)

    def forward(self, tokens):
        x = self.token_embedding(tokens) + self.position
        x = self.ln_final(self.transformer(x.transpose(0, 1), self.causal).transpose(0, 1))
        return x[torch.arange(x.shape[0]), tokens.argmax(dim=-1)] @ self.proj  # end-of-text has the largest id


class Clip(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.visual = VisionTower(config["vision_cfg"], config["embed_dim"])
        self.text = TextTower(config["text_cfg"], config["embed_dim"])
        self.log_logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))


def info_nce(logits):
    labels = torch.arange(logits.shape[0])
    return 0.5 * (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels))


def hn_nce(logits, alpha=1.0, beta=0.5):
    """DiHT's HN-NCE, both directions with the same beta: negatives reweighted by softmax(beta * s) over the row."""
    def direction(s):
        k = s.shape[0]
        eye = torch.eye(k, dtype=torch.bool)
        weights = (k - 1) * torch.softmax((beta * s).masked_fill(eye, float("-inf")), dim=1)
        negatives = (torch.log(weights.clamp_min(1e-30)) + s).masked_fill(eye, float("-inf"))
        positive = torch.diagonal(s)
        denominator = torch.logsumexp(torch.cat([negatives, (math.log(alpha) + positive).unsqueeze(1)], dim=1), dim=1)
        return (denominator - positive).mean()
    return 0.5 * (direction(logits) + direction(logits.t()))


def train_flops_per_sample(config):
    """3 x forward: 2 FLOPs per multiply-add in the projections, MLPs and attention products, plus the patch
    embedding (the count dihit's ModelFlops makes, so both sides divide by the same number)."""
    def tower(width, layers, tokens, mlp_ratio):
        per_layer = 2 * tokens * (4 * width * width + 2 * mlp_ratio * width * width) + 2 * 2 * tokens * tokens * width
        return layers * per_layer
    v, t = config["vision_cfg"], config["text_cfg"]
    patches = (v["image_size"] // v["patch_size"]) ** 2
    forward = tower(v["width"], v["layers"], patches + 1, v.get("mlp_ratio", 4.0)) \
        + 2 * patches * 3 * v["patch_size"] ** 2 * v["width"] \
        + tower(t["width"], t["layers"], t["context_length"], t.get("mlp_ratio", 4.0))
    return 3 * forward


def gemm_gflops():
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    for _ in range(3):
        a @ b
    times = []
    for _ in range(10):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    return 2 * 1024 ** 3 / sorted(times)[5] / 1e9


def main():
    batch = int(sys.argv[1]) if len(sys.argv) > 1 else 128
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    loss_name = os.environ.get("LOSS", "infonce")
    if loss_name not in ("infonce", "hnnce"):
        sys.exit("LOSS must be infonce or hnnce, got " + loss_name)
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    with open(os.environ.get("MODEL_CONFIG", DEFAULT_CONFIG)) as f:
        config = json.load(f)
    torch.manual_seed(0)
    model = Clip(config).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.2, betas=(0.9, 0.98), eps=1e-6)
    v, t = config["vision_cfg"], config["text_cfg"]
    images = torch.randn(batch, 3, v["image_size"], v["image_size"])
    tokens = torch.randint(1, t["vocab_size"] - 2, (batch, t["context_length"]))
    tokens[:, t["context_length"] * 2 // 3] = t["vocab_size"] - 1

    def step():
        optimizer.zero_grad(set_to_none=True)
        image_features = F.normalize(model.visual(images), dim=-1)
        text_features = F.normalize(model.text(tokens), dim=-1)
        logits = model.log_logit_scale.exp() * image_features @ text_features.t()
        loss = info_nce(logits) if loss_name == "infonce" else hn_nce(logits)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            model.log_logit_scale.clamp_(0, math.log(100))

    for _ in range(2):  # warm-up: allocator and first-call costs
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    median = sorted(times)[len(times) // 2]
    gemm = gemm_gflops()
    if gemm < 100:
        sys.stderr.write("torch_peer_bench: this torch multiplies 1024^3 at %.0f GFLOP/s, i.e. with the reference BLAS "
                         "(apt-get install libopenblas0-pthread) or with kernels for the wrong CPU (OPENBLAS_VERBOSE=2 shows "
                         "the core OpenBLAS picked; OPENBLAS_CORETYPE=Haswell or SkylakeX overrides it); a comparison "
                         "against this peer is void.\n" % gemm)
    flops = train_flops_per_sample(config)
    samples_per_s = batch / median
    print(json.dumps({"peer": "pytorch-eager " + torch.__version__, "batch": batch, "loss": loss_name,
                      "step_s_median": round(median, 4), "samples_per_s": round(samples_per_s, 1),
                      "gemm_gflops": round(gemm, 1), "train_gflop_per_sample": round(flops / 1e9, 4),
                      "mfu": round(samples_per_s * flops / (gemm * 1e9), 3)}))


if __name__ == "__main__":
    main()
