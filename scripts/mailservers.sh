#!/usr/bin/env bash
# Starts and stops a private Dovecot and Postfix on loopback for the real mail
# tests (mailsync/mailtest) and the benchmark (scripts/bench-mail.sh).
#
# Usage: scripts/mailservers.sh start DIR       start both servers in DIR
#        scripts/mailservers.sh stop DIR        stop both, kill leftovers
#        scripts/mailservers.sh stop-smtp DIR   stop only Postfix (SMTP outage)
#        scripts/mailservers.sh start-smtp DIR  start Postfix again, same ports
#
# Everything lives under DIR: configuration, TLS files, state, queue, logs and
# the mailboxes. Nothing in /etc is read or changed, no system service is
# touched, and nothing but 127.0.0.1 is listened on or connected to.
#
#   Dovecot  IMAP (plain) and IMAPS (implicit TLS) for the mail users,
#            LMTP on 127.0.0.1 (and a unix socket) for delivery,
#            an auth socket for Postfix's SASL.
#   Postfix  SMTP on 127.0.0.1: STARTTLS, AUTH PLAIN/LOGIN through Dovecot
#            (only after STARTTLS), and SMTPS (implicit TLS) on another port.
#            Mail for casebook.test and example.test goes to Dovecot over LMTP;
#            mail for any other domain bounces at once (no DNS, no relaying
#            out of the machine), and the bounce comes back to the sender.
#
# Users (password "secret"): agency@casebook.test, customer@example.test.
# Their Maildirs are MAILDIR_ROOT/<user> (INBOX; folders are .Sent etc.),
# owned by MAIL_UID:MAIL_GID (nobody:nogroup).
#
# Ports are free ones picked at random, unless given in the environment as
# IMAP_PORT, IMAPS_PORT, SMTP_PORT, SMTPS_PORT, LMTP_PORT.
#
# `start` prints KEY=VALUE lines on stdout (also written to DIR/servers.env)
# once all servers accept connections, or fails within about 10 seconds with
# the servers' logs on stderr:
#   HOST IMAP_PORT IMAPS_PORT SMTP_PORT SMTPS_PORT LMTP_PORT LMTP_SOCKET
#   CA_FILE MAILDIR_ROOT MAIL_UID MAIL_GID DOVECOT_LOG POSTFIX_LOG
#
# Needs root (the daemons switch users) and Debian's dovecot-imapd,
# dovecot-lmtpd, postfix and openssl: scripts/deps.sh test installs them.
set -euo pipefail

export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

USERS=(agency@casebook.test customer@example.test)
PASSWORD=secret
DOMAINS="casebook.test example.test"
MAIL_USER=nobody
MAIL_GROUP=nogroup
START_TIMEOUT=10

die() {
	echo "mailservers: $*" >&2
	exit 1
}

usage() {
	echo "usage: $0 start|stop|stop-smtp|start-smtp DIR" >&2
	exit 2
}

[[ $# -eq 2 ]] || usage
cmd=$1
case $cmd in start | stop | stop-smtp | start-smtp) ;; *) usage ;; esac
[[ -n $2 ]] || usage

if [[ $(id -u) -ne 0 ]]; then
	die "must run as root: Dovecot and Postfix switch to their own users (run it with sudo, or as root in CI)"
fi

# ---------------------------------------------------------------- helpers

# DIR/sessions has one line per running server: "dovecot SID" or "postfix SID".
# Each master calls setsid(), so its session holds exactly that server's
# processes: stop finds and kills leftovers by it, never by name.
pids_of_sessions() { # SID...
	ps -e -o pid=,sid= | awk -v sids=" $* " 'index(sids, " " $2 " ") { print $1 }'
}

master_pid() { # pid file: the first number in it
	[[ -s $1 ]] && tr -dc '0-9\n' <"$1" | head -n 1
}

