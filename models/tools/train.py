"""Train the temporal head on cached backbone features, pick segment defaults on the validation
split, export ONNX and the parity fixture, and update the manifest.

Usage: /usr/bin/python3 models/tools/train.py [--cache .data/model-cache] [--ablation]
       /usr/bin/python3 models/tools/train.py --windows DIR --init MODEL_DIR --out DIR  (retrain, finetune.py)
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

# One BLAS thread: numpy's own threads thrash on the shared 2-core box (an eigendecomposition took 80 s).
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from dataset import Cache, hard_negative_pool, training_windows  # noqa: E402

AUGS = ["orig", "hflip"]  # extract-features.ts PENALTY_AUGMENTS
# Sized for this machine: Debian's torch does ~2 GFLOP/s here, and the 1280→proj layer dominates.
HP = {"proj": 64, "hidden": 48, "dropout": 0.3, "epochs": 8, "windows_per_epoch": 1200, "lr": 1e-3,
      "weight_decay": 1e-4, "batch": 64, "noise": 0.05, "seed": 7,
      # Hard negatives: share of each epoch drawn from the windows of non-penalty clips of goals,
      # celebrations, set pieces and shots (cvdata.HARD_WORDS). Fixed before any result was seen.
      "hard_frac": 0.2,
      # Training runs on the first `basis` principal axes of the stills and overlay clips' frames (folded
      # back into the 1280-wide layer on export): 5-fold cross-validations have to fit the shared box.
      "basis": 128}


class Head(nn.Module):
    """Per-frame projection → LSTM → (last state ⊕ mean state) → softmax over labels."""

    def __init__(self, dim, classes, proj, hidden, dropout):
        super().__init__()
        self.proj = nn.Sequential(nn.Dropout(dropout), nn.Linear(dim, proj), nn.ReLU())
        self.lstm = nn.LSTM(proj, hidden, batch_first=True)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(2 * hidden, classes)

    def logits(self, x):
        h, _ = self.lstm(self.proj(x))
        return self.out(self.drop(torch.cat([h[:, -1], h.mean(dim=1)], dim=1)))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


class Projected:
    """A cache whose frame features are mapped by a fixed linear basis (mean-centred principal axes,
    fit_basis): training costs a tenth of the 1280-d projection layer's time on this box, and
    the basis folds exactly into that layer when the head is exported (fold_basis)."""

    def __init__(self, cache, mu, P):
        self.rate, self.dim, self.mu, self.P = cache.rate, P.shape[1], mu, P
        self.entries = [{**e, "x": ((e["x"] - mu) @ P).astype(np.float32)} for e in cache.entries]

    training = Cache.training
    judged = Cache.judged


_BASES = {}
_PROJECTED = {}


def fit_basis(cache, k, n=2000, seed=7):
    """Principal axes of the frames every head trains on and none is judged on (stills, overlay clips):
    one basis for every fold, fitted on no judged match, once per process."""
    key = (id(cache), k)
    if key not in _BASES:
        pool = [e["x"] for e in cache.training(variants=["orig"]) if e["kind"] == "still" or e.get("overlay")]
        xs = np.concatenate(pool) if pool else np.concatenate([e["x"] for e in cache.training(variants=["orig"])])
        rng = np.random.default_rng(seed)
        xs = xs[rng.choice(len(xs), min(n, len(xs)), replace=False)].astype(np.float64)
        mu = xs.mean(axis=0)
        _, _, vt = np.linalg.svd(xs - mu, full_matrices=False)
        _BASES[key] = (mu.astype(np.float32), vt[:k].T.astype(np.float32).copy())
    return _BASES[key]


def fold_basis(small, mu, P, hp):
    """The full-width head: Linear(P^T (x - mu)) = (W P^T) x + (b - W P^T mu), exact."""
    full = Head(P.shape[0], 2, hp["proj"], hp["hidden"], hp["dropout"])
    full.load_state_dict({k: v for k, v in small.state_dict().items() if not k.startswith("proj.1.")}, strict=False)
    W = small.proj[1].weight.detach().numpy().astype(np.float64)
    b = small.proj[1].bias.detach().numpy().astype(np.float64)
    Wf = W @ P.T.astype(np.float64)
    with torch.no_grad():
        full.proj[1].weight.copy_(torch.from_numpy(Wf.astype(np.float32)))
        full.proj[1].bias.copy_(torch.from_numpy((b - Wf @ mu.astype(np.float64)).astype(np.float32)))
    full.eval()
    return full


def train_head(cache, T, variants, speed, hp, log=print, hard=None, without=(), short_frac=0.0, hard_paths=None,
               small=False):
    """`hard_paths`: non-penalty clips whose windows are oversampled as hard negatives (hp hard_frac);
    `hp["mine"]` > 0: a second round in which that many of the training matches' non-penalty windows the
    first head scored highest join the hard negatives (the head is trained again from the same seed);
    `hp["basis"]` > 0 trains on that many principal axes of the training frames (Projected); `small`
    returns (head on the projected features, projected cache) instead of the full-width head."""
    full_cache, basis = cache, None
    if hp.get("basis"):
        basis = fit_basis(cache, hp["basis"])
        key = (id(full_cache), hp["basis"])
        if key not in _PROJECTED:
            _PROJECTED[key] = Projected(cache, *basis)
        cache = _PROJECTED[key]
    groups = {e["group"] for e in cache.training(None, "background", ["orig"], set(without))}
    if hard_paths:
        hard = hard_negative_pool(cache, T, 2, ["orig", "hflip"], groups, hard_paths)
        log(f"  hard negatives: {len(hard)} windows")
    model = _fit(cache, T, variants, speed, hp, log, hard, without, short_frac)
    if hp.get("mine"):
        pool = hard_negative_pool(cache, T, 2, ["orig"], groups)
        z = penalty_logit(model, pool)
        top = pool[np.argsort(-z)[:hp["mine"]]]
        log(f"  mined {len(top)} of {len(pool)} non-penalty windows (logit ≥ {np.sort(z)[-len(top)]:.2f})")
        hard = top if hard is None or not len(hard) else np.concatenate([hard, top])
        model = _fit(cache, T, variants, speed, hp, log, hard, without, short_frac)
    if small:
        return model, cache
    if basis is not None:
        model = fold_basis(model, basis[0], basis[1], hp)
    return model


def _fit(cache, T, variants, speed, hp, log, hard, without, short_frac):
    torch.manual_seed(hp["seed"])
    rng = np.random.default_rng(hp["seed"])
    model = Head(cache.dim, 2, hp["proj"], hp["hidden"], hp["dropout"])
    opt = torch.optim.AdamW(model.parameters(), lr=hp["lr"], weight_decay=hp["weight_decay"])
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, hp["epochs"])
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(hp["epochs"]):
        X, y = training_windows(cache, hp["windows_per_epoch"], T, rng, variants, speed,
                                hard=hard, hard_frac=hp["hard_frac"] if hard is not None and len(hard) else 0.0,
                                without=without, short_frac=short_frac)
        X = torch.from_numpy(X)
        y = torch.from_numpy(y)
        model.train()
        perm = torch.randperm(len(X))
        total = 0.0
        for b in range(0, len(X), hp["batch"]):
            idx = perm[b:b + hp["batch"]]
            xb = X[idx] * (1 + hp["noise"] * torch.randn(len(idx), 1, cache.dim))
            loss = loss_fn(model.logits(xb), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
        sched.step()
        if epoch % 5 == 4 or epoch == hp["epochs"] - 1:
            log(f"  epoch {epoch + 1}: loss {total / len(X):.4f}")
    model.eval()
    return model


def predict(model, X):
    with torch.no_grad():
        return np.concatenate([model(torch.from_numpy(X[i:i + 512])).numpy() for i in range(0, len(X), 512)])


def penalty_logit(model, X):
    """log p(penalty) - log p(background): the quantity temperature scaling divides."""
    with torch.no_grad():
        out = [model.logits(torch.from_numpy(X[i:i + 512])) for i in range(0, len(X), 512)]
    z = torch.cat(out).numpy().astype(np.float64)
    return z[:, 1] - z[:, 0]


def parity_input(shape):
    """Fixed input both trainer and worker can rebuild: (sin(0.37 i) + 1) * 1.5 in float32."""
    n = int(np.prod(shape))
    return ((np.sin(0.37 * np.arange(n, dtype=np.float64)) + 1) * 1.5).astype(np.float32).reshape(shape)


def sha256_file(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=".data/model-cache")
    ap.add_argument("--model-dir", default="models/penalty-lstm")
    ap.add_argument("--cv-figures", help="cv.py --out: the configuration, operating point and temperature the folds agree on")
    ap.add_argument("--config", help="the configuration to train (default: the one cv.py reported)")
    # Retraining from labelled windows (issue #14, models/tools/finetune.py): no decoding, no folds.
    ap.add_argument("--windows", help="directory written by the retrain job (index.json + features)")
    ap.add_argument("--init", help="model directory whose head.onnx + parity.json the new head starts from")
    ap.add_argument("--out", help="where --windows writes head.onnx, parity.json and result.json")
    ap.add_argument("--base-cache", help="feature cache of the base training set, mixed in when present")
    args = ap.parse_args()
    if args.windows:
        from finetune import run
        return run(args, Head, HP, parity_input)
    from cvdata import CONFIGS, HARD_WORDS, fold_plan, hard_paths
    from operating import params_for
    # One thread measured faster than two on the shared 2-core box (less contention with ffmpeg/node).
    torch.set_num_threads(1)
    torch.set_flush_denormal(True)
    t0 = time.time()
    cv = json.load(open(args.cv_figures)) if args.cv_figures and os.path.exists(args.cv_figures) else None
    chosen = args.config or (cv and cv["chosen"])
    if chosen not in CONFIGS:
        sys.exit(f"train.py needs --config (one of {', '.join(CONFIGS)}) or --cv-figures from cv.py")
    cfg = CONFIGS[chosen]
    manifest_path = os.path.join(args.model_dir, "manifest.json")
    manifest = json.load(open(manifest_path))
    T, stride = cfg["T"], manifest["window"]["stride"]
    cache = Cache(args.cache)
    assert cache.rate == manifest["sampleRate"], "feature cache was built for another sample rate"
    print(f"shipped head: {chosen!r} trained on every match (no fold held out)")
    hard = hard_paths(cache) if cfg["hard"] else None
    # The head's weights depend on the data, configuration and hyperparameters only: cached beside the folds.
    hp = {**HP, **cfg.get("hp", {})}  # the row's own hyperparameters, as its folds were trained (cv.py)
    head_cfg = {k: v for k, v in cfg.items() if k != "op"}  # the operating-point rule does not change the head
    key = hashlib.sha256(json.dumps([fold_plan(cache, 5)["fingerprint"], head_cfg, HP], sort_keys=True).encode()).hexdigest()[:12]
    saved = os.path.join(args.cache, "cv", f"shipped-{key}.pt")
    model = Head(cache.dim, 2, hp["proj"], hp["hidden"], hp["dropout"])
    if os.path.exists(saved):
        model.load_state_dict(torch.load(saved))
        model.eval()
        print(f"head cached ({saved})")
    else:
        if hard:
            print(f"hard negatives: the windows of {len(hard)} clips of goals, celebrations, set pieces and shots")
        model = train_head(cache, T, AUGS, True, hp, log=print, hard_paths=hard, short_frac=cfg.get("short_frac", 0.0))
        os.makedirs(os.path.dirname(saved), exist_ok=True)
        torch.save(model.state_dict(), saved)
    if cv is None or cv["chosen"] != chosen:
        sys.exit("head trained and cached; the operating point and temperature come from cv.py --out (npm run model:train runs both)")
    fig = cv["figures"][chosen]
    temp = fig["agreed_temperature"]
    enter = fig["agreed_enter"]

    head_path = os.path.join(args.model_dir, "head.onnx")
    dummy = torch.zeros(2, T, cache.dim)
    torch.onnx.export(model, dummy, head_path, input_names=["features"], output_names=["probs"],
                      dynamic_axes={"features": {0: "batch"}, "probs": {0: "batch"}}, opset_version=13)
    x = parity_input((3, T, cache.dim))
    with torch.no_grad():
        probs = model(torch.from_numpy(x)).numpy()
    json.dump({"shape": [3, T, cache.dim], "input": "(sin(0.37*i)+1)*1.5 as float32, i = flat index",
               "probs": [[float(v) for v in row] for row in probs]},
              open(os.path.join(args.model_dir, "parity.json"), "w"), indent=1)

    h = hashlib.sha256(open(os.path.join(os.path.dirname(__file__), "cvdata.py"), "rb").read())
    for e in sorted(cache.entries, key=lambda e: (e["path"], e["variant"], e["rate"])):
        h.update(f'{e["path"]}|{e["sha256"]}|{e["variant"]}|{e["rate"]}\n'.encode())
    manifest.update({
        "version": "1.3.0",
        "description": f"Penalty-kick detector: int8 MobileNetV2 frame features at 4 fps, LSTM over {T / cache.rate:g} s windows (stride 0.5 s).",
        "window": {"frames": T, "stride": stride},
        "head": {"file": "head.onnx", "sha256": sha256_file(head_path)},
        "calibration": {"method": "temperature", "temperature": round(temp, 4),
                        "fittedOn": f"median of the {cv['cv']} cross-validation folds' temperatures, each fitted on that fold's validation matches",
                        "ece": {"before": fig["point"]["ece_uncalibrated"], "after": fig["point"]["ece"]}},
        "segmentDefaults": {**manifest.get("segmentDefaults", {}), "penalty": params_for(enter)},
        "training": {"config": chosen, "matches": "all of ../shared/data (overlay clips train, never judge)"},
        "trainingData": {"fingerprint": h.hexdigest(),
                         "note": "sha256 over cvdata.py and every (path, sha256, variant, rate) of the feature cache; data from ../shared/data"},
    })
    ablation = {n: {"point": f["point"], "ci90": f["ci90"], "config": f["config"]} for n, f in cv["figures"].items()}
    manifest["metrics"] = {
        "cv": {"folds": cv["cv"], "plan": cv["plan"], "config": chosen, "point": fig["point"], "ci90": fig["ci90"],
               "recall_by_match": fig["recall_by_match"], "fold_enter": fig["fold_enter"],
               "fold_temperature": fig["fold_temperature"], "false": fig["false"]},
        "ablation_cv": ablation if len(ablation) > 1 else manifest.get("metrics", {}).get("ablation_cv", ablation),
        "hard_negatives": {"clips": len(hard) if hard else 0, "words": list(HARD_WORDS)},
        "hyperparameters": hp, "params": int(sum(p.numel() for p in model.parameters())),
    }
    json.dump(manifest, open(manifest_path, "w"), indent=2)
    open(manifest_path, "a").write("\n")
    print(f"operating point enter {enter:.2f} (exit {params_for(enter)['exit']}), temperature {temp:.3f}: the folds' median")
    print(f"wrote {head_path} ({os.path.getsize(head_path) / 1e6:.2f} MB), {manifest_path} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
