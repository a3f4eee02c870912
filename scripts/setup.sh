#!/usr/bin/env bash
# Everything `npm run up` and `npm test` need before they start: system packages, npm deps, Prisma client.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
ensure_node
ensure_system_packages "${1:-}"
ensure_npm_deps
