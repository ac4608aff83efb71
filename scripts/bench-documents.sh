#!/usr/bin/env bash
# Printed-documents benchmark: whole-process figures for the README.
#
# Usage: scripts/bench-documents.sh [CLOSED]   (default 1000 closed cases)
#
# Builds ./app into a temporary directory, creates a database with the agency
# profile (a logo and a seal) and demo cases, then measures
#   (a) one letter as a whole process: `casebook letter NUMBER --type ack`
#       run RUNS times (default 20): start, open the database, render, record
#       the letter, write the file — median and worst wall time, and the size;
#   (b) the bulk archive of CLOSED closed cases: `casebook archive
#       --closed-from … --closed-to …`, wall time, size and pages.
# CASEBOOK=path uses that binary instead of building one. KEEP=1 keeps the
# temporary directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

want=${1:-1000}
runs=${RUNS:-20}
work=$(mktemp -d)
if [[ -z ${KEEP:-} ]]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work"; fi

bin=${CASEBOOK:-}
if [[ -z $bin ]]; then
	bin=$work/casebook
	go build -o "$bin" ./app
fi
db=$work/casebook.db
cb() { "$bin" --db "$db" "$@"; }
ms() { echo $(($(date +%s%N) / 1000000)); }

# A logo and a seal drawn by ImageMagick when it is there, else none.
imgs=()
if command -v convert >/dev/null; then
	convert -size 200x200 xc:none -fill none -stroke '#c81414' -strokewidth 10 -draw 'circle 100,100 100,12' \
		-fill '#c81414' -draw 'circle 100,100 100,80' "$work/seal.png"
	convert -size 120x120 xc:'#1450a0' "$work/logo.png"
	imgs=(--logo "$work/logo.png" --seal "$work/seal.png")
fi

# Demo data closes most of its cases (the rest are still open): about 87 %.
cases=$((want * 115 / 100))
cb demo --cases "$cases" --by bench >/dev/null
cb agency set --name "北京晴空国际旅行社有限公司" --address "北京市朝阳区建国路 88 号" \
	--phone "010-8590 1234" --email service@example.cn --license L-BJ-CJ00123 \
	--complaint-phone 400-810-1234 "${imgs[@]}" --by bench >/dev/null

number=$(cb case list --status acknowledged,investigating --limit 1 --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
[[ -n $number ]] || { echo "bench-documents: no acknowledged case in the demo data" >&2; exit 1; }

# bash's own timer: only the casebook process is measured, not the loop.
TIMEFORMAT=%3R
times=()
for ((i = 0; i < runs; i++)); do
	secs=$({ time "$bin" --db "$db" letter "$number" --type ack -o "$work/ack.pdf" --by bench >/dev/null; } 2>&1)
	times+=($(awk -v s="$secs" 'BEGIN { printf "%d", s * 1000 + 0.5 }'))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$((runs / 2 + 1))p")
worst=$(echo "$sorted" | tail -1)
size=$(stat -c %s "$work/ack.pdf")
echo "letter (whole process, $runs runs): median ${median} ms, worst ${worst} ms, $((size / 1024)) KB"

from=2000-01-01
to=2100-12-31
t0=$(ms)
out=$(cb archive --closed-from "$from" --closed-to "$to" -o "$work/archive.pdf" --by bench 2>/dev/null)
elapsed=$(($(ms) - t0))
pages=$(pdfinfo "$work/archive.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "bulk archive: $out in $((elapsed)) ms, ${pages:-?} pages"
