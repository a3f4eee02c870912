"""Retraining from labelled windows (issue #14): `train.py --windows DIR` runs this instead of the
decode-based training. The worker (worker/learn/) writes DIR: index.json + one feature file per labelled
video (frames × dim, the analysis's cached features.f16 as stored; "dtype" in index.json); it lists the
training windows as [video, first frame, label index]. Held-out videos are never written here: the
worker evaluates them itself through the product's scoring path.

The new head starts from the active head's weights (read back from its ONNX, checked against its
parity.json), so a few hundred labelled windows adjust the model instead of replacing what it learnt
from the base training set. When index.json lists more labels than the active head has outputs (labels
editors taught, issue #14 item 4), the final layer is widened: the known classes' rows come from the
active head, the new rows start fresh. Prints `progress <0..1>` lines for the job's progress bar.
"""
import hashlib
import json
import os
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

FT = {"epochs": 8, "windows_per_epoch": 1000, "lr": 3e-4, "weight_decay": 1e-4, "batch": 64,
      "noise": 0.05, "seed": 11, "pos_frac": 0.5, "base_frac": 0.3}


def _onnx_to_torch_gates(w):
    """ONNX LSTM gates are (i, o, f, c); PyTorch's are (i, f, g=c, o)."""
    i, o, f, c = np.split(w, 4, axis=0)
    return np.concatenate([i, f, c, o], axis=0)


def load_onnx_head(path, head):
    """Copies an exported Head's weights back into a PyTorch Head, by the op that consumes each."""
    g = onnx.load(path).graph
    inits = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    sd = {}
    for n in g.node:
        if n.op_type == "MatMul" and n.input[1] in inits:
            sd["proj.1.weight"] = inits[n.input[1]].T
        elif n.op_type == "Add" and n.input[0] in inits:
            sd["proj.1.bias"] = inits[n.input[0]]
        elif n.op_type == "LSTM":
            W, R, B = (inits[x][0] for x in n.input[1:4])
            H = R.shape[1]
            sd["lstm.weight_ih_l0"] = _onnx_to_torch_gates(W)
            sd["lstm.weight_hh_l0"] = _onnx_to_torch_gates(R)
            sd["lstm.bias_ih_l0"] = _onnx_to_torch_gates(B[:4 * H])
            sd["lstm.bias_hh_l0"] = _onnx_to_torch_gates(B[4 * H:])
        elif n.op_type == "Gemm":
            sd["out.weight"], sd["out.bias"] = inits[n.input[1]], inits[n.input[2]]
    missing = set(head.state_dict()) - set(sd)
    if missing:
        raise SystemExit(f"{path}: cannot read {sorted(missing)} back (not a head exported by train.py)")
    head.load_state_dict({k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in sd.items()})


def onnx_head_classes(path):
    """How many outputs an exported head has (rows of its final Gemm)."""
    g = onnx.load(path).graph
    inits = {t.name: t for t in g.initializer}
    for n in g.node:
        if n.op_type == "Gemm" and n.input[1] in inits:
            return int(inits[n.input[1]].dims[0])
    raise SystemExit(f"{path}: no final layer found (not a head exported by train.py)")


def widen(parent, head):
    """Copies `parent` into `head`, which has more classes: shared layers whole, the known classes' rows of
    the final layer; the new rows keep the fresh initialisation `head` was built with."""
    src, dst = parent.state_dict(), head.state_dict()
    k = src["out.weight"].shape[0]
    for name, w in src.items():
        if name.startswith("out."):
            dst[name][:k] = w
        else:
            dst[name] = w
    head.load_state_dict(dst)


def check_parity(head, parity_path, parity_input):
    ref = json.load(open(parity_path))
    head.eval()
    with torch.no_grad():
        got = head(torch.from_numpy(parity_input(tuple(ref["shape"])))).numpy()
    diff = float(np.abs(got - np.array(ref["probs"], dtype=np.float32)).max())
    if diff > 1e-4:
        raise SystemExit(f"the active head read back from ONNX differs from its parity.json by {diff:.2e}")
    return diff


def read_windows(d):
    idx = json.load(open(os.path.join(d, "index.json")))
    # float16 as the product caches them (float32 from older workers); gather() widens each batch exactly
    dtype = np.float16 if idx.get("dtype") == "float16" else np.float32
    feats = [np.fromfile(os.path.join(d, v["file"]), dtype=dtype).reshape(-1, idx["dim"]) for v in idx["videos"]]
    return idx, feats


def base_windows(cache_dir, T, rng, n):
    """Windows from the base training set's feature cache (npm run model:train), when the worker has it."""
    from dataset import Cache, training_windows
    cache = Cache(cache_dir)
    return training_windows(cache, n, T, rng, ["orig", "hflip"], True)


