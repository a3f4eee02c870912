"""Folds, configurations and judged timelines for the cross-validation by match (cv.py, train.py)."""
import csv
import hashlib
import os

import numpy as np

from cvconfigs import BASELINE, CONFIGS  # noqa: F401 (re-exported for cv.py, train.py)

# Penalty matches, one per fold in this order (with 5 folds the sixth shares fold 1). Fixed before any
# fold was trained; the others' folds come from a hash of their match key.
PENALTY_ORDER = ["wc2022-bra-cro", "wc2022-arg-fra", "wc2022-jpn-cro", "wc2018-col-eng", "wc2022-ned-arg", "ucl2012-bay-che"]
# Clips the data README says may be the same fixture share a fold.
SAME_MATCH = {"soccer_broadcast_seriea_openplay": "seriea-int-nap"}

# Non-penalty clips whose note names what looks most like the end of a penalty clip: a shot, a goal and
# its celebration, a free kick over a wall, a corner, a keeper's save. Oversampled as hard negatives.
HARD_WORDS = ("goal", "celebrat", "free kick", "corner", "shot", "save", "keeper", "wall")
SHORT_S = 1.5
# Footage between two kicks of a judged timeline: a 4-s window, the 1-s rolls and the 2-s merge gap, with
# room, so that two kicks can be two highlights.
MIN_GAP_S = 12.0


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
    for f in ("dataset.py", "cvdata.py"):  # windows and judged timelines: the fold heads' scores depend on both
        h.update(open(os.path.join(os.path.dirname(__file__), f), "rb").read())
    return {"folds": folds, "fold": fold, "summary": "\n".join(lines), "fingerprint": h.hexdigest()}


def judged_timeline(cache, groups, seed, piece_s=15.0):
    """The judged clips of these matches back to back at the serving rate, as a broadcast cuts: non-penalty
    clips (longer ones cut into pieces of about `piece_s`) in a fixed shuffled order, each kick put
    between two of them, spread evenly, with at least MIN_GAP_S of footage between kicks. Returns the
    features and where every piece is."""
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
    kick_at = {}
    for i, s in enumerate(slots):
        kick_at.setdefault(s, []).append(kicks[i])
    seq, pieces = [], []
    t, gap, fill = 0, 0, 0

    def put(e, x, piece):
        nonlocal t
        pieces.append({"path": e["path"], "group": e["group"], "start": t / cache.rate, "end": (t + len(x)) / cache.rate,
                       **piece})
        seq.append(x)
        t += len(x)

    def spacing():
        # Filler: judged pieces played again so that kicks stay MIN_GAP_S apart (a fold with 17 kicks and
        # 2.6 min of footage put kicks 3 s apart, and one highlight then covered two). Filler is never
        # judged: no minutes, no false highlights (cv-judge.ts, cvreport.py).
        nonlocal gap, fill
        while bg and gap < MIN_GAP_S * cache.rate:
            e, x = bg[fill % len(bg)]
            fill += 1
            put(e, x, {"kind": "background", "broadcast": bool(e["broadcast"]), "filler": True})
            gap += len(x)

    for i in range(len(bg) + 1):
        for e, x in kick_at.get(i, []):
            spacing()
            put(e, x, {"kind": "kick", "durationS": len(x) / cache.rate, "short": bool(e["durationS"] < SHORT_S)})
            gap = 0
        if i < len(bg):
            e, x = bg[i]
            put(e, x, {"kind": "background", "broadcast": bool(e["broadcast"])})
            gap += len(x)
    if kicks:
        spacing()
    x = np.concatenate(seq) if seq else np.zeros((0, cache.dim), np.float32)
    return {"x": x, "rate": cache.rate, "durationS": len(x) / cache.rate, "pieces": pieces}
