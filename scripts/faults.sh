#!/usr/bin/env bash
# Casebook's fault suites: the real binary against a real Dovecot and Postfix
# on loopback, killed, cut off, lied to and handed damaged files.
#
# Usage: scripts/faults.sh [--short|--long] [--seed N] [-- HARNESS OPTIONS…]
#
#   --short   20 kills, 20 cuts, every hostile case once (a few minutes; the default)
#   --long    200 kills, 100 cuts (make faults)
#   --seed N  repeat a run (the seed is printed at the start and the end)
#
# The suites (app/faults, `go run ./app/faults -h` for the options):
#   kill-case-new kill-demo kill-sync kill-send kill-archive
#             kill -9 at a random moment of `case new` (a loop), `demo --cases
#             2000`, `sync --once` of 2,000 mails, `sync --once` sending 30
#             replies queued with `case reply`, `archive --closed-from … -o`;
#             then bbolt's check, `case list --json`, `mail list --json`,
#             and the count of what was reported done but is missing (lost)
#             or is there twice (duplicated; replies by Message-ID in the
#             customer's Dovecot mailbox)
#   cut-imap cut-smtp
#             connections cut at a random byte by a TCP proxy between the
#             binary and Dovecot/Postfix (the SMTP one speaks TLS on both
#             sides to see the plain text; every third cut falls right after
#             a message's end of data, the server's 250 swallowed)
#   hostile-forged hostile-responder hostile-self
#             forged threading, a header-less auto-responder, mail from the
#             agency's own address
#   damaged-files
#             truncated (8 KB, 16 KB, half, one byte short), empty and
#             read-only (0400, a read-only bind mount) copies of a database
#             through case list / case show / case new
#
# It prints one line per suite and a closing "N passed, N failed" line, and
# exits 1 when a suite failed (2: it could not run). Run it as root (the mail
# servers switch users; CI runs as root): it installs what it needs through
# scripts/deps.sh, starts the servers in a temporary directory, stops them
# and removes everything at the end (KEEP=1 keeps the directory). Nothing
# but 127.0.0.1 is listened on or connected to. The run is bounded: the
# harness stops starting rounds after BUDGET and is killed after LIMIT.
set -euo pipefail

export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

die() {
	echo "faults: $*" >&2
	exit 2
}

mode=short
seed=0
extra=()
while (($#)); do
	case $1 in
	--short) mode=short ;;
	--long) mode=long ;;
	--seed)
		[[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || die "--seed wants a number"
		seed=$2
		shift
		;;
	--)
		shift
		extra=("$@")
		break
		;;
	*) die "usage: $0 [--short|--long] [--seed N] [-- HARNESS OPTIONS…]" ;;
	esac
	shift
done

case $mode in
short)
	args=(-kills 20 -cuts 20 -responder-syncs 5)
	budget=${BUDGET:-4m}
	limit=${LIMIT:-10m}
	;;
long)
	args=(-kills 200 -cuts 100 -responder-syncs 10)
	budget=${BUDGET:-50m}
	limit=${LIMIT:-75m}
	;;
esac

if [[ $(id -u) -ne 0 && -n ${FAULTS_SKIP_UNLESS_ROOT-} ]]; then
	echo "faults: SKIPPED — the fault suites need root (Dovecot and Postfix switch users); run: sudo make faults-short" >&2
	exit 0
fi
[[ $(id -u) -eq 0 ]] || die "must run as root (Dovecot and Postfix switch users; the read-only checks run as nobody); try: sudo $0 --$mode"
command -v go >/dev/null || die "go not found"
bash scripts/deps.sh test >&2 || die "scripts/deps.sh test failed"
command -v timeout >/dev/null || die "timeout (coreutils) not found"

tmp=$(mktemp -d /tmp/cbfaults-XXXXXX)
chmod 755 "$tmp" # the daemons and the user nobody must reach inside
cleanup() {
	# The harness unmounts its read-only bind mount itself; not if it was killed.
	if mountpoint -q "$tmp/work/damaged-files/ro-mnt" 2>/dev/null; then
		umount "$tmp/work/damaged-files/ro-mnt" || true
	fi
	bash "$root/scripts/mailservers.sh" stop "$tmp/servers" >/dev/null 2>&1 || true
	if [[ -n ${KEEP-} ]]; then
		echo "faults: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "faults: building casebook and the harness" >&2
CGO_ENABLED=1 go build -o "$tmp/casebook" ./app
go build -o "$tmp/faults" ./app/faults
chmod 755 "$tmp/casebook" "$tmp/faults"

bash scripts/mailservers.sh start "$tmp/servers" >/dev/null
mkdir -p "$tmp/work"
chmod 755 "$tmp/work"

rc=0
timeout --kill-after=30s "$limit" "$tmp/faults" -casebook "$tmp/casebook" -servers "$tmp/servers/servers.env" \
	-work "$tmp/work" -seed "$seed" -budget "$budget" "${args[@]}" "${extra[@]}" || rc=$?
if ((rc == 124 || rc == 137)); then
	echo "faults: the harness did not finish within $limit and was stopped" >&2
	rc=2
fi
exit "$rc"
