#!/usr/bin/env bash
# npm run model:eval [-- --cv K] [--ablation] | [-- --candidate] — cross-validation by match (issue #26): K heads, each
# trained without two folds of matches, the operating point chosen on one, the other judged; prints
# false highlights per 10 min of broadcast non-penalty footage, recall per match and on clips < 1.5 s,
# boundary error, precision@k and ECE, each with a 90 % bootstrap-by-match interval.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # keep models/tools free of __pycache__
cd "$(dirname "$0")/../.."
DATA_DIR="${MATCHCUT_DATA:-../shared/data}"  # lib.sh (python-deps.sh) sets its own DATA
CACHE=.data/model-cache
# shellcheck source=models/tools/python-deps.sh
source models/tools/python-deps.sh
ensure_python_deps
LOG_LEVEL=warn npx tsx models/tools/extract-features.ts --data "$DATA_DIR" --out "$CACHE" >&2
if [[ "${1:-}" == "--candidate" ]]; then
  # Issue #28: the coarse pass's candidate model on the held-out test split (it trains on train, its
  # threshold comes from val). Fast-against-full recall on a whole match: npm run bench -- --minutes 30.
  MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/candidate.py --cache "$CACHE" --model-dir models/penalty-lstm --report test
  exit 0
fi
args=("$@")
[[ " ${args[*]} " == *" --cv "* ]] || args=(--cv 5 "${args[@]}")
MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/cv.py --cache "$CACHE" --out "$CACHE/cv-eval.json" "${args[@]}"
