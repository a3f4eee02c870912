#!/usr/bin/env bash
# Command 2 of the README (`npm test`): lint, types, formatting, unit, integration and e2e tests.
# Uses its own database, Redis db, bucket and port, so it can run beside `npm run up`.
# `npm test -- STAGE [FILE…]` runs one stage only (static, unit, integration, faults or e2e), on those files if
# named. `faults` (also `npm run test:faults`) kills workers and stops a private Redis (issue #16).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
STAGE="${1:-all}"
[[ $# -gt 0 ]] && shift
case "$STAGE" in all | static | unit | integration | faults | e2e) ;; *) die "unknown stage '$STAGE' (static, unit, integration, faults, e2e)" ;; esac
wants() { [[ "$STAGE" == all || "$STAGE" == "$1" ]]; }
load_env
ensure_node
ensure_system_packages --browser
ensure_npm_deps

if wants static; then
  say "lint, types, formatting"
  npx --no-install eslint . --max-warnings 0
  npx --no-install tsc --noEmit
  npx --no-install prettier --check . --log-level warn
  say "docs/architecture.md's job graph is the one lib/pipeline/graph.ts declares (npm run docs)"
  npx --no-install tsx scripts/docs.ts --check
  say "system programs and Python modules the code calls are all installed by ensure_system_packages"
  npx --no-install tsx scripts/check-fresh.ts >"$LOGS/check-fresh.log" || { cat "$LOGS/check-fresh.log"; exit 1; }
  tail -1 "$LOGS/check-fresh.log"
fi

if wants unit; then
  say "unit tests"
  npx --no-install vitest run --project unit "$@"
fi
wants integration || wants faults || wants e2e || exit 0

start_scratch_services test 1
export QUEUE_PREFIX="${QUEUE_PREFIX:-matchcut-test}"
export ADMIN_EMAIL=admin@test.local ADMIN_PASSWORD=test-admin-password
# The HLS test servers listen on loopback, which live URLs may not point at otherwise (lib/security/ssrf.ts).
export LIVE_ALLOW_HOSTS="${LIVE_ALLOW_HOSTS:-127.0.0.1}"
# The retrain tests wait for the PyTorch trainer: at the product's nice 19 it would wait for every other
# process on a shared machine.
export TRAIN_NICE="${TRAIN_NICE:-0}"
export PORT="${MATCHCUT_TEST_PORT:-3100}"
export APP_URL="http://localhost:$PORT" LOG_LEVEL="${LOG_LEVEL:-warn}"
npx --no-install tsx scripts/migrate.ts

if wants integration; then
  say "integration tests"
  npx --no-install vitest run --project integration "$@"
fi
if wants faults; then
  say "fault tests (kill -9 a worker, Redis outage, delete during analysis)"
  npx --no-install vitest run --project faults "$@"
fi
wants e2e || exit 0

say "building the web app"
npx --no-install next build >"$LOGS/build-test.log" 2>&1 || { tail -60 "$LOGS/build-test.log"; die "next build failed"; }

say "e2e tests (Chromium)"
# A fresh database, Redis db and bucket: the app starts as a new instance would, without the integration
# and fault tests' videos (a retrain would learn from their labels) or their leftover jobs.
fresh_scratch e2e 4
npx --no-install tsx scripts/migrate.ts >/dev/null
start_node "$LOGS/web-test.log" node_modules/next/dist/bin/next start -p "$PORT"
pids+=("$NODE_PID")
start_node "$LOGS/worker-test.log" --import tsx worker/index.ts
pids+=("$NODE_PID")
wait_port $PORT "web app"
npx --no-install playwright test "$@"
