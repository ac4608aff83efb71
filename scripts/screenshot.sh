#!/usr/bin/env bash
# Takes a screenshot of Casebook in Simplified Chinese for the README.
#
# Usage: scripts/screenshot.sh [BINARY [OUTPUT]]   (defaults: ./casebook docs/screenshot.png)
#
# Starts a private Xvfb server on a free display, runs the app on a fresh
# temporary database with a zh_CN locale, waits for it to draw, captures the
# root window with ImageMagick's `import`, then stops the app and Xvfb.
# Needs: Xvfb and ImageMagick (scripts/deps.sh screenshot installs them).
# Tunables: SCREENSHOT_GEOMETRY (default 1280x800x24), SCREENSHOT_WAIT (seconds, default 4).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="${1:-./casebook}"
out="${2:-docs/screenshot.png}"
geometry="${SCREENSHOT_GEOMETRY:-1280x800x24}"
wait_s="${SCREENSHOT_WAIT:-4}"

for cmd in Xvfb import; do
	if ! command -v "$cmd" >/dev/null; then
		echo "screenshot: $cmd not found; run scripts/deps.sh screenshot (as root) first" >&2
		exit 1
	fi
done
if [[ ! -x $bin ]]; then
	echo "screenshot: $bin not found or not executable; run make build first" >&2
	exit 1
fi

tmpdir="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
	if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
		kill "$app_pid" 2>/dev/null || true
		wait "$app_pid" 2>/dev/null || true
	fi
	if [[ -n $xvfb_pid ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
		kill "$xvfb_pid" 2>/dev/null || true
		wait "$xvfb_pid" 2>/dev/null || true
	fi
	rm -rf "$tmpdir"
}
trap cleanup EXIT

# Find a free display number, starting at :99, by its lock file and socket.
display=""
for n in $(seq 99 199); do
	if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then
		display=":$n"
		break
	fi
done
if [[ -z $display ]]; then
	echo "screenshot: no free X display between :99 and :199" >&2
	exit 1
fi

# -ac: no access control (the server listens on a local socket only, and lives
# for a few seconds); -nolisten tcp: no network listener.
Xvfb "$display" -screen 0 "$geometry" -nolisten tcp -ac >"$tmpdir/xvfb.log" 2>&1 &
xvfb_pid=$!

# Wait up to 10 s for the server's socket.
for _ in $(seq 100); do
	[[ -S /tmp/.X11-unix/X${display#:} ]] && break
	if ! kill -0 "$xvfb_pid" 2>/dev/null; then
		echo "screenshot: Xvfb exited on $display:" >&2
		cat "$tmpdir/xvfb.log" >&2
		exit 1
	fi
	sleep 0.1
done
if [[ ! -S /tmp/.X11-unix/X${display#:} ]]; then
	echo "screenshot: Xvfb did not come up on $display" >&2
	cat "$tmpdir/xvfb.log" >&2
	exit 1
fi

# Demo cases so the list has something to show.
"$bin" --db "$tmpdir/shot.db" demo --cases "${SCREENSHOT_CASES:-3000}" --seed 7 >/dev/null 2>&1

if command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh 2>/dev/null)" ]]; then
	echo "screenshot: note: this machine has CJK fonts installed; Casebook uses its bundled font either way" >&2
fi

# A clean Simplified Chinese environment: LC_ALL and LC_MESSAGES would
# override LANG for the locale lookup.
env -u LC_ALL -u LC_MESSAGES -u WAYLAND_DISPLAY \
	DISPLAY="$display" LANGUAGE=zh_CN.UTF-8 LANG=zh_CN.UTF-8 TZ=Asia/Shanghai \
	"$bin" --db "$tmpdir/shot.db" >"$tmpdir/app.log" 2>&1 &
app_pid=$!

sleep "$wait_s"
if ! kill -0 "$app_pid" 2>/dev/null; then
	echo "screenshot: the app exited before the screenshot; its output:" >&2
	cat "$tmpdir/app.log" >&2
	exit 1
fi

# Open the first case so the detail pane shows too.
if command -v xdotool >/dev/null; then
	DISPLAY="$display" xdotool mousemove 300 235 click 1 || true
	sleep 1
fi

mkdir -p "$(dirname "$out")"
import -display "$display" -window root "png:$out"
echo "screenshot: wrote $out"
