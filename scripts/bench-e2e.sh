#!/usr/bin/env bash
# `npm run bench:e2e [-- --minutes N]`: the end-to-end benchmark (scripts/bench-e2e.ts) against an app of
# its own, set up like scripts/test.sh: its own database (matchcut_bench, recreated each run), Redis db
# and queue prefix, bucket and port, so it runs beside `npm run up` and `npm test` without sharing a
# queue with them. Starts the local services it needs, builds the web app when the build is missing or
# older than the code, starts `next start` and one worker (`npm run worker`, as in production), runs the
# measurements, and stops what it started.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
ensure_node
ensure_system_packages
ensure_npm_deps

start_scratch_services bench 2
export QUEUE_PREFIX="${QUEUE_PREFIX:-matchcut}-bench-e2e"
export ADMIN_EMAIL=admin@bench.local ADMIN_PASSWORD="${BENCH_ADMIN_PASSWORD:-bench-admin-password}"
export PORT="${MATCHCUT_BENCH_PORT:-$((${MATCHCUT_TEST_PORT:-3100} + 100))}"
export APP_URL="http://localhost:$PORT" LOG_LEVEL="${LOG_LEVEL:-warn}"
npx --no-install tsx scripts/migrate.ts

if [[ ! -f .next/BUILD_ID ]] || [[ -n "$(find app components lib next.config.js package-lock.json -newer .next/BUILD_ID -print -quit)" ]]; then
  say "building the web app"
  npx --no-install next build >"$LOGS/build-bench.log" 2>&1 || { tail -60 "$LOGS/build-bench.log"; die "next build failed"; }
fi

start_node "$LOGS/web-bench.log" node_modules/next/dist/bin/next start -p "$PORT"
pids+=("$NODE_PID")
start_node "$LOGS/worker-bench.log" --import tsx worker/index.ts
WORKER_PID=$NODE_PID
pids+=("$NODE_PID")
wait_port $PORT "web app"
say "app on $APP_URL, worker pid $WORKER_PID (logs: $LOGS/web-bench.log, $LOGS/worker-bench.log)"
npx --no-install tsx scripts/bench-e2e.ts "$@"
