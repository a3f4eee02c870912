#!/usr/bin/env bash
# npm run model:train — rebuild the committed head from ../shared/data.
# Features come from the product's own decode + backbone code (cached under .data/model-cache/).
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # keep models/tools free of __pycache__
cd "$(dirname "$0")/../.."
DATA="${MATCHCUT_DATA:-../shared/data}"
CACHE=.data/model-cache
mkdir -p "$CACHE"
# shellcheck source=models/tools/python-deps.sh
source models/tools/python-deps.sh
ensure_python_deps
echo "[1/3] feature extraction (cached per file/variant in $CACHE/features)" >&2
LOG_LEVEL=warn npx tsx models/tools/extract-features.ts --data "$DATA" --out "$CACHE"
echo "[2/3] training: round 1, hard-negative round 2, temperature on val (Debian python3-torch)" >&2
# Pass --ablation (npm run model:train -- --ablation) to also retrain once per removed augmentation
# (~8 more trainings, ~10-20 min here); the manifest keeps the last ablation table otherwise.
/usr/bin/python3 -u models/tools/train.py --cache "$CACHE" "$@"
echo "[3/3] operating point on val for a false-highlight budget (product scoring + segments)" >&2
LOG_LEVEL=warn npx tsx models/tools/operating-point.ts --cache "$CACHE" --budget 1
