#!/usr/bin/env bash
# Command 1 of the README: brings the whole app up on this machine. Ctrl-C stops everything; data stays in .data/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_dotenv
load_env
ensure_node
ensure_system_packages
ensure_npm_deps

start_services
ensure_database matchcut
npx --no-install tsx scripts/migrate.ts

PORT="${PORT:-3000}"
export PORT APP_URL="${APP_URL:-http://localhost:$PORT}"
if [[ ! -f .next/BUILD_ID ]] || [[ -n "$(find app components lib -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]]; then
  say "building the web app (first run takes a few minutes)"
  npx --no-install next build >"$LOGS/build.log" 2>&1 || { tail -40 "$LOGS/build.log"; die "next build failed"; }
fi

pids=()
cleanup() {
  # npm relays Ctrl-C as a second signal: ignore it, or it would cut this cleanup short.
  trap "" INT TERM
  trap - EXIT
  say "stopping"
  stop_pids "${pids[@]}"
  stop_services
}
trap cleanup INT TERM EXIT

start_node "$LOGS/web.log" node_modules/next/dist/bin/next start -p "$PORT"
pids+=("$NODE_PID")
start_node "$LOGS/worker.log" --import tsx worker/index.ts
pids+=("$NODE_PID")
wait_port "$PORT" "web app"

say "Matchcut is running at $APP_URL"
say "sign in as ${ADMIN_EMAIL:-admin@matchcut.local} / ${ADMIN_PASSWORD:-(ADMIN_PASSWORD is not set: see .env)}"
say "logs: .data/logs/{web,worker}.log — press Ctrl-C to stop"
wait -n "${pids[@]}" || true
say "a process exited; see .data/logs/"
