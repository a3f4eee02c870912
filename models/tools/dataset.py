"""Window construction from the cached per-frame features (see extract-features.ts).

Training windows are T frames at the serving rate. Clips are cached at 2x that rate, so a sequence
is drawn with a phase (temporal jitter) and a step (speed: 1 = 0.5x, 2 = 1x, 3 = 1.5x).
Penalty clips shorter than a window are embedded whole at a random offset, with either edge
padding (the set-up / aftermath held still) or real background footage around them (a cut).
"""
import json
import os

import numpy as np

T_DEFAULT = 16


class Cache:
    def __init__(self, cache_dir):
        d = os.path.join(cache_dir, "features")
        meta = json.load(open(os.path.join(d, "index.json")))
        self.dim = meta["dim"]
        self.rate = meta["sampleRate"]
        self.entries = meta["entries"]
        for e in self.entries:
            e["x"] = np.fromfile(os.path.join(d, e["file"]), dtype=np.float32).reshape(-1, self.dim)

    def select(self, split, kind=None, label=None, variants=None):
        return [
            e for e in self.entries
            if e["split"] == split and (kind is None or e["kind"] == kind) and (label is None or e["label"] == label)
            and (variants is None or e["variant"] in variants) and len(e["x"]) > 0
        ]

    def training(self, kind=None, label=None, variants=None, exclude=()):
        """The copies a head trains on: penalty clips at 2x the serving rate, non-penalty clips as served
        (extract-features.ts), stills, from every match not in `exclude` (held-out cross-validation folds)."""
        return [
            e for e in self.entries
            if (e["kind"] == "still" or e["rate"] > self.rate or e["label"] == "background") and e["group"] not in exclude
            and (kind is None or e["kind"] == kind) and (label is None or e["label"] == label)
            and (variants is None or e["variant"] in variants) and len(e["x"]) > 0
        ]

    def judged(self, groups=None):
        """The copies serving would score: each clip's original at the serving rate."""
        return [
            e for e in self.entries
            if e["kind"] == "clip" and e["variant"] == "orig" and e["rate"] == self.rate and len(e["x"]) > 0
            and (groups is None or e["group"] in groups)
        ]


def pad_to(seq, T, rng, context=None):
    """Embed a short sequence in a T window: edge padding, or real context around it."""
    n = len(seq)
    off = int(rng.integers(0, T - n + 1))
    if context is not None and len(context) >= T:
        c0 = int(rng.integers(0, len(context) - T + 1))
        win = context[c0:c0 + T].copy()
    else:
        win = np.empty((T, seq.shape[1]), np.float32)
        win[:off] = seq[0]
        win[off + n:] = seq[-1]
    win[off:off + n] = seq
    return win


def draw_seq(e, rng, speed, base_rate):
    x = e["x"]
    factor = max(1, int(round(e["rate"] / base_rate)))
    if e["kind"] == "still" or factor == 1:
        return x
    step = int(rng.choice([1, 2, 3], p=[0.2, 0.6, 0.2])) if speed else factor
    phase = int(rng.integers(0, step)) if speed else 0
    return x[phase::step]


def random_window(seq, T, rng):
    if len(seq) <= T:
        return pad_to(seq, T, rng)
    s = int(rng.integers(0, len(seq) - T + 1))
    return seq[s:s + T]


def still_window(stills_by_group, T, rng):
    groups = list(stills_by_group)
    g = stills_by_group[groups[int(rng.integers(0, len(groups)))]]
    if rng.random() < 0.4:
        return np.repeat(g[int(rng.integers(0, len(g)))]["x"], T, axis=0)
    win, t = [], 0
    while t < T:  # stills of one match, each held 2-6 frames: like broadcast cuts
        hold = int(rng.integers(2, 7))
        win.extend([g[int(rng.integers(0, len(g)))]["x"][0]] * hold)
        t += hold
    return np.stack(win[:T])


