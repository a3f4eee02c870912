#!/usr/bin/env bash
# npm run model:eval — held-out (test split) metrics and the match test, through the product's code.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # keep models/tools free of __pycache__
cd "$(dirname "$0")/../.."
DATA="${MATCHCUT_DATA:-../shared/data}"
CACHE=.data/model-cache
MODEL="${1:-penalty-lstm}"
# shellcheck source=models/tools/python-deps.sh
source models/tools/python-deps.sh
ensure_python_deps
# Only the test split's features are read here (train.sh extracts them all again before training).
LOG_LEVEL=warn npx tsx models/tools/extract-features.ts --data "$DATA" --out "$CACHE" --split test >/dev/null
LOG_LEVEL=warn npx tsx models/tools/score-test.ts --split test --cache "$CACHE" --model "$MODEL" --out "$CACHE/test-scores.json"
npx tsx models/tools/build-match.ts --data "$DATA" --out "$CACHE/match"
VIDEO="$CACHE/match/match.mp4"
echo "match test: npm run detect -- $VIDEO --json --model $MODEL" >&2
start=$(date +%s%N)
LOG_LEVEL=warn npm run --silent detect -- "$VIDEO" --json --model "$MODEL" --scores "$CACHE/match/scores.json" > "$CACHE/match/detect.json"
end=$(date +%s%N)
echo "detect took $(((end - start) / 1000000)) ms" >&2
/usr/bin/python3 models/tools/report.py "$CACHE/test-scores.json" "$CACHE/match/truth.json" "$CACHE/match/detect.json" --out "$CACHE/eval-metrics.json" --manifest "models/$MODEL/manifest.json"
echo "boundaries on the match test, with and without localising edges inside the windows:" >&2
npx tsx models/tools/boundaries.ts "$CACHE/match/truth.json" "$CACHE/match/scores.json" --model "$MODEL"
