"""Cross-validation by match (issue #26): K heads, each trained without two folds of matches; the
operating point is chosen on one of them (the fold's validation matches) and the other is judged.

Every non-penalty clip and every kick is judged once, by a head that never saw its match, on a
timeline built from the judged clips' serving-rate features (clips back to back, kicks between them,
as a broadcast cuts) and turned into highlights by the product's own code (cv-segments.ts).

Usage: /usr/bin/python3 models/tools/cv.py --cv 5 [--cache .data/model-cache] [--ablation]
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

# One BLAS thread: numpy's own threads thrash on the shared 2-core box (an eigendecomposition took 80 s).
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from cvdata import BASELINE, CONFIGS, fold_plan, hard_paths, judged_timeline  # noqa: E402
from cvreport import report, table_row  # noqa: E402
from dataset import Cache, product_windows  # noqa: E402
from metrics import fit_temperature  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEGMENT_CODE = ["models/tools/cv-segments.ts", "models/tools/cv-judge.ts", "models/tools/cv-operating.ts",
                "lib/highlights/segments.ts"]


def fold_models(cache, plan, cfg, hp, log=print, only=None):
    """Trains the K fold heads of one configuration (or only fold `only`); returns per fold the judged
    timelines' scores."""
    from train import penalty_logit, train_head, AUGS
    T = cfg["T"]
    stride = 2
    out = []
    for f in plan["folds"]:
        if only is not None and f["k"] != only:
            continue
        t0 = time.time()
        exclude = set(f["test"]) | set(f["val"])
        # Scored by the head on the projected features (the exported head is the same function, train.py
        # fold_basis, at ten times the cost).
        model, pcache = train_head(cache, T, AUGS, True, {**hp, **cfg.get("hp", {})}, log=lambda *_: None,
                                   hard_paths=hard_paths(cache) if cfg["hard"] else None, without=exclude,
                                   short_frac=cfg.get("short_frac", 0.0), small=True)
        t_train = time.time() - t0
        res = {"fold": f["k"], "T": T}
        for part in ("val", "test"):
            tl = judged_timeline(pcache, set(f[part]), seed=f["k"])
            X = product_windows(tl["x"], T, stride)
            res[part] = {**{k: v for k, v in tl.items() if k != "x"}, "logit": penalty_logit(model, X).tolist()}
            # Per-clip windows (as serving scores a clip on its own): the calibration error is measured on these.
            zs, ys, gs = [], [], []
            for e in pcache.judged(set(f[part])):
                if e["overlay"]:
                    continue
                w = product_windows(e["x"], T, stride)
                zs += penalty_logit(model, w).tolist()
                ys += [1 if e["label"] == "penalty" else 0] * len(w)
                gs += [e["group"]] * len(w)
            res[part]["windows"] = {"logit": zs, "y": ys, "group": gs}
        res["temperature"] = fit_temperature(np.array(res["val"]["windows"]["y"]), np.array(res["val"]["windows"]["logit"]))
        for part in ("val", "test"):
            t = res["temperature"]
            res[part]["p"] = (1 / (1 + np.exp(-np.array(res[part]["logit"]) / t))).tolist()
            res[part]["windows"]["p"] = (1 / (1 + np.exp(-np.array(res[part]["windows"]["logit"]) / t))).tolist()
        log(f"  fold {f['k'] + 1}/{len(plan['folds'])}: trained without {len(exclude)} matches, "
            f"T {res['temperature']:.2f} ({time.time() - t0:.0f} s, of which training {t_train:.0f} s)")
        out.append(res)
    return out


def segments(folds, budget, out_dir, name, op="fold"):
    """The product's segments.ts chooses each fold's operating point on its val timeline and cuts its
    test timeline into highlights at that point (models/tools/cv-segments.ts)."""
    src = os.path.join(out_dir, f"cv-{name}-tracks.json")
    dst = os.path.join(out_dir, f"cv-{name}-segments.json")
    json.dump({"budget": budget, "op": op, "folds": folds}, open(src, "w"))
    env = {**os.environ, "LOG_LEVEL": "warn"}
    subprocess.run(["npx", "tsx", "models/tools/cv-segments.ts", src, dst], check=True, cwd=ROOT, env=env)
    return json.load(open(dst))


