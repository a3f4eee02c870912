#!/usr/bin/env bash
# Sourced by train.sh / eval.sh: Debian's python3-torch, python3-onnx and python3-numpy, installed with
# apt when missing (as root or through passwordless sudo, like scripts/lib.sh does for ffmpeg), else
# the exact command to run is printed.
ensure_python_deps() {
  local want=() mod pkg apt=""
  for pair in torch:python3-torch onnx:python3-onnx numpy:python3-numpy; do
    mod=${pair%%:*} pkg=${pair#*:}
    /usr/bin/python3 -c "import $mod" >/dev/null 2>&1 || want+=("$pkg")
  done
  ((${#want[@]} == 0)) && return 0
  if [[ $(id -u) -eq 0 ]]; then apt="apt-get"; elif sudo -n true 2>/dev/null; then apt="sudo apt-get"; fi
  if [[ -z "$apt" ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing Python packages for model tooling. Install them, then run this again:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${want[*]}" >&2
    exit 1
  fi
  echo "installing ${want[*]} (apt)" >&2
  $apt update -qq
  DEBIAN_FRONTEND=noninteractive $apt install -y -qq --no-install-recommends "${want[@]}" >&2
}