def sample_positives(pos, n, rng):
    """n positive windows, the same share for every label: a new label with a few examples is not drowned
    by the hundreds of windows of a label the head already knows."""
    classes = np.unique(pos[:, 2])
    picked = rng.choice(classes, n)
    return np.stack([pos[pos[:, 2] == c][rng.integers(0, int((pos[:, 2] == c).sum()))] for c in picked]) if n else pos[:0]


def run(args, Head, HP, parity_input):
    torch.set_num_threads(1)
    torch.set_flush_denormal(True)
    t0 = time.time()
    idx, feats = read_windows(args.windows)
    T, dim, labels = idx["T"], idx["dim"], idx["labels"]
    wins = np.array(idx["train"], dtype=np.int64).reshape(-1, 3)
    pos, neg = wins[wins[:, 2] != 0], wins[wins[:, 2] == 0]
    if len(pos) == 0 or len(neg) == 0:
        raise SystemExit(f"need labelled windows of both kinds, got {len(pos)} positive and {len(neg)} background")
    torch.manual_seed(FT["seed"])
    rng = np.random.default_rng(FT["seed"])
    head = Head(dim, len(labels), HP["proj"], HP["hidden"], HP["dropout"])
    parity_diff = None
    known = len(labels)
    if args.init:
        init_head = os.path.join(args.init, "head.onnx")
        known = onnx_head_classes(init_head)
        if known > len(labels):
            raise SystemExit(f"the active head has {known} outputs, the windows name only {len(labels)} labels")
        parent = Head(dim, known, HP["proj"], HP["hidden"], HP["dropout"])
        load_onnx_head(init_head, parent)
        parity_diff = check_parity(parent, os.path.join(args.init, "parity.json"), parity_input)
        widen(parent, head)
        print(f"started from {args.init} (parity max diff {parity_diff:.1e}, {known} of {len(labels)} classes)", flush=True)
    base = args.base_cache if args.base_cache and os.path.exists(os.path.join(args.base_cache, "features", "index.json")) else None
    opt = torch.optim.AdamW(head.parameters(), lr=FT["lr"], weight_decay=FT["weight_decay"])
    loss_fn = nn.CrossEntropyLoss()
    losses = []

    def gather(rows):
        return np.stack([feats[v][s:s + T] for v, s, _ in rows]), rows[:, 2]

    for epoch in range(FT["epochs"]):
        n = FT["windows_per_epoch"]
        n_base = int(n * FT["base_frac"]) if base else 0
        n_pos = int((n - n_base) * FT["pos_frac"])
        rows = np.concatenate([sample_positives(pos, n_pos, rng), neg[rng.integers(0, len(neg), n - n_base - n_pos)]])
        X, y = gather(rows)
        if n_base:
            Xb, yb = base_windows(base, T, rng, n_base)
            X, y = np.concatenate([X, Xb]), np.concatenate([y, yb])
        X, y = torch.from_numpy(X.astype(np.float32)), torch.from_numpy(y.astype(np.int64))
        head.train()
        perm = torch.randperm(len(X))
        total = 0.0
        for b in range(0, len(X), FT["batch"]):
            i = perm[b:b + FT["batch"]]
            xb = X[i] * (1 + FT["noise"] * torch.randn(len(i), 1, dim))
            loss = loss_fn(head.logits(xb), y[i])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(i)
        losses.append(total / len(X))
        print(f"progress {(epoch + 1) / FT['epochs']:.3f} epoch {epoch + 1} loss {losses[-1]:.4f}", flush=True)
    head.eval()

    os.makedirs(args.out, exist_ok=True)
    head_path = os.path.join(args.out, "head.onnx")
    torch.onnx.export(head, torch.zeros(2, T, dim), head_path, input_names=["features"], output_names=["probs"],
                      dynamic_axes={"features": {0: "batch"}, "probs": {0: "batch"}}, opset_version=13)
    x = parity_input((3, T, dim))
    with torch.no_grad():
        probs = head(torch.from_numpy(x)).numpy()
    json.dump({"shape": [3, T, dim], "input": "(sin(0.37*i)+1)*1.5 as float32, i = flat index",
               "probs": [[float(v) for v in row] for row in probs]},
              open(os.path.join(args.out, "parity.json"), "w"), indent=1)
    json.dump({"seconds": time.time() - t0, "losses": losses, "hyperparameters": FT,
               "windows": {"positive": int(len(pos)), "background": int(len(neg))},
               "labels": labels, "initClasses": known,
               "windowsPerLabel": {lab: int((wins[:, 2] == c).sum()) for c, lab in enumerate(labels)},
               "baseCache": bool(base), "initParityDiff": parity_diff,
               "sha256": hashlib.sha256(open(head_path, "rb").read()).hexdigest()},
              open(os.path.join(args.out, "result.json"), "w"), indent=1)
    print(f"wrote {head_path} in {time.time() - t0:.1f} s", flush=True)