def run_config(cache, plan, name, cfg, hp, budget, out_dir, log=print, only=None):
    """The folds of one configuration, cached in out_dir (each fold head on its own too, so that
    `--fold k` runs can train the folds side by side)."""
    # "op" (how the operating point is chosen) does not change the fold heads: they are shared by the rows
    # that differ only in it.
    op = cfg.get("op", "fold")
    head_cfg = {k: v for k, v in cfg.items() if k != "op"}
    key = hashlib.sha256(json.dumps([plan["fingerprint"], head_cfg, hp, budget], sort_keys=True).encode()).hexdigest()[:12]
    # The fold heads' scores are cached under `key`; the highlights made from them are redone whenever
    # the code that makes and judges them changes (no retraining).
    rule = hashlib.sha256(b"".join(open(os.path.join(ROOT, p), "rb").read() for p in SEGMENT_CODE)).hexdigest()[:8]
    done = os.path.join(out_dir, f"cv-{key}-{rule}.json" if op == "fold" else f"cv-{key}-{op}-{rule}.json")
    if os.path.exists(done):
        log(f"{name}: cached ({done})")
        return json.load(open(done))
    folds = []
    for f in plan["folds"]:
        if only is not None and f["k"] != only:
            continue
        part = os.path.join(out_dir, f"cv-{key}-fold{f['k'] + 1}.json")
        if not os.path.exists(part):
            log(f"{name}: training fold {f['k'] + 1} of {len(plan['folds'])}")
            json.dump(fold_models(cache, plan, cfg, hp, log, only=f["k"])[0], open(part, "w"))
        folds.append(json.load(open(part)))
    if only is not None:
        return None
    segs = segments(folds, budget, out_dir, key if op == "fold" else f"{key}-{op}", op)
    res = {"name": name, "config": cfg, "key": key, "folds": segs["folds"], "pooled_enter": segs.get("pooledEnter")}
    json.dump(res, open(done, "w"))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=".data/model-cache")
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--budget", type=float, default=1.0)
    ap.add_argument("--ablation", action="store_true", help="every configuration in cvdata.CONFIGS, not only the chosen one")
    ap.add_argument("--config", default=None, help="the configuration to report (default: the shipped one)")
    ap.add_argument("--row", action="append", default=[], help="a configuration of the ablation table (repeat; "
                    "with --ablation and no --row: every one in cvdata.CONFIGS)")
    ap.add_argument("--boot", type=int, default=1000)
    ap.add_argument("--fold", type=int, help="train only this fold (1-based) of the configuration, cache it and stop")
    ap.add_argument("--manifest", default="models/penalty-lstm/manifest.json")
    ap.add_argument("--out", help="write the figures here as JSON")
    args = ap.parse_args()
    if args.cv < 3:
        sys.exit(f"--cv needs at least 3 folds (one judged, one to choose the operating point, one to train); got {args.cv}")
    torch.set_num_threads(1)
    torch.set_flush_denormal(True)
    from train import HP
    cache = Cache(args.cache)
    plan = fold_plan(cache, args.cv)
    manifest = json.load(open(args.manifest))
    shipped = manifest.get("training", {}).get("config", BASELINE)
    chosen = args.config or shipped
    if chosen not in CONFIGS:
        sys.exit(f"unknown configuration {chosen!r}; known: {', '.join(CONFIGS)}")
    out_dir = os.path.join(args.cache, "cv")
    os.makedirs(out_dir, exist_ok=True)
    print(plan["summary"])
    unknown = [n for n in args.row if n not in CONFIGS]
    if unknown:
        sys.exit(f"unknown configuration {unknown[0]!r}; known: {', '.join(CONFIGS)}")
    rows = args.row or (list(CONFIGS) if args.ablation else [])
    names = [chosen] + [n for n in rows if n != chosen]
    if args.fold is not None:
        for n in names:
            run_config(cache, plan, n, CONFIGS[n], HP, args.budget, out_dir, only=args.fold - 1)
        return
    results = {n: run_config(cache, plan, n, CONFIGS[n], HP, args.budget, out_dir) for n in names}
    figures = {n: report(r, plan, args.boot, verbose=(n == chosen)) for n, r in results.items()}
    if len(names) > 1:
        print(f"\n== Ablation ({args.cv}-fold CV by match; 90 % bootstrap-by-match intervals) ==")
        print("| configuration | FH / 10 min (broadcast) | recall | recall < 1.5 s | boundary s | P@5 | ECE |")
        print("|---|---|---|---|---|---|---|")
        for n in names:
            print(table_row(n, figures[n]))
    if args.out:
        json.dump({"cv": args.cv, "chosen": chosen, "figures": figures, "plan": plan["summary"]}, open(args.out, "w"), indent=1)


if __name__ == "__main__":
    main()