# stop_servers DIR NAME...: TERM to the masters, wait up to a second for
# their sessions to end, then KILL whatever is left of them. (Both take two
# or three seconds to wind down in good order; for throwaway test servers
# that is only waiting. Postfix's queue survives a kill.)
stop_servers() {
	local dir=$1 sids=() name sid pid i
	shift
	for name in "$@"; do
		case $name in
		dovecot) pid=$(master_pid "$dir/dovecot/run/master.pid" || true) ;;
		postfix) pid=$(master_pid "$dir/postfix/queue/pid/master.pid" || true) ;;
		esac
		[[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null || true
		if [[ -f $dir/sessions ]]; then
			while read -r n sid; do
				[[ $n == "$name" && $sid =~ ^[0-9]+$ && $sid -gt 1 ]] && sids+=("$sid")
			done <"$dir/sessions"
		fi
	done
	if ((${#sids[@]})); then
		for ((i = 0; i < 10; i++)); do # about a second
			[[ -z $(pids_of_sessions "${sids[@]}") ]] && break
			sleep 0.05
		done
		for pid in $(pids_of_sessions "${sids[@]}"); do
			kill -KILL "$pid" 2>/dev/null || true
		done
	fi
	if [[ -f $dir/sessions ]]; then
		for name in "$@"; do
			sed -i "/^$name /d" "$dir/sessions"
		done
		[[ -s $dir/sessions ]] || rm -f "$dir/sessions"
	fi
	rm -f "$dir/postfix/queue/pid/master.pid"
}

# record_session DIR NAME PIDFILE: waits for the master's pid file and notes
# the master's session.
record_session() {
	local dir=$1 name=$2 file=$3 pid sid i
	for ((i = 0; i < 100; i++)); do
		pid=$(master_pid "$file" || true)
		if [[ -n $pid ]]; then
			sid=$(ps -o sid= -p "$pid" | tr -d ' ')
			[[ -n $sid ]] && break
		fi
		sleep 0.05
	done
	[[ -n ${sid-} ]] || die "$name wrote no master.pid ($file)"
	echo "$name $sid" >>"$dir/sessions"
}

# Without a terminal the postfix command reports errors only to syslog (there
# may be none): give it a pseudo-terminal through script(1) so they show.
on_tty() {
	if command -v script >/dev/null; then
		script -qec "$*" /dev/null
	else
		"$@"
	fi
}

# start_postfix DIR: what `postfix start` does, minus its integrity checks
# (two dozen postconf runs: several seconds on a busy machine): create the
# queue as /etc/postfix/postfix-files lays it out, then run the master, which
# waits (-w) until it is up and fails with the reason on the terminal.
start_postfix() {
	local dir=$1 pf=$1/postfix q sub daemon_dir=/usr/lib/postfix/sbin
	q=$pf/queue
	mkdir -p "$q" "$pf/data"
	chown root:root "$q"
	chmod 755 "$q"
	chown postfix: "$pf/data"
	chmod 700 "$pf/data"
	for sub in active bounce corrupt defer deferred flush hold incoming private saved trace; do
		mkdir -p "$q/$sub"
		chown postfix: "$q/$sub"
		chmod 700 "$q/$sub"
	done
	mkdir -p "$q/maildrop" "$q/public" "$q/pid"
	chown postfix:postdrop "$q/maildrop" "$q/public"
	chmod 730 "$q/maildrop"
	chmod 710 "$q/public"
	chmod 755 "$q/pid"
	[[ -x $daemon_dir/master ]] || daemon_dir=$(postconf -dh daemon_directory)
	if ! MAIL_CONFIG=$pf/conf on_tty "$daemon_dir/master" -c "$pf/conf" -w </dev/null >"$pf/start.log" 2>&1; then
		# The master reports why only to its log, which needs a running
		# postlogd; `postfix check` on a terminal says it on stderr.
		on_tty postfix -c "$pf/conf" check </dev/null >>"$pf/start.log" 2>&1 || true
		tr -d '\r' <"$pf/start.log" >&2
		return 1
	fi
	record_session "$dir" postfix "$q/pid/master.pid"
}

greets() ( # port prefix: the server's first line starts with prefix
	exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	IFS= read -r -t 2 line <&3 || exit 1
	[[ $line == "$2"* ]]
)

# wait_greeting DEADLINE PORT PREFIX
wait_greeting() {
	until greets "$2" "$3" 2>/dev/null; do
		((SECONDS < $1)) || die "nothing greets on 127.0.0.1:$2 within ${START_TIMEOUT}s"
		sleep 0.05
	done
}

# wait_listening DEADLINE PORT
wait_listening() {
	until (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do
		((SECONDS < $1)) || die "nothing listens on 127.0.0.1:$2 within ${START_TIMEOUT}s"
		sleep 0.05
	done
}

existing_dir() {
	[[ -d $1 ]] || die "no such directory: $1"
	(cd "$1" && pwd -P)
}

case $cmd in
stop)
	dir=$(existing_dir "$2")
	stop_servers "$dir" postfix dovecot
	rm -f "$dir/sessions"
	echo "mailservers: stopped ($dir)" >&2
	exit 0
	;;
stop-smtp)
	dir=$(existing_dir "$2")
	stop_servers "$dir" postfix
	echo "mailservers: Postfix stopped ($dir)" >&2
	exit 0
	;;
start-smtp)
	dir=$(existing_dir "$2")
	[[ -f $dir/servers.env ]] || die "no servers were started in $dir"
	grep -q '^postfix ' "$dir/sessions" 2>/dev/null && die "Postfix is running in $dir already"
	# shellcheck disable=SC1091
	. "$dir/servers.env"
	start_postfix "$dir" </dev/null >/dev/null 2>"$dir/postfix/start-errors.log" ||
		die "Postfix did not start: $(cat "$dir/postfix/start-errors.log")"
	wait_greeting $((SECONDS + START_TIMEOUT)) "$SMTP_PORT" 220
	wait_listening $((SECONDS + START_TIMEOUT)) "$SMTPS_PORT"
	echo "mailservers: Postfix started ($dir)" >&2
	exit 0
	;;
esac

# ---------------------------------------------------------------- starting

for bin in dovecot doveadm postfix postconf openssl; do
	command -v "$bin" >/dev/null || die "$bin not found: install dovecot-imapd dovecot-lmtpd postfix openssl (scripts/deps.sh test)"
done
for f in /usr/lib/dovecot/imap /usr/lib/dovecot/lmtp; do
	[[ -x $f ]] || die "$f not found: install dovecot-imapd and dovecot-lmtpd (scripts/deps.sh test)"
done

mkdir -p "$2"
dir=$(cd "$2" && pwd -P)
[[ ! -e $dir/sessions ]] || die "servers seem to be running in $dir already (stop them first: $0 stop $dir)"
chmod 755 "$dir"
# The daemons run as other users: every parent must be traversable by them.
p=$dir
while [[ $p != / ]]; do
	p=$(dirname "$p")
	perm=$(stat -c %A "$p")
	[[ ${perm:9:1} == x || ${perm:9:1} == t ]] ||
		die "$p is not traversable by other users (mode $perm): Dovecot's and Postfix's daemons could not reach $dir; chmod o+x $p or use another directory"
done
[[ $dir != *[[:space:]]* ]] || die "directory path must not contain white space: $dir"
# Unix socket paths are limited to 107 bytes.
((${#dir} <= 60)) || die "directory path too long for the servers' unix sockets (${#dir} > 60 bytes): $dir"

# A free loopback port: not listening now, not picked before in this run.
picked=" "
free_port() {
	local p
	for _ in $(seq 200); do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		[[ $picked == *" $p "* ]] && continue
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			picked+="$p "
			echo "$p"
			return
		fi
	done
	die "no free port found"
}
IMAP_PORT=${IMAP_PORT:-$(free_port)}
picked+="$IMAP_PORT "
IMAPS_PORT=${IMAPS_PORT:-$(free_port)}
picked+="$IMAPS_PORT "
SMTP_PORT=${SMTP_PORT:-$(free_port)}
picked+="$SMTP_PORT "
SMTPS_PORT=${SMTPS_PORT:-$(free_port)}
picked+="$SMTPS_PORT "
LMTP_PORT=${LMTP_PORT:-$(free_port)}

MAIL_UID=$(id -u "$MAIL_USER")
MAIL_GID=$(getent group "$MAIL_GROUP" | cut -d: -f3)

on_exit() {
	local rc=$?
	((rc)) || rc=1
	echo "mailservers: start failed (exit $rc); logs follow" >&2
	for log in "$dir/dovecot/dovecot.log" "$dir/dovecot/start.log" "$dir/postfix/maillog" "$dir/postfix/start.log"; do
		[[ -s $log ]] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
	done
	stop_servers "$dir" postfix dovecot || true
	rm -f "$dir/sessions"
	exit "$rc"
}
trap on_exit EXIT

mkdir -p "$dir/tls" "$dir/dovecot/run" "$dir/dovecot/state" "$dir/postfix/conf" "$dir/postfix/queue" "$dir/postfix/data" "$dir/mail" "$dir/home"
chmod 755 "$dir/tls" "$dir/dovecot" "$dir/dovecot/run" "$dir/postfix" "$dir/postfix/conf" "$dir/mail" "$dir/home"
chown postfix: "$dir/postfix/data"

# ---- TLS: a test CA and a server certificate for localhost / 127.0.0.1.
tls=$dir/tls
if [[ ! -s $tls/server.pem ]]; then
	(
		cd "$tls"
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
			-keyout ca.key -out ca.pem -days 3650 -subj "/O=Casebook tests/CN=Casebook Test CA" \
			-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
			-keyout server.key -out server.csr -subj "/O=Casebook tests/CN=localhost"
		printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:mail.casebook.test" \
			"basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
			"extendedKeyUsage=serverAuth" >server.ext
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
			-days 3650 -extfile server.ext -out server.pem
		rm -f server.csr server.ext ca.srl
		chmod 600 ca.key server.key
		chmod 644 ca.pem server.pem
	) >"$tls/openssl.log" 2>&1 || { cat "$tls/openssl.log" >&2; die "openssl failed"; }
fi

# ---- Mailboxes: create the Maildirs so files can be dropped before login.
for u in "${USERS[@]}"; do
	for sub in cur new tmp; do
		mkdir -p "$dir/mail/$u/$sub"
	done
	mkdir -p "$dir/home/$u"
	chown -R "$MAIL_UID:$MAIL_GID" "$dir/mail/$u" "$dir/home/$u"
	chmod 700 "$dir/mail/$u" "$dir/home/$u"
done

# ---- Dovecot
dc=$dir/dovecot
{
	for u in "${USERS[@]}"; do
		echo "$u:{PLAIN}$PASSWORD:$MAIL_UID:$MAIL_GID::$dir/home/$u::userdb_mail=maildir:$dir/mail/$u"
	done
} >"$dc/users"
chmod 644 "$dc/users"

cat >"$dc/dovecot.conf" <<EOF
# Private Dovecot for Casebook's mail tests; written by scripts/mailservers.sh.
instance_name = casebook-mailtest
base_dir = $dc/run
state_dir = $dc/state
log_path = $dc/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
shutdown_clients = yes

ssl = yes
ssl_cert = <$tls/server.pem
ssl_key = <$tls/server.key
ssl_min_protocol = TLSv1.2

disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
auth_verbose = yes
auth_cache_size = 0
login_trusted_networks = 127.0.0.0/8

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu $dc/users
}
userdb {
  driver = passwd-file
  args = username_format=%Lu $dc/users
}

first_valid_uid = 1
mail_location = maildir:$dir/mail/%Lu
mail_max_userip_connections = 200
lmtp_save_to_detail_mailbox = no
postmaster_address = postmaster@casebook.test
hostname = mail.casebook.test

namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
# No auth penalty: after a wrong password Dovecot would hold the next login
# from the same IP (all of ours come from 127.0.0.1) for 2 up to 15 s, which
# only slows tests down. The auth process (user dovecot) cannot open this
# socket, so it runs without penalties.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
EOF

# ---- Postfix
pf=$dir/postfix
cat >"$pf/conf/main.cf" <<EOF
# Private Postfix for Casebook's mail tests; written by scripts/mailservers.sh.
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-casebook
maillog_file = $pf/maillog
maillog_file_prefixes = $pf

myhostname = mail.casebook.test
mydomain = casebook.test
myorigin = casebook.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
biff = no
append_dot_mydomain = no
# Dovecot 2.3's LMTP does not offer SMTPUTF8: if Postfix offered it, clients
# (Go's net/smtp among them) would ask for it, and a message with raw UTF-8
# headers would then bounce on the way to Dovecot. Not offering it, Postfix
# takes such mail as plain 8-bit and delivers it.
smtputf8_enable = no

# No DNS, no mail leaving the machine: the two test domains go to Dovecot,
# anything else bounces at once back to the sender.
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
virtual_mailbox_domains = $DOMAINS
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
default_transport = error:5.1.2 no mail leaves the Casebook test server
relay_transport = \$default_transport
local_transport = error:5.1.1 no local delivery on the Casebook test server
alias_maps =
alias_database =
local_recipient_maps =

smtpd_tls_cert_file = $tls/server.pem
smtpd_tls_key_file = $tls/server.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_tls_loglevel = 0
smtp_tls_security_level = none
lmtp_tls_security_level = none
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dc/run/auth-postfix
broken_sasl_auth_clients = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_client_connection_rate_limit = 0
smtpd_error_sleep_time = 0

# Retry deferred mail quickly (tests wait for it).
queue_run_delay = 2s
minimal_backoff_time = 2s
maximal_backoff_time = 10s
delay_warning_time = 0
EOF

cat >"$pf/conf/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF

# Postfix waits (up to seconds) before reading a configuration file that
# changed within the last second: date them back.
touch -d '-1 minute' "$pf/conf/main.cf" "$pf/conf/master.cf"

# ---- Start: Postfix (the slow one, about a second) in the background while
# Dovecot checks its configuration and starts.
: >"$dir/sessions"
# The daemons must not inherit our stdout/stderr: a caller reading them
# through a pipe would wait for its end as long as the servers run.
start_postfix "$dir" </dev/null >/dev/null 2>"$pf/start-errors.log" &
postfix_job=$!
if ! dovecot -c "$dc/dovecot.conf" -n >/dev/null 2>"$dc/config-check.log"; then
	cat "$dc/config-check.log" >&2
	wait "$postfix_job" || true
	die "Dovecot rejects its configuration"
fi
if ! dovecot -c "$dc/dovecot.conf" </dev/null >"$dc/start.log" 2>&1; then
	cat "$dc/start.log" >&2
	wait "$postfix_job" || true
	die "Dovecot did not start"
fi
record_session "$dir" dovecot "$dc/run/master.pid"
wait "$postfix_job" || die "Postfix did not start: $(cat "$pf/start-errors.log")"

# ---- Wait until every listener greets (IMAP "* OK", SMTP/LMTP "220").
deadline=$((SECONDS + START_TIMEOUT))
wait_greeting "$deadline" "$IMAP_PORT" "* OK"
wait_greeting "$deadline" "$LMTP_PORT" 220
wait_greeting "$deadline" "$SMTP_PORT" 220
wait_listening "$deadline" "$IMAPS_PORT"
wait_listening "$deadline" "$SMTPS_PORT"
trap - EXIT

cat >"$dir/servers.env" <<EOF
HOST=127.0.0.1
IMAP_PORT=$IMAP_PORT
IMAPS_PORT=$IMAPS_PORT
SMTP_PORT=$SMTP_PORT
SMTPS_PORT=$SMTPS_PORT
LMTP_PORT=$LMTP_PORT
LMTP_SOCKET=$dc/run/lmtp
CA_FILE=$tls/ca.pem
MAILDIR_ROOT=$dir/mail
MAIL_UID=$MAIL_UID
MAIL_GID=$MAIL_GID
DOVECOT_LOG=$dc/dovecot.log
POSTFIX_LOG=$pf/maillog
EOF
cat "$dir/servers.env"
