#!/usr/bin/env bash
# Makes sure the Debian packages Casebook needs are installed.
#
# Usage: scripts/deps.sh build|test|screenshot
#
#   build       C toolchain and X11/OpenGL headers for cgo (Fyne's GLFW driver)
#   test        build + what the test suite needs
#   screenshot  build + a virtual X server and ImageMagick for scripts/screenshot.sh
#
# As root, missing packages are installed with apt-get. Otherwise the script
# lists the missing packages, prints the apt-get command to run, and fails.
set -euo pipefail

# Headers and tools for `go build` with cgo (Fyne/GLFW on X11).
BUILD_PACKAGES=(
	gcc
	pkg-config
	libgl1-mesa-dev
	libx11-dev
	libxcursor-dev
	libxrandr-dev
	libxinerama-dev
	libxi-dev
	libxxf86vm-dev
)

# Extra packages for `make test`. Grow this list as tests need more
# (e.g. dovecot-imapd dovecot-lmtpd postfix for the mail tests).
TEST_PACKAGES=(
	xvfb
	xauth
	libgl1-mesa-dri # software OpenGL, for the real window under Xvfb
	imagemagick
	poppler-utils
	# Real mail servers for the end-to-end mail tests (scripts/mailservers.sh,
	# mailsync/mailtest) and mbsync for scripts/bench-mail.sh.
	dovecot-imapd
	dovecot-lmtpd
	postfix
	isync
	openssl
)

# Extra packages for scripts/screenshot.sh.
SCREENSHOT_PACKAGES=(
	xvfb
	xauth
	xdotool
	imagemagick
	libgl1-mesa-dri
)

usage() {
	echo "usage: $0 build|test|screenshot" >&2
	exit 2
}

[[ $# -eq 1 ]] || usage
case "$1" in
build) wanted=("${BUILD_PACKAGES[@]}") ;;
test) wanted=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
screenshot) wanted=("${BUILD_PACKAGES[@]}" "${SCREENSHOT_PACKAGES[@]}") ;;
*) usage ;;
esac

# installed reports whether dpkg knows the package as fully installed
# (not merely removed with its configuration files left behind).
installed() {
	dpkg -s "$1" 2>/dev/null | grep -qx 'Status: install ok installed'
}

# Drop duplicates between the lists, keeping the order.
declare -A seen=()
unique=()
for pkg in "${wanted[@]}"; do
	[[ -n ${seen[$pkg]-} ]] && continue
	seen[$pkg]=1
	unique+=("$pkg")
done
wanted=("${unique[@]}")

missing=()
for pkg in "${wanted[@]}"; do
	installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
	echo "deps ($1): all ${#wanted[@]} packages installed"
	exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
	{
		echo "deps ($1): missing Debian packages: ${missing[*]}"
		echo "install them with:"
		echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
	} >&2
	exit 1
fi

echo "deps ($1): installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"

still=()
for pkg in "${missing[@]}"; do
	installed "$pkg" || still+=("$pkg")
done
if ((${#still[@]})); then
	echo "deps ($1): still missing after apt-get install: ${still[*]}" >&2
	exit 1
fi
