#!/usr/bin/env bash
# Builds the reference shards with independent tools (not needed by the build; outputs are committed):
#   python_pax.tar  Python tarfile, PAX format, one member name > 100 bytes, a .json extra member,
#                   a sample without caption
#   gnu.tar         GNU tar --format=gnu (long names as ././@LongLink), a directory entry
set -euo pipefail
cd "$(dirname "$0")"
img=../image
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
long=$(printf 'd%.0s' {1..60})/$(printf 'k%.0s' {1..50})
/usr/bin/python3 - "$img" "$long" <<'PY'
import io, sys, tarfile
img, long = sys.argv[1], sys.argv[2]
def add(t, name, data):
    ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 0
    t.addfile(ti, io.BytesIO(data))
with tarfile.open("python_pax.tar", "w", format=tarfile.PAX_FORMAT) as t:
    add(t, "s/000.png", open(f"{img}/rgba.png", "rb").read())
    add(t, "s/000.txt", "a red fox jumps".encode())
    add(t, "s/000.json", b'{"w": 6}')
    add(t, long + ".jpg", open(f"{img}/gradient.jpg", "rb").read())
    add(t, long + ".txt", "caf\u00e9 au lait \u2615\n".encode())
    add(t, "s/002.png", open(f"{img}/gray.png", "rb").read())
PY
mkdir -p "$tmp/x/$(dirname "$long")"
cp "$img/palette.png" "$tmp/x/$long.png"; printf 'a palette image' > "$tmp/x/$long.txt"
cp "$img/gray.png" "$tmp/x/001.png"; printf 'two gray cats' > "$tmp/x/001.txt"
(cd "$tmp/x" && tar --format=gnu --sort=name --mtime=@0 --owner=0 --group=0 -cf - 001.png 001.txt "$(dirname "$long")") > gnu.tar
