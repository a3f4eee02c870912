#!/usr/bin/env bash
# Sourced by train.sh / eval.sh: the model tools run Debian's /usr/bin/python3 with python3-torch,
# python3-onnx and python3-numpy. The same ensure_system_packages as `npm run up` and `npm test` installs
# them (scripts/lib.sh), with the same apt logic and the same message when it cannot.
# In a subshell: scripts/lib.sh sets DATA (its .data folder), which is the data folder's name in the
# callers; sourced into them, model:eval read .data/manifest.csv instead of ../shared/data's.
ensure_python_deps() {
  (
    # shellcheck source=scripts/lib.sh
    source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
    load_env
    TRAIN_PYTHON=/usr/bin/python3 ensure_system_packages
  )
}
