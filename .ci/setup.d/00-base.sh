#!/usr/bin/env bash
# Java 17 and Maven are needed by everything; the shared fixtures must be beside the checkout.
set -euo pipefail
command -v mvn >/dev/null && command -v java >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven
}
test -f ../shared/fixtures/tiny_clip/model.pt || { echo "missing ../shared/fixtures (the oracles the tests compare against)" >&2; exit 1; }
