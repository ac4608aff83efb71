#!/usr/bin/env bash
# Mail import benchmark: Casebook against mbsync, on the same real Dovecot.
#
# Usage: scripts/bench-mail.sh [N]     (N messages, default 2000; run as root)
#
# Starts a private Dovecot and Postfix (scripts/mailservers.sh) in a temporary
# directory, drops N realistic complaint mails (mailtest.Complaints: Chinese
# and English, some GBK, some with an attachment, some answers, a few
# automatic replies) into the agency's INBOX, lets Dovecot index them, then
# times
#   (a) casebook sync --once into an empty database (every message fetched,
#       parsed, threaded into cases, committed), and
#   (b) mbsync copying the same INBOX into an empty local Maildir,
# and prints both times and the ratio casebook/mbsync, each the best of
# ROUNDS rounds (default 3). The goal is a ratio of at most 1. Everything is
# removed afterwards (KEEP=1 keeps the directory).
#
# The acknowledgements are switched off (--auto-ack=false): this measures the
# import, not sending. CASEBOOK=path uses that binary instead of building
# ./app into the temporary directory.
set -euo pipefail

export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

die() {
	echo "bench-mail: $*" >&2
	exit 1
}

n=${1:-2000}
[[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || die "usage: $0 [N]  (N: number of messages, default 2000)"
[[ $(id -u) -eq 0 ]] || die "must run as root (the mail servers switch users); try: sudo $0 $n"
command -v mbsync >/dev/null || die "mbsync not found: install isync (scripts/deps.sh test)"
command -v go >/dev/null || die "go not found"

tmp=$(mktemp -d /tmp/cbbench-XXXXXX)
chmod 755 "$tmp" # the daemons must reach the servers' directory inside
cleanup() {
	bash "$root/scripts/mailservers.sh" stop "$tmp/servers" >/dev/null 2>&1 || true
	if [[ -n ${KEEP-} ]]; then
		echo "bench-mail: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# ---- binaries (built before any timing)
echo "bench-mail: building genmail and casebook" >&2
go build -o "$tmp/genmail" ./mailsync/mailtest/cmd/genmail
if [[ -n ${CASEBOOK-} ]]; then
	cb=$(realpath "$CASEBOOK")
else
	CGO_ENABLED=1 go build -o "$tmp/casebook" ./app
	cb=$tmp/casebook
fi

# ---- servers and mail
bash scripts/mailservers.sh start "$tmp/servers" >"$tmp/servers.env"
# shellcheck disable=SC1091
. "$tmp/servers.env"
agency=agency@casebook.test
t0=$(now)
"$tmp/genmail" -n "$n" -maildir "$MAILDIR_ROOT/$agency" -owner "$MAIL_UID:$MAIL_GID"
t1=$(now)
# Let Dovecot take the files in and index them now, so that neither timed
# client pays for it.
doveadm -c "$tmp/servers/dovecot/dovecot.conf" index -u "$agency" INBOX
count=$(doveadm -c "$tmp/servers/dovecot/dovecot.conf" mailbox status -u "$agency" messages INBOX | grep -o "messages=[0-9]*")
[[ $count == "messages=$n" ]] || die "Dovecot sees $count in the INBOX, want $n"
echo "bench-mail: $n messages dropped in $(elapsed "$t0" "$t1") s, $(du -sh "$MAILDIR_ROOT/$agency" | cut -f1) in the Maildir" >&2

# ---- the two clients; each round starts from an empty database / Maildir.
cat >"$tmp/mbsyncrc" <<EOF
IMAPAccount bench
Host 127.0.0.1
Port $IMAP_PORT
User $agency
Pass secret
SSLType None
AuthMechs LOGIN PLAIN

IMAPStore bench-far
Account bench

MaildirStore bench-near
Path $tmp/mbsync/
Inbox $tmp/mbsync/INBOX

Channel bench
Far :bench-far:
Near :bench-near:
Patterns INBOX
Create Near
Sync Pull
SyncState *
EOF

run_casebook() { # prints seconds
	local db=$tmp/bench.db t0 t1
	rm -f "$db"
	"$cb" --db "$db" account set --imap-host 127.0.0.1 --imap-port "$IMAP_PORT" --imap-security none \
		--smtp-host 127.0.0.1 --smtp-port "$SMTP_PORT" --smtp-security starttls --ca-file "$CA_FILE" \
		--username "$agency" --address "$agency" --initial-days 0 --auto-ack=false >/dev/null
	t0=$(now)
	LC_ALL=C CASEBOOK_MAIL_PASSWORD=secret "$cb" --db "$db" sync --once >"$tmp/casebook.out" 2>&1 ||
		{ cat "$tmp/casebook.out" >&2; die "casebook sync --once failed"; }
	t1=$(now)
	tr '\r' '\n' <"$tmp/casebook.out" | grep -v '^ *$' | tail -n 1 >"$tmp/casebook.summary"
	grep -q "fetched $n," "$tmp/casebook.summary" ||
		die "casebook did not fetch $n messages: $(cat "$tmp/casebook.summary")"
	elapsed "$t0" "$t1"
}

run_mbsync() { # prints seconds
	local t0 t1 copied
	rm -rf "$tmp/mbsync"
	mkdir -p "$tmp/mbsync"
	t0=$(now)
	mbsync -c "$tmp/mbsyncrc" -q bench >"$tmp/mbsync.out" 2>&1 || { cat "$tmp/mbsync.out" >&2; die "mbsync failed"; }
	t1=$(now)
	copied=$(find "$tmp/mbsync/INBOX/cur" "$tmp/mbsync/INBOX/new" -type f | wc -l)
	[[ $copied -eq $n ]] || die "mbsync copied $copied messages, want $n"
	elapsed "$t0" "$t1"
}

# Several rounds, alternating which goes first; the best time of each counts
# (the machine may be busy with other work).
rounds=${ROUNDS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive number"
best_cb=
best_mb=
for ((r = 1; r <= rounds; r++)); do
	if ((r % 2)); then
		cb_s=$(run_casebook)
		mb_s=$(run_mbsync)
	else
		mb_s=$(run_mbsync)
		cb_s=$(run_casebook)
	fi
	echo "bench-mail: round $r: casebook ${cb_s} s, mbsync ${mb_s} s" >&2
	best_cb=$(awk -v a="$cb_s" -v b="${best_cb:-$cb_s}" 'BEGIN { print (a < b ? a : b) }')
	best_mb=$(awk -v a="$mb_s" -v b="${best_mb:-$mb_s}" 'BEGIN { print (a < b ? a : b) }')
done
echo "bench-mail: casebook: $(cat "$tmp/casebook.summary")" >&2

echo "messages: $n (best of $rounds rounds)"
echo "casebook sync --once: ${best_cb} s"
echo "mbsync: ${best_mb} s"
awk -v a="$best_cb" -v b="$best_mb" 'BEGIN { printf "ratio casebook/mbsync: %.2f\n", (b > 0 ? a / b : 0) }'
