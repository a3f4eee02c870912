#!/usr/bin/env bash
# npm run model:train — rebuild the committed head from ../shared/data.
# Features come from the product's own decode + backbone code (cached under .data/model-cache/).
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # keep models/tools free of __pycache__
cd "$(dirname "$0")/../.."
DATA="${MATCHCUT_DATA:-../shared/data}"
CACHE=.data/model-cache
mkdir -p "$CACHE"
echo "[1/2] feature extraction (cached per file/variant in $CACHE/features)" >&2
LOG_LEVEL=warn npx tsx models/tools/extract-features.ts --data "$DATA" --out "$CACHE"
echo "[2/2] training (Debian python3-torch)" >&2
# Pass --ablation (npm run model:train -- --ablation) to also retrain once per removed augmentation
# (~8 more trainings, ~10-20 min here); the manifest keeps the last ablation table otherwise.
/usr/bin/python3 -u models/tools/train.py --cache "$CACHE" "$@"
