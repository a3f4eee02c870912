"""Folds, configurations and judged timelines for the cross-validation by match (cv.py, train.py)."""
import csv
import hashlib
import os

import numpy as np

# Penalty matches, one per fold in this order (with 5 folds the sixth shares fold 1). Fixed before any
# fold was trained; the others' folds come from a hash of their match key.
PENALTY_ORDER = ["wc2022-bra-cro", "wc2022-arg-fra", "wc2022-jpn-cro", "wc2018-col-eng", "wc2022-ned-arg", "ucl2012-bay-che"]
# Clips the data README says may be the same fixture share a fold.
SAME_MATCH = {"soccer_broadcast_seriea_openplay": "seriea-int-nap"}

# What the ablation compares (issue #26 item 3/4); manifest training.config names the shipped one, and a
# manifest without it (1.2.0) was trained by BASELINE's recipe. BASELINE is 1.2.0's data and 4-s windows
# on the folds' training schedule (8 × 1,200 windows, 128 axes); 1.2.0 itself also had 15 × 2,000 windows
# at full width, crop/colour/low-res copies and an out-of-fold mining round, which 5 folds cannot afford here.
BASELINE = "1.2.0 recipe (4 s, no hard negatives)"
CONFIGS = {
    BASELINE: {"T": 16, "hard": False},
    "hard negatives": {"T": 16, "hard": True},
    "+ 8 s look-back": {"T": 32, "hard": True},
    "+ short-kick cuts": {"T": 16, "hard": True, "short_frac": 0.15},
}

# Non-penalty clips whose note names what looks most like the end of a penalty clip: a shot, a goal and
# its celebration, a free kick over a wall, a corner, a keeper's save. Oversampled as hard negatives.
HARD_WORDS = ("goal", "celebrat", "free kick", "corner", "shot", "save", "keeper", "wall")
SHORT_S = 1.5


def fold_key(group):
    return SAME_MATCH.get(group, group)


def hard_paths(cache):
    data = os.environ.get("MATCHCUT_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data"))
    rows = csv.DictReader(open(os.path.join(data, "manifest.csv"), newline=""))
    return {r["path"] for r in rows if r["label"] != "penalty" and any(w in r["note"].lower() for w in HARD_WORDS)}


def fold_plan(cache, K):
    judged = [e for e in cache.judged() if not e["overlay"]]
    fold = {}
    pen = [g for g in PENALTY_ORDER if any(e["group"] == g for e in judged)]
    unknown = sorted({e["group"] for e in judged if e["label"] == "penalty"} - set(pen))
    for i, g in enumerate(pen + unknown):
        fold[g] = i % K
    for e in judged:
        if e["group"] not in fold:
            key = fold_key(e["group"])
            fold[e["group"]] = fold[key] if key in fold else int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % K
    folds = []
    lines = [f"{K}-fold cross-validation by match (penalty matches: {', '.join(pen + unknown)}); each fold's head trains "
             f"without its judged and its validation matches; overlay clips and stills always train, never judged"]
    for k in range(K):
        test = sorted(g for g, f in fold.items() if f == k)
        val = sorted(g for g, f in fold.items() if f == (k + 1) % K)
        folds.append({"k": k, "test": test, "val": val})
        es = [e for e in judged if e["group"] in test]
        kicks = [e for e in es if e["label"] == "penalty"]
        bc = sum(len(e["x"]) for e in es if e["label"] != "penalty" and e["broadcast"]) / cache.rate / 60
        allm = sum(len(e["x"]) for e in es if e["label"] != "penalty") / cache.rate / 60
        pm = sorted({e["group"] for e in kicks})
        lines.append(f"  fold {k + 1}: judged {len(test)} matches — kicks {len(kicks)} ({', '.join(pm) or 'none'}), "
                     f"non-penalty {allm:.2f} min ({bc:.2f} broadcast); operating point chosen on fold {(k + 1) % K + 1}")
    h = hashlib.sha256(str(K).encode())
    for e in sorted(cache.entries, key=lambda e: (e["path"], e["variant"], e["rate"])):
        # The file name carries the features' key (backbone, pre-processing, sampler): heads trained on
        # one sampler's features are not reused for another's.
        h.update(f'{e["path"]}|{e["sha256"]}|{e["variant"]}|{e["rate"]}|{e["file"]}|{fold.get(e["group"], -1)}\n'.encode())
    h.update(open(os.path.join(os.path.dirname(__file__), "dataset.py"), "rb").read())
    return {"folds": folds, "fold": fold, "summary": "\n".join(lines), "fingerprint": h.hexdigest()}


def judged_timeline(cache, groups, seed, piece_s=15.0):
    """The judged clips of these matches back to back at the serving rate, as a broadcast cuts: non-penalty
    clips (longer ones cut into pieces of about `piece_s`) in a fixed shuffled order, each kick put
    between two of them, spread evenly. Returns the features and where every piece is."""
    rng = np.random.default_rng(1000 + seed)
    es = [e for e in cache.judged(groups) if not e["overlay"]]
    bg, kicks = [], []
    for e in sorted(es, key=lambda e: e["path"]):
        if e["label"] == "penalty":
            kicks.append((e, e["x"]))
            continue
        n = len(e["x"])
        step = int(piece_s * cache.rate)
        parts = max(1, round(n / step))
        bounds = np.linspace(0, n, parts + 1).astype(int)
        bg += [(e, e["x"][a:b]) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
    order = rng.permutation(len(bg))
    bg = [bg[i] for i in order]
    # Kick i goes after background piece slots[i]: spread evenly, never before the first piece.
    slots = [int((i + 1) * len(bg) / (len(kicks) + 1)) for i in range(len(kicks))] if bg else [0] * len(kicks)
    seq, pieces, t = [], [], 0
    kick_at = {}
    for i, s in enumerate(slots):
        kick_at.setdefault(s, []).append(kicks[i])
    for i in range(len(bg) + 1):
        for e, x in kick_at.get(i, []):
            pieces.append({"kind": "kick", "path": e["path"], "group": e["group"], "start": t / cache.rate,
                           "end": (t + len(x)) / cache.rate, "durationS": len(x) / cache.rate,
                           "short": bool(e["durationS"] < SHORT_S)})
            seq.append(x)
            t += len(x)
        if i < len(bg):
            e, x = bg[i]
            pieces.append({"kind": "background", "path": e["path"], "group": e["group"], "start": t / cache.rate,
                           "end": (t + len(x)) / cache.rate, "broadcast": bool(e["broadcast"])})
            seq.append(x)
            t += len(x)
    x = np.concatenate(seq) if seq else np.zeros((0, cache.dim), np.float32)
    return {"x": x, "rate": cache.rate, "durationS": len(x) / cache.rate, "pieces": pieces}