def hard_negative_pool(cache, T, stride, variants, groups, paths=None):
    """Every non-penalty training window of these groups (and, given `paths`, only of these files) the
    product would score: background clips on the serving grid at both 4 fps phases of their 8 fps cache,
    and each still as a static window."""
    wins = []
    for e in cache.training(None, "background", variants):
        if e["group"] not in groups or (paths is not None and e["path"] not in paths):
            continue
        if e["kind"] == "still":
            wins.append(np.repeat(e["x"][:1], T, axis=0)[None])
            continue
        factor = max(1, int(round(e["rate"] / cache.rate)))
        for phase in range(factor):
            w = product_windows(e["x"][phase::factor], T, stride)
            if len(w):
                wins.append(w)
    return np.concatenate(wins) if wins else np.empty((0, T, cache.dim), np.float32)


def training_windows(cache, n, T, rng, variants, speed, pen_frac=0.4, hard=None, hard_frac=0.0, without=(),
                     short_frac=0.0, short_s=1.5):
    """`without`: matches left out (the held-out folds of a cross-validation), penalties and others alike.
    `short_frac`: share of windows that are a kick clip shorter than `short_s` (only the strike) cut into
    real non-penalty footage on both sides, as an editor's tight cut sits in a broadcast."""
    pens = cache.training("clip", "penalty", variants, without)
    bgs = cache.training("clip", "background", variants, without)
    stills = cache.training("still", None, variants, without)
    shorts = [e for e in pens if e.get("durationS", 99) < short_s]
    by_group = {}
    for s in stills:
        by_group.setdefault(s["group"], []).append(s)
    X = np.empty((n, T, cache.dim), np.float32)
    y = np.empty(n, np.int64)
    base = cache.rate
    for i in range(n):
        r = rng.random()
        if short_frac and shorts and rng.random() < short_frac:
            seq = draw_seq(shorts[int(rng.integers(0, len(shorts)))], rng, speed, base)
            ctx = draw_seq(bgs[int(rng.integers(0, len(bgs)))], rng, speed, base)
            X[i] = pad_to(seq[:T], T, rng, ctx)
            y[i] = 1
        elif hard is not None and len(hard) and rng.random() < hard_frac:
            # Hard negatives: training windows the previous round scored as penalties.
            X[i] = hard[int(rng.integers(0, len(hard)))]
            y[i] = 0
        elif r < pen_frac:
            seq = draw_seq(pens[int(rng.integers(0, len(pens)))], rng, speed, base)
            if len(seq) < T:
                ctx = None
                if rng.random() < 0.5:
                    ctx = draw_seq(bgs[int(rng.integers(0, len(bgs)))], rng, speed, base)
                X[i] = pad_to(seq, T, rng, ctx)
            else:
                X[i] = random_window(seq, T, rng)
            y[i] = 1
        elif r < pen_frac + 0.35:
            X[i] = random_window(draw_seq(bgs[int(rng.integers(0, len(bgs)))], rng, speed, base), T, rng)
            y[i] = 0
        elif r < pen_frac + 0.5:
            a = random_window(draw_seq(bgs[int(rng.integers(0, len(bgs)))], rng, speed, base), T, rng)
            b = still_window(by_group, T, rng)
            cut = int(rng.integers(1, T))
            X[i] = np.concatenate([a[:cut], b[cut:]])
            y[i] = 0
        else:
            X[i] = still_window(by_group, T, rng)
            y[i] = 0
    return X, y


def product_windows(x, T, stride):
    """The serving grid (worker/analysis/windows.ts): full windows at multiples of stride, or one
    window padded with the last frame when the whole source is shorter than T."""
    n = len(x)
    if n == 0:
        return np.empty((0, T, x.shape[1]), np.float32)
    if n < T:
        return np.concatenate([x, np.repeat(x[-1:], T - n, axis=0)])[None]
    return np.stack([x[s:s + T] for s in range(0, n - T + 1, stride)])


def eval_windows(cache, split, T, stride):
    """Every window the product would score on each held-out file (stills: one static window)."""
    X, y, src = [], [], []
    for e in cache.select(split, variants=["orig"]):
        w = np.repeat(e["x"][:1], T, axis=0)[None] if e["kind"] == "still" else product_windows(e["x"], T, stride)
        X.append(w)
        y += [1 if e["label"] == "penalty" else 0] * len(w)
        src += [e["path"]] * len(w)
    return np.concatenate(X), np.array(y), src
