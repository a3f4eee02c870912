#!/usr/bin/env bash
# Shared shell helpers for scripts/setup.sh, scripts/up.sh, scripts/test.sh and .ci/run.
# Local services keep their data under .data/; each one is skipped when its *_URL / endpoint is set.
set -euo pipefail
# MATCHCUT_TRACE=/path/file: a shell trace of these scripts, for when start or stop misbehaves.
if [[ -n "${MATCHCUT_TRACE:-}" ]]; then
  exec {trace_fd}>>"$MATCHCUT_TRACE"
  BASH_XTRACEFD=$trace_fd
  set -x
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/.data"
LOGS="$DATA/logs"
mkdir -p "$LOGS"

# Ports of the local services (change them if they clash with something on this machine).
PG_PORT="${MATCHCUT_PG_PORT:-55432}"
REDIS_PORT="${MATCHCUT_REDIS_PORT:-56379}"
S3_PORT="${MATCHCUT_S3_PORT:-59000}"

say() { printf '\033[1;36m[matchcut]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[matchcut] %s\033[0m\n' "$*" >&2; exit 1; }

# .env holds the generated admin password and any overrides; exported so every child sees them.
load_env() {
  if [[ -f "$ROOT/.env" ]]; then
    set -a
    # shellcheck disable=SC1091
    source "$ROOT/.env"
    set +a
  fi
  # .env may name this checkout's ports (several worktrees side by side): read them after it.
  PG_PORT="${MATCHCUT_PG_PORT:-55432}"
  REDIS_PORT="${MATCHCUT_REDIS_PORT:-56379}"
  S3_PORT="${MATCHCUT_S3_PORT:-59000}"
  # Which services are ours to start is decided before the defaults below fill the variables in.
  LOCAL_PG=$([[ -z "${DATABASE_URL:-}" ]] && echo 1 || echo 0)
  LOCAL_REDIS=$([[ -z "${REDIS_URL:-}" ]] && echo 1 || echo 0)
  LOCAL_S3=$([[ -z "${S3_ENDPOINT:-}" ]] && echo 1 || echo 0)
  [[ $LOCAL_PG == 1 ]] && export DATABASE_URL="postgresql://matchcut@127.0.0.1:$PG_PORT/matchcut"
  [[ $LOCAL_REDIS == 1 ]] && export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  [[ $LOCAL_S3 == 1 ]] && export S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
  export NEXT_TELEMETRY_DISABLED=1
  # The AWS SDK warns on every start that Node 20 support ends in 2027; once is in the README.
  export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
}

uses_local_pg() { [[ "${LOCAL_PG:-1}" == 1 ]]; }
uses_local_redis() { [[ "${LOCAL_REDIS:-1}" == 1 ]]; }
uses_local_s3() { [[ "${LOCAL_S3:-1}" == 1 ]]; }

# Explicit return codes throughout: a bare `return` in code run from a trap handler (the cleanup on
# Ctrl-C) returns the status from before the trap, e.g. 130 from the interrupted `wait`.
pg_bin() {
  local d
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return 0; fi
  for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }; done
  return 1
}

# Python modules the trainer imports (models/tools/*.py); Debian names them python3-<module>.
TRAINER_MODULES="torch onnx numpy"

