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

started=()
uses_local_pg && ! port_open $PG_PORT && started+=(postgres)
uses_local_redis && ! port_open $REDIS_PORT && started+=(redis)
uses_local_s3 && ! port_open $S3_PORT && started+=(s3)
pids=()
cleanup() {
  local code=$?
  trap "" INT TERM
  trap - EXIT
  stop_pids "${pids[@]}"
  for s in "${started[@]}"; do "stop_$s"; done
  exit $code
}
trap cleanup EXIT INT TERM
start_services

if uses_local_pg; then
  psql -h 127.0.0.1 -p $PG_PORT -U matchcut -d postgres -qc 'DROP DATABASE IF EXISTS matchcut_bench WITH (FORCE)' >/dev/null
  ensure_database matchcut_bench
  export DATABASE_URL="postgresql://matchcut@127.0.0.1:$PG_PORT/matchcut_bench"
fi
if uses_local_redis; then
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/2"
  redis-cli -p $REDIS_PORT -n 2 FLUSHDB >/dev/null
fi
uses_local_s3 && export S3_BUCKET=matchcut-bench
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
