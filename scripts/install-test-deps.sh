#!/usr/bin/env bash
# Installs everything the test suite needs (apt packages, npm packages, data), as root.
# Each part of the project owns one script in .ci/setup.d/; all must succeed.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in .ci/setup.d/*.sh; do
  [ -e "$script" ] || continue
  echo "== setup: $script"
  bash "$script"
done
