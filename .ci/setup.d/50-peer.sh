#!/usr/bin/env bash
# examples: the PyTorch peer of TrainStepBench (examples/peer/torch_peer_bench.py), Debian's torch with the
# optimised BLAS it needs (without libopenblas0-pthread it multiplies with the reference BLAS).
set -euo pipefail
if ! /usr/bin/python3 -c "import torch" 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 python3-torch libopenblas0-pthread
fi
/usr/bin/python3 -c "import torch; print('peer ok: torch', torch.__version__)"
