"""Binary/multi-class metrics in numpy (no scikit-learn on this machine)."""
import numpy as np


def roc_auc(y, s):
    order = np.argsort(s, kind="mergesort")
    s, y = s[order], y[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    pos = y == 1
    n1, n0 = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def pr_auc(y, s):
    """Average precision (step-wise area under the precision-recall curve)."""
    order = np.argsort(-s, kind="mergesort")
    y = y[order]
    tp = np.cumsum(y)
    prec = tp / np.arange(1, len(y) + 1)
    return float((prec * y).sum() / max(1, y.sum()))


def per_class(y, pred, labels):
    out = {}
    for c, name in enumerate(labels):
        tp = int(((pred == c) & (y == c)).sum())
        fp = int(((pred == c) & (y != c)).sum())
        fn = int(((pred != c) & (y == c)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[name] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": int((y == c).sum())}
    return out


def confusion(y, pred, n):
    m = np.zeros((n, n), int)
    for a, b in zip(y, pred):
        m[a, b] += 1
    return m.tolist()


def best_f1_threshold(y, s, lo=0.2, hi=0.95):
    best = (0.0, 0.5)
    for t in np.arange(lo, hi + 1e-9, 0.01):
        pred = (s >= t).astype(int)
        tp = ((pred == 1) & (y == 1)).sum()
        fp = ((pred == 1) & (y == 0)).sum()
        fn = ((pred == 0) & (y == 1)).sum()
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        if f1 > best[0] + 1e-9:
            best = (float(f1), float(round(t, 2)))
    return best


def ece(y, p, bins=10):
    """Expected calibration error of P(penalty): bin by score, weigh |mean score - share of penalties|."""
    y, p = np.asarray(y, float), np.asarray(p, float)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(p) * abs(p[m].mean() - y[m].mean())
    return float(total)


def fit_temperature(y, z, lo=0.25, hi=50.0):
    """Temperature minimising the negative log-likelihood of sigmoid(z / T) (log-spaced grid search)."""
    y = np.asarray(y, float)
    best = (np.inf, 1.0)
    for t in np.exp(np.linspace(np.log(lo), np.log(hi), 400)):
        q = z / t
        nll = float(np.mean(np.logaddexp(0, q) - y * q))  # -log sigmoid(q) for y=1, -log(1-sigmoid) for 0
        if nll < best[0]:
            best = (nll, float(t))
    return best[1]
