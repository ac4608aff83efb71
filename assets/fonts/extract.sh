#!/usr/bin/env bash
# Reproduces assets/fonts/wqy-microhei.ttf and its PDF edition
# assets/fonts/wqy-microhei-pdf.ttf.
#
# Provenance: Debian 12 package fonts-wqy-microhei (0.2.0-beta), which ships
# the TrueType Collection /usr/share/fonts/truetype/wqy/wqy-microhei.ttc with
# two faces: 0 = "WenQuanYi Micro Hei" (proportional), 1 = "WenQuanYi Micro
# Hei Mono". We keep face 0 only, unchanged, as a standalone glyf-outline
# TrueType file: Fyne and gofpdf cannot read a TTC, and gofpdf cannot read
# CFF outlines. Licence: see LICENSE-wqy-microhei.txt (the app uses Apache-2.0).
#
# The resulting .ttf is committed, so builds never need this script; run it
# only to regenerate the file (needs root or the two packages already present).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ttc=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
out="$here/wqy-microhei.ttf"
pdf_out="$here/wqy-microhei-pdf.ttf"
py=/usr/bin/python3 # Debian's python, where python3-fonttools installs

missing=()
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
dpkg -s python3-fonttools >/dev/null 2>&1 || missing+=(python3-fonttools)
if ((${#missing[@]})); then
	if [[ $(id -u) -eq 0 ]]; then
		apt-get update
		apt-get install -y --no-install-recommends "${missing[@]}"
	else
		echo "extract.sh: missing packages: ${missing[*]}" >&2
		echo "run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
fi

"$py" - "$ttc" "$out" <<'PY'
import sys
from fontTools.ttLib import TTCollection

ttc, out = sys.argv[1], sys.argv[2]
font = TTCollection(ttc).fonts[0]
name = font["name"].getDebugName(4)
if name != "WenQuanYi Micro Hei":
    sys.exit(f"face 0 is {name!r}, expected 'WenQuanYi Micro Hei'")
if "glyf" not in font or "CFF " in font:
    sys.exit("face 0 is not a glyf-outline TrueType font")
cmap = font.getBestCmap()
for ch in "A案件¥":
    if ord(ch) not in cmap:
        sys.exit(f"face 0 has no glyph for {ch!r}")
font.save(out)
print(f"wrote {out}: {name}, {len(cmap)} code points")
PY

# The PDF edition: the same face without the 11,172 Hangul syllables
# (U+AC00–D7A3), every other glyph, width, hint and name kept. gofpdf reads a
# whole font for every document; letters without Korean use this one.
"$py" -m fontTools.subset "$out" --unicodes='U+0000-ABFF,U+D7B0-10FFFF' --layout-features='*' \
	--glyph-names --notdef-outline --name-IDs='*' --name-languages='*' --name-legacy --legacy-kern \
	--hinting --drop-tables-=FFTM --output-file="$pdf_out"
echo "wrote $pdf_out"
