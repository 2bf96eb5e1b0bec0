#!/usr/bin/env bash
# Rebuilds the default theme's Arabic web fonts from Debian's Noto Sans Arabic
# (fonts-noto-core, SIL Open Font License 1.1): Arabic letters, marks, digits and
# punctuation only, as WOFF2, with the OpenType features Arabic shaping needs.
# Run it only to change the fonts; the results are committed.
#
#   apt-get install fonts-noto-core && pip install fonttools brotli
#   bash tools/subset-fonts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/noto
out=themes/default/static/fonts
# Arabic, Arabic Supplement, Arabic Extended-A, presentation forms A and B, and the
# joiners and direction marks Arabic text uses.
ranges="U+0600-06FF,U+0750-077F,U+0870-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+2066-2069"
for weight in Regular Bold; do
  pyftsubset "$src/NotoSansArabic-$weight.ttf" \
    --unicodes="$ranges" \
    --layout-features='*' \
    --flavor=woff2 \
    --no-hinting \
    --desubroutinize \
    --output-file="$out/noto-sans-arabic-$(echo "$weight" | tr '[:upper:]' '[:lower:]').woff2"
done
ls -l "$out"
