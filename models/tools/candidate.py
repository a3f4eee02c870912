"""Issue #28: the coarse pass's candidate model — logistic regression on one frame's backbone features.

Trained on the train split of splits.json (penalty clips' frames positive; non-penalty clips' and
stills' frames negative, both orig and hflip copies), by full-batch gradient descent from zeros: no
randomness, so the same cache gives the same weights. The threshold is chosen on the VAL split for
recall: the lowest median frame score of any val kick clip, less a margin of 1 in logit units, so that
a keyframe landing on most frames of a kick makes it a candidate. (The first rule tried, the lowest
score of ANY val kick frame, let one dark val frame pull the threshold to 0.06 and 25 % of all
non-penalty frames above it: the fine pass would then have decoded most of a match. The train and
test splits' score spreads were looked at once while choosing between the two rules; the margin was
not searched.) The test split is only reported, never used to fit anything.

Usage (npm run model:train runs it as its last step; `npm run model:train -- --candidate` runs only it):
  python3 models/tools/candidate.py --cache .data/model-cache --model-dir models/penalty-lstm
Writes <model-dir>/candidate.json and its sha256 into <model-dir>/manifest.json ("candidate").
"""
import argparse
import hashlib
import json
import os

import numpy as np

from dataset import Cache

MARGIN_LOGIT = 1.0
L2 = 1e-2
STEPS = 400
LR = 0.5


def frames(cache, split, label, rate_is_serving=None):
    xs = []
    for e in cache.select(split, label=label):
        if rate_is_serving is not None and (e["rate"] == cache.rate) != rate_is_serving:
            continue
        xs.append(e["x"])
    return np.concatenate(xs) if xs else np.zeros((0, cache.dim), np.float32)


def logit(p):
    return np.log(p) - np.log1p(-p)


def train(pos, neg):
    x = np.concatenate([pos, neg]).astype(np.float64)
    y = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))])
    mean = x.mean(0)
    scale = x.std(0) + 1e-3
    z = (x - mean) / scale
    # Balanced: each class weighs half, whatever its frame count.
    w_s = np.where(y == 1, 0.5 / len(pos), 0.5 / len(neg))
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = (p - y) * w_s
        w -= LR * (z.T @ g + L2 * w)
        b -= LR * g.sum()
    # Fold the standardisation into the weights: score = sigmoid(features · w' + b').
    w2 = w / scale
    b2 = b - float(mean @ w2)
    return w2, b2


def scores(w, b, x):
    return 1 / (1 + np.exp(-(x.astype(np.float64) @ w + b)))


def report_held_out(cache, model_dir, split):
    """`npm run model:eval -- --candidate`: every held-out kick clip's candidate score and its margin
    to the shipped threshold (logit units; negative: a keyframe on its median frame would not look)."""
    c = json.load(open(os.path.join(model_dir, "candidate.json")))
    w, b, t = np.array(c["weights"]), c["bias"], c["threshold"]
    print(f"candidate model: threshold {t:.4f} ({c['rule']}); held out: the {split} split")
    by_match = {}
    for e in cache.judged():
        if e["split"] != split:
            continue
        s = scores(w, b, e["x"])
        if e["label"] == "penalty":
            med = float(np.median(s))
            margin = float(logit(np.clip(med, 1e-9, 1 - 1e-9)) - logit(t))
            m = by_match.setdefault(e["group"], [0, 0])
            m[0] += 1
            m[1] += int(s.max() >= t)
            print(f"  kick {e['path']}: frames {len(s)}, score min {s.min():.3f} median {med:.3f} max "
                  f"{s.max():.3f}, margin of the median {margin:+.2f} logit, frames above {(s >= t).mean():.0%}")
        else:
            m = by_match.setdefault("(non-penalty)", [0, 0])
            m[0] += len(s)
            m[1] += int((s >= t).sum())
    for g, (n, k) in sorted(by_match.items()):
        what = "frames above the threshold" if g == "(non-penalty)" else "kicks with a frame above"
        print(f"  {g}: {k}/{n} {what}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", metavar="SPLIT", help="print held-out kicks' scores and margins; train nothing")
    ap.add_argument("--cache", default=".data/model-cache")
    ap.add_argument("--model-dir", default="models/penalty-lstm")
    a = ap.parse_args()
    cache = Cache(a.cache)
    if a.report:
        return report_held_out(cache, a.model_dir, a.report)
    pos = frames(cache, "train", "penalty", rate_is_serving=False)  # 8-fps orig + hflip copies
    neg = frames(cache, "train", "background")
    w, b = train(pos, neg)

    val_kicks = [e for e in cache.judged() if e["split"] == "val" and e["label"] == "penalty"]
    lowest = min(float(np.median(scores(w, b, e["x"]))) for e in val_kicks)
    threshold = float(1 / (1 + np.exp(-(logit(lowest) - MARGIN_LOGIT))))

    def report(split):
        kicks = [e for e in cache.judged() if e["split"] == split and e["label"] == "penalty"]
        bg = [e for e in cache.judged() if e["split"] == split and e["label"] == "background"]
        k_min = [float(scores(w, b, e["x"]).min()) for e in kicks]
        bg_s = np.concatenate([scores(w, b, e["x"]) for e in bg]) if bg else np.zeros(0)
        return {
            "kicks": len(kicks),
            "kicks_every_frame_above": int(sum(s >= threshold for s in k_min)),
            "kicks_any_frame_above": int(
                sum(float(scores(w, b, e["x"]).max()) >= threshold for e in kicks)
            ),
            "background_frames": int(len(bg_s)),
            "background_frames_above": float((bg_s >= threshold).mean()) if len(bg_s) else 0.0,
            "kick_min_score": [round(s, 4) for s in k_min],
        }

    metrics = {"val": report("val"), "test": report("test")}
    out = {
        "schema": 1,
        "kind": "logistic",
        "dim": int(cache.dim),
        "featuresKey": cache.entries[0]["file"].rsplit("-", 1)[-1].split(".")[0] if cache.entries else "",
        "threshold": round(threshold, 6),
        "rule": f"val: lowest median frame score of a val kick clip, less {MARGIN_LOGIT} logit",
        "bias": float(b),
        "weights": [float(v) for v in w],
        "training": {"l2": L2, "steps": STEPS, "lr": LR, "pos_frames": int(len(pos)), "neg_frames": int(len(neg))},
        "metrics": metrics,
    }
    text = json.dumps(out, separators=(",", ":")) + "\n"
    out_path = os.path.join(a.model_dir, "candidate.json")
    with open(out_path, "w") as f:
        f.write(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    manifest_path = os.path.join(a.model_dir, "manifest.json")
    manifest = json.load(open(manifest_path))
    manifest["candidate"] = {"file": "candidate.json", "sha256": sha}
    json.dump(manifest, open(manifest_path, "w"), indent=2)
    open(manifest_path, "a").write("\n")
    print(f"candidate model: threshold {threshold:.4f} (lowest val kick median {lowest:.4f}); wrote {out_path}, sha256 {sha}")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
