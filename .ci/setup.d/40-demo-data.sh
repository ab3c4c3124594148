#!/usr/bin/env bash
# The examples module's tests and the quick demo read the emoji styles and Fashion-MNIST from data/.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq nodejs npm
fi
bash scripts/fetch-data.sh
