#!/usr/bin/env bash
# `npm run bench:load [-- --seconds N] [--chaos]` (issue #23): the load and chaos test (scripts/
# bench-load.ts) against an app of its own, set up like bench:e2e (scripts/lib.sh start_bench_app): a
# database matchcut_load (recreated each run), Redis db 5, queue prefix …-bench-load, bucket
# matchcut-load and port MATCHCUT_BENCH_PORT + 2, so it runs beside `npm run up` and `npm test`.
# Everything it starts listens on and is reached through loopback; it stops what it started. The web app
# and the worker run under scripts/supervise.sh, which restarts them when they exit.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
ensure_node
ensure_system_packages
ensure_npm_deps

if [[ " $* " == *" --chaos "* ]] && ! { uses_local_pg && uses_local_redis; }; then
  die "--chaos restarts PostgreSQL and Redis: it needs the local ones (unset DATABASE_URL and REDIS_URL)"
fi

: >"$LOGS/web-bench-load.log"
: >"$LOGS/worker-bench-load.log"
# Web and worker run under the product's supervisor (scripts/supervise.sh), as `npm run up` runs them:
# --chaos kills the worker with -9 and only the supervisor brings it back.
start_bench_app bench-load load 5 "$((${MATCHCUT_BENCH_PORT:-$((${MATCHCUT_TEST_PORT:-3100} + 100))} + 2))" supervised
supervise bench-load-worker "$LOGS/worker-bench-load.log" node --import tsx worker/index.ts
pids+=("$SUPERVISED_PID")
say "app on $APP_URL (logs: $LOGS/web-bench-load.log, $LOGS/worker-bench-load.log)"
# The bench finds the web and worker processes (RSS, the worker to kill) among this shell's descendants.
npx --no-install tsx scripts/bench-load.ts --root-pid $$ "$@"
