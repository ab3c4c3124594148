#!/usr/bin/env bash
# dihit-eval: Fashion-MNIST IDX files (Debian dataset-fashion-mnist) for the few-shot / linear probe tests.
set -euo pipefail
dir=/usr/share/datasets/fashion-mnist
if [ ! -f "$dir/t10k-labels-idx1-ubyte.gz" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 dataset-fashion-mnist
fi
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  test -s "$dir/$f" || { echo "dataset-fashion-mnist installed but $dir/$f is missing" >&2; exit 1; }
done
echo "fashion-mnist ok: $dir"