# Installs what is missing with apt (as root or through passwordless sudo), else prints the exact command.
ensure_system_packages() {
  local want=() with_browser="${1:-}"
  command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || want+=(ffmpeg)
  if uses_local_redis; then command -v redis-server >/dev/null 2>&1 || want+=(redis-server); fi
  if uses_local_pg; then pg_bin >/dev/null 2>&1 || want+=(postgresql); fi
  if [[ "$with_browser" == "--browser" ]]; then [[ -x /usr/bin/chromium ]] || want+=(chromium); fi
  # The worker's helpers: setpriv (children die with the worker), chrt (idle-priority inference), nice
  # (the trainer), runuser (PostgreSQL as root); `ip` for the LAN test.
  command -v setpriv >/dev/null 2>&1 && command -v chrt >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1 || want+=(util-linux)
  command -v nice >/dev/null 2>&1 || want+=(coreutils)
  # The brand's cards and lower-thirds (issue #29) are drawn with a local font (BRAND_FONT_FILE's default).
  [[ -n "${BRAND_FONT_FILE:-}" || -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]] || want+=(fonts-dejavu-core)
  if uses_local_pg; then command -v psql >/dev/null 2>&1 || want+=(postgresql-client); fi
  if uses_local_pg && [[ $(id -u) -eq 0 ]]; then command -v useradd >/dev/null 2>&1 || want+=(passwd); fi
  if uses_local_redis; then command -v redis-cli >/dev/null 2>&1 || want+=(redis-tools); fi
  if [[ "$with_browser" == "--browser" ]]; then command -v ip >/dev/null 2>&1 || want+=(iproute2); fi
  # The retrain job's PyTorch trainer (TRAIN_PYTHON, Debian's python3 by default): retraining is a main
  # feature, so it is installed like ffmpeg. A TRAIN_PYTHON of your own is yours to equip.
  local mod
  if [[ "${TRAIN_PYTHON:-/usr/bin/python3}" == /usr/bin/python3 ]]; then
    [[ -x /usr/bin/python3 ]] || want+=(python3)
    for mod in $TRAINER_MODULES; do
      /usr/bin/python3 -c "import $mod" >/dev/null 2>&1 || want+=("python3-$mod")
    done
  fi
  ((${#want[@]} == 0)) && return 0
  local apt=""
  if [[ $(id -u) -eq 0 ]]; then apt="apt-get"; elif sudo -n true 2>/dev/null; then apt="sudo apt-get"; fi
  if [[ -z "$apt" ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "Missing system packages. Install them, then run this again:
    sudo apt-get update && sudo apt-get install -y ${want[*]}"
  fi
  say "installing system packages: ${want[*]}"
  $apt update -qq
  DEBIAN_FRONTEND=noninteractive $apt install -y -qq --no-install-recommends "${want[@]}" >"$LOGS/apt.log" 2>&1 ||
    { tail -20 "$LOGS/apt.log"; die "apt-get install ${want[*]} failed (log: $LOGS/apt.log)"; }
}

ensure_node() {
  local v
  v=$(node -p 'process.versions.node' 2>/dev/null) || die "Node.js 20.19+ is required (https://nodejs.org)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    die "Node.js 20.19+ is required, found $v"
}

ensure_npm_deps() {
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$ROOT/package-lock.json" -nt "$stamp" ]]; then
    say "installing npm dependencies"
    # Not `npm ci`: some registries (ours) lack other platforms' builds of optional packages (rollup,
    # @next/swc), which npm then cannot write into the lock, and `npm ci` calls such a lock out of sync.
    # `npm install` installs exactly the versions the lock pins and leaves it unchanged.
    npm install --no-audit --no-fund --loglevel=error
  fi
  # The Prisma CLI downloads a native schema engine at start-up unless this points at a file;
  # `generate` does not use it (see docs/architecture.md, "Database migrations").
  if [[ ! -f "$ROOT/lib/generated/prisma/client.ts" || "$ROOT/prisma/schema.prisma" -nt "$ROOT/lib/generated/prisma/client.ts" ]]; then
    prisma_generate
  fi
}

# lib/generated/prisma from prisma/schema.prisma, offline (also `npm run db:generate`).
prisma_generate() {
  say "generating the Prisma client"
  PRISMA_SCHEMA_ENGINE_BINARY="$(type -P true)" npx --no-install prisma generate >"$LOGS/prisma-generate.log" 2>&1 ||
    { cat "$LOGS/prisma-generate.log"; die "prisma generate failed"; }
}

ensure_dotenv() {
  if [[ ! -f "$ROOT/.env" ]]; then
    local pw
    pw=$(node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))')
    cat >"$ROOT/.env" <<EOT
# Written by the first \`npm run up\`. Every variable is documented in docs/configuration.md.
ADMIN_EMAIL=admin@matchcut.local
ADMIN_PASSWORD=$pw
EOT
    say "wrote .env with a generated admin password"
  fi
}

# --- local services -------------------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2 i
  for i in $(seq 1 100); do port_open "$port" && return 0; sleep 0.2; done
  die "$name did not start on port $port (see $LOGS/)"
}

# PostgreSQL refuses to run as root: as root we run it as the 'postgres' system user.
pg_run() {
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  uses_local_pg || return 0
  local bin dir="$DATA/postgres"
  if port_open $PG_PORT; then return 0; fi
  init_postgres
  bin=$(pg_bin)
  pg_run "$bin/pg_ctl" -D "$dir" -l "$LOGS/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $DATA/run" start >/dev/null ||
    { tail -20 "$LOGS/postgres.log"; die "PostgreSQL did not start"; }
}

# The data directory, created on first use (as the 'postgres' user when we are root).
init_postgres() {
  local bin dir="$DATA/postgres"
  bin=$(pg_bin) || die "PostgreSQL binaries not found"
  mkdir -p "$dir" "$DATA/run"
  [[ $(id -u) -eq 0 ]] && { id postgres >/dev/null 2>&1 || pg_run true; chown postgres "$dir" "$DATA/run"; chmod 700 "$dir"; touch "$LOGS/postgres.log"; chown postgres "$LOGS/postgres.log"; }
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    say "initialising PostgreSQL in .data/postgres"
    pg_run "$bin/initdb" -D "$dir" -U matchcut --auth=trust --encoding=UTF8 >"$LOGS/initdb.log" 2>&1 ||
      { cat "$LOGS/initdb.log"; die "initdb failed"; }
  fi
  return 0
}

ensure_database() {
  uses_local_pg || return 0
  local name=$1
  psql -h 127.0.0.1 -p $PG_PORT -U matchcut -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1 ||
    psql -h 127.0.0.1 -p $PG_PORT -U matchcut -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
}

stop_postgres() {
  uses_local_pg || return 0
  local bin
  bin=$(pg_bin) || return 0
  [[ -f "$DATA/postgres/postmaster.pid" ]] && pg_run "$bin/pg_ctl" -D "$DATA/postgres" -m fast -w stop >/dev/null 2>&1 || true
}

start_redis() {
  uses_local_redis || return 0
  port_open $REDIS_PORT && return 0
  mkdir -p "$DATA/redis"
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --dir "$DATA/redis" --appendonly yes \
    --daemonize yes --pidfile "$DATA/redis/redis.pid" --logfile "$LOGS/redis.log" --save "" >/dev/null
  wait_port $REDIS_PORT Redis
}

stop_redis() {
  uses_local_redis || return 0
  [[ -f "$DATA/redis/redis.pid" ]] && kill "$(cat "$DATA/redis/redis.pid")" 2>/dev/null || true
  local i; for i in $(seq 1 50); do port_open $REDIS_PORT || return 0; sleep 0.1; done
}

start_s3() {
  uses_local_s3 || return 0
  port_open $S3_PORT && return 0
  mkdir -p "$DATA/s3"
  # The default port lies in Linux's ephemeral range (32768-60999): a client socket of another process
  # may hold it for a moment (CI saw EADDRINUSE once). Such a socket closes, so try again a few times.
  local try i pid
  for try in 1 2 3 4 5; do
    # node itself, not npx: a signal must reach the server, not an npm/sh wrapper around it.
    nohup node --import tsx scripts/s3-server.ts "$S3_PORT" >"$LOGS/s3.log" 2>&1 &
    pid=$!
    echo $pid >"$DATA/s3.pid"
    for i in $(seq 1 100); do
      port_open $S3_PORT && return 0
      kill -0 $pid 2>/dev/null || break
      sleep 0.2
    done
    grep -q EADDRINUSE "$LOGS/s3.log" 2>/dev/null || break
    say "port $S3_PORT is held by another socket; starting the S3 server again in 3 s (try $try of 5)"
    sleep 3
  done
  die "S3 server (s3rver) did not start on port $S3_PORT (see $LOGS/)"
}

stop_s3() {
  uses_local_s3 || return 0
  [[ -f "$DATA/s3.pid" ]] && { stop_pids "$(cat "$DATA/s3.pid")"; rm -f "$DATA/s3.pid"; } || true
}

# The app's own processes (web, worker) run as `node …` children of these scripts. Stop them with TERM
# (they finish active jobs), then wait for those pids only: a bare `wait` would also wait for the
# S3 server, which runs in the background until stop_s3, and hang.
start_node() {
  local log=$1
  shift
  node "$@" >"$log" 2>&1 &
  NODE_PID=$!
}

stop_pids() {
  local p i
  for p in "$@"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for i in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
}

start_services() { start_postgres; start_redis; start_s3; }
stop_services() { stop_s3; stop_redis; stop_postgres; }

# A scratch environment for tests and benchmarks beside `npm run up`: starts the local services that are
# not running (and stops only those, and the pids in `pids`, on exit), then points DATABASE_URL at a fresh
# database matchcut_NAME, REDIS_URL at an emptied Redis db REDIS_DB, and S3_BUCKET at matchcut-NAME.
start_scratch_services() {
  local name=$1 db=$2
  started=()
  uses_local_pg && ! port_open $PG_PORT && started+=(postgres)
  uses_local_redis && ! port_open $REDIS_PORT && started+=(redis)
  uses_local_s3 && ! port_open $S3_PORT && started+=(s3)
  pids=()
  trap scratch_cleanup EXIT INT TERM
  start_services
  fresh_scratch "$name" "$db"
}

# Points DATABASE_URL, REDIS_URL and S3_BUCKET at an empty database matchcut_NAME, Redis db DB and bucket
# matchcut-NAME of the local services (external ones are left as they are). test.sh gives the e2e stage
# its own, so that what the integration tests left (labelled videos, queued jobs) is not in the app.
fresh_scratch() {
  local name=$1 db=$2
  if uses_local_pg; then
    psql -h 127.0.0.1 -p $PG_PORT -U matchcut -d postgres -qc "DROP DATABASE IF EXISTS matchcut_$name WITH (FORCE)" >/dev/null
    ensure_database "matchcut_$name"
    export DATABASE_URL="postgresql://matchcut@127.0.0.1:$PG_PORT/matchcut_$name"
  fi
  if uses_local_redis; then
    export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/$db"
    redis-cli -p $REDIS_PORT -n "$db" FLUSHDB >/dev/null
  fi
  if uses_local_s3; then export S3_BUCKET="matchcut-$name"; fi
  return 0
}

# The benchmarks' app (bench-e2e.sh, bench-scale.sh): scratch services (database matchcut_SCRATCH, Redis
# db REDIS_DB, bucket matchcut-SCRATCH), queue prefix …-NAME, a web build no older than the code, and
# `next start` on PORT. Workers are the caller's to start. A fifth argument `supervised` runs the web app
# under supervise (scripts/supervise.sh), restarted as `npm run up` restarts it (bench:load).
start_bench_app() {
  local name=$1 scratch=$2 redis_db=$3 port=$4 how=${5:-}
  start_scratch_services "$scratch" "$redis_db"
  export QUEUE_PREFIX="${QUEUE_PREFIX:-matchcut}-$name"
  export ADMIN_EMAIL=admin@bench.local ADMIN_PASSWORD="${BENCH_ADMIN_PASSWORD:-bench-admin-password}"
  export PORT="$port"
  export APP_URL="http://localhost:$PORT" LOG_LEVEL="${LOG_LEVEL:-warn}"
  npx --no-install tsx scripts/migrate.ts
  if [[ ! -f .next/BUILD_ID ]] || [[ -n "$(find app components lib next.config.js package-lock.json -newer .next/BUILD_ID -print -quit)" ]]; then
    say "building the web app"
    npx --no-install next build >"$LOGS/build-bench.log" 2>&1 || { tail -60 "$LOGS/build-bench.log"; die "next build failed"; }
  fi
  if [[ "$how" == supervised ]]; then
    supervise "$name-web" "$LOGS/web-$name.log" node node_modules/next/dist/bin/next start -p "$PORT"
    pids+=("$SUPERVISED_PID")
  else
    start_node "$LOGS/web-$name.log" node_modules/next/dist/bin/next start -p "$PORT"
    pids+=("$NODE_PID")
  fi
  wait_port $PORT "web app"
  return 0
}

scratch_cleanup() {
  local code=$?
  trap "" INT TERM
  trap - EXIT
  stop_pids "${pids[@]}"
  for s in "${started[@]}"; do "stop_$s"; done
  exit $code
}

# supervise, stop_supervised, supervise_services: `npm run up` restarts what exits (issue #23).
# shellcheck source=scripts/supervise.sh
source "$ROOT/scripts/supervise.sh"
