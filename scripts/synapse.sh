#!/usr/bin/env bash
# Run a real Synapse homeserver for end-to-end tests.
#
#   bash scripts/synapse.sh start|stop|kill|status
#
# kill is a crash (SIGKILL, no shutdown): tests use it to prove nothing is lost when the homeserver
# dies mid-request. A start after it finds the stale pid file harmless (our_pid checks the process).
#
# Synapse comes from Debian sid (the host is bookworm, which has no matrix-synapse; PyPI is not
# reachable). It lives in a minimal sid chroot built once with debootstrap and cached OUTSIDE the
# repository, then runs under plain `chroot` (no mounts). See /work/shared/HOMESERVER.md.
#
# Environment:
#   SYNAPSE_PORT        listener port on 127.0.0.1 (default 18448); each port has its own data dir
#   SYNAPSE_FRESH       1 (default): wipe the database and media on every start; 0: keep them
#   MATRIX_TUI_CACHE    cache directory (default /var/cache/matrix-tui)
#
# Layout (ROOT = $MATRIX_TUI_CACHE/synapse-root):
#   ROOT/srv/synapse-$PORT/homeserver.yaml   config (rewritten on every start)
#   ROOT/srv/synapse-$PORT/shared-secret     registration_shared_secret (admin register API)
#   ROOT/srv/synapse-$PORT/homeserver.log    Synapse's log; stdout.log holds its stdout/stderr
#   ROOT/srv/synapse-$PORT/synapse.pid       PID of the running Synapse
set -euo pipefail

PORT="${SYNAPSE_PORT:-18448}"
FRESH="${SYNAPSE_FRESH:-1}"
CACHE="${MATRIX_TUI_CACHE:-/var/cache/matrix-tui}"
ROOT="$CACHE/synapse-root"
LOCK="$CACHE/synapse.lock"
SERVER_NAME=localhost
BASE_URL="http://127.0.0.1:$PORT"
DATA_IN="/srv/synapse-$PORT" # data dir as seen inside the chroot
DATA="$ROOT$DATA_IN"         # ... and from the host
PID_FILE="$DATA/synapse.pid"
READY_MARK="$ROOT/.matrix-tui-ready" # written last, so a half-built root is never trusted
START_TIMEOUT=60

die() {
	echo "synapse.sh: $*" >&2
	exit 1
}
say() { echo "synapse.sh: $*"; }

[[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65536)) || die "SYNAPSE_PORT must be a port number, got '$PORT'"

require_root() {
	[[ "$(id -u)" == 0 ]] || die "must run as root (debootstrap and chroot need it)"
}

# ---------------------------------------------------------------------------------------------
# Liveness helpers

answering() {
	curl -fsS --max-time 2 -o /dev/null "$BASE_URL/_matrix/client/versions" 2>/dev/null
}

# Prints the recorded PID if it is alive AND really our Synapse for this port (PIDs get reused,
# and a stale pid file must never make us signal an unrelated process).
our_pid() {
	local pid cmdline
	[[ -r "$PID_FILE" ]] || return 1
	pid="$(<"$PID_FILE")"
	[[ "$pid" =~ ^[0-9]+$ ]] || return 1
	cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
	[[ "$cmdline" == *synapse.app.homeserver* && "$cmdline" == *"$DATA_IN/homeserver.yaml"* ]] || return 1
	echo "$pid"
}

# ---------------------------------------------------------------------------------------------
# Building the chroot (once)

mirror() {
	local uri=""
	if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
		uri="$(awk '$1 == "URIs:" { print $2; exit }' /etc/apt/sources.list.d/debian.sources)"
	fi
	echo "${uri:-http://deb.debian.org/debian}"
}

check_mirror() {
	curl -fsS --max-time 20 -o /dev/null "$1/dists/sid/InRelease" 2>/dev/null ||
		die "Debian mirror $1 is unreachable (needed once to build the Synapse chroot)"
}

build_root() {
	[[ -e "$READY_MARK" ]] && return 0
	local mirror_uri partial="$ROOT.partial" t0=$SECONDS
	mirror_uri="$(mirror)"
	check_mirror "$mirror_uri"

	if ! command -v debootstrap >/dev/null; then
		say "installing debootstrap on the host"
		apt-get update -qq || die "apt-get update failed (is the Debian mirror reachable?)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 ||
			die "could not install debootstrap"
	fi

	say "building the Synapse chroot in $ROOT from $mirror_uri (once; about a minute)"
	# Leftovers of an interrupted build. Its mounts died with its private mount namespace.
	rm -rf "$partial" "$ROOT"
	mkdir -p "$partial/usr/sbin" "$partial/tmp"

	# The package's postinst would try to start the service: forbid it.
	printf '#!/bin/sh\nexit 101\n' >"$partial/usr/sbin/policy-rc.d"
	chmod 755 "$partial/usr/sbin/policy-rc.d"
	cat >"$partial/tmp/preseed" <<-EOF
		matrix-synapse matrix-synapse/server-name string $SERVER_NAME
		matrix-synapse matrix-synapse/report-stats boolean false
	EOF

	# Everything runs in a private mount namespace: debootstrap mounts /proc and /sys in the
	# target and we mount /proc for apt, and if we get killed those mounts vanish with the
	# namespace instead of leaking onto the host. No --include: it cannot resolve the virtual
	# python3-cffi-backend-api-* package, so matrix-synapse is installed afterwards with apt.
	local log="$CACHE/build.log"
	if ! unshare --mount --propagation private bash -euo pipefail -c '
		partial=$1 mirror=$2
		debootstrap --variant=minbase sid "$partial" "$mirror"
		cp /etc/resolv.conf "$partial/etc/resolv.conf"
		mountpoint -q "$partial/proc" || mount -t proc proc "$partial/proc"
		chroot "$partial" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 /bin/sh -eu -c "
				debconf-set-selections /tmp/preseed
				apt-get -o Acquire::Check-Valid-Until=false update
				apt-get -o Acquire::Check-Valid-Until=false install -y --no-install-recommends matrix-synapse
				apt-get clean
				rm -rf /var/lib/apt/lists/* /tmp/preseed
			"
		umount "$partial/proc"
	' _ "$partial" "$mirror_uri" >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		die "building the chroot failed (full log: $log)"
	fi
	[[ -x "$partial/usr/bin/python3" && -d "$partial/usr/lib/python3/dist-packages/synapse" ]] ||
		die "chroot built but Synapse is missing (log: $log)"
	touch "$partial/.matrix-tui-ready"
	mv "$partial" "$ROOT"
	say "chroot ready in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------------------------------------
# Configuration

# A random hex secret, created once per data dir and kept across restarts.
secret() {
	local file="$DATA/$1"
	if [[ ! -s "$file" ]]; then
		(umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
	fi
	cat "$file"
}

write_config() {
	local shared macaroon form
	shared="$(secret shared-secret)"
	macaroon="$(secret macaroon-secret)"
	form="$(secret form-secret)"
	# Rate limits: tests register many users, create many rooms and send bursts; a 429 must never
	# be a test failure. Key names checked against synapse/config/ratelimiting.py of 1.160.
	local rc='{per_second: 10000, burst_count: 100000}'
	cat >"$DATA/homeserver.yaml" <<-EOF
		# Written by scripts/synapse.sh on every start; edits are overwritten.
		server_name: $SERVER_NAME
		public_baseurl: $BASE_URL/
		report_stats: false
		suppress_key_server_warning: true
		trusted_key_servers: []
		enable_metrics: false

		listeners:
		  - port: $PORT
		    bind_addresses: ['127.0.0.1']
		    type: http
		    tls: false
		    x_forwarded: false
		    resources:
		      - names: [client]
		        compress: false

		database:
		  name: sqlite3
		  args:
		    database: $DATA_IN/homeserver.db

		log_config: $DATA_IN/log.yaml
		media_store_path: $DATA_IN/media_store
		signing_key_path: $DATA_IN/signing.key

		registration_shared_secret: "$shared"
		macaroon_secret_key: "$macaroon"
		form_secret: "$form"
		enable_registration: true
		enable_registration_without_verification: true
		# Synapse's default lets only admins publish rooms to the directory (a room asked for as
		# public is created unlisted, silently): the directory tests publish as ordinary users.
		room_list_publication_rules:
		  - action: allow

		rc_message: $rc
		rc_registration: $rc
		rc_registration_token_validity: $rc
		rc_login:
		  address: $rc
		  account: $rc
		  failed_attempts: $rc
		rc_admin_redaction: $rc
		rc_joins:
		  local: $rc
		  remote: $rc
		rc_joins_per_room: $rc
		rc_3pid_validation: $rc
		rc_invites:
		  per_room: $rc
		  per_user: $rc
		  per_issuer: $rc
		rc_third_party_invite: $rc
		rc_media_create: $rc
		rc_presence:
		  per_user: $rc
		rc_delayed_event_mgmt: $rc
		rc_reports: $rc
		rc_room_creation: $rc
		rc_key_requests: $rc
		rc_user_directory: $rc
	EOF
	chmod 600 "$DATA/homeserver.yaml" # it holds the secrets
	# Plain formatter: "%(request)s" would need Synapse's LoggingContextFilter.
	cat >"$DATA/log.yaml" <<-EOF
		version: 1
		formatters:
		  precise:
		    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(message)s'
		handlers:
		  file:
		    class: logging.FileHandler
		    formatter: precise
		    filename: $DATA_IN/homeserver.log
		root:
		  level: INFO
		  handlers: [file]
		disable_existing_loggers: false
	EOF
}

# Synapse refuses (or worse, misbehaves) when a database was created under another server_name.
prepare_db() {
	local mark="$DATA/server-name"
	if [[ "$FRESH" == 1 ]]; then
		rm -rf "$DATA/homeserver.db" "$DATA/homeserver.db-wal" "$DATA/homeserver.db-shm" "$DATA/media_store"
	elif [[ -e "$DATA/homeserver.db" && "$(cat "$mark" 2>/dev/null)" != "$SERVER_NAME" ]]; then
		die "$DATA/homeserver.db was not made for server_name $SERVER_NAME; rerun with SYNAPSE_FRESH=1"
	fi
	echo "$SERVER_NAME" >"$mark"
	mkdir -p "$DATA/media_store"
}

synapse_cmd=(/usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 HOME=/root
	/usr/bin/python3 -m synapse.app.homeserver --config-path "$DATA_IN/homeserver.yaml")

# ---------------------------------------------------------------------------------------------
# Commands

cmd_start() {
	require_root
	mkdir -p "$CACHE"
	exec 9>"$LOCK"
	flock -w 300 9 || die "timed out waiting for the lock $LOCK (another start/build running?)"

	local pid
	if pid="$(our_pid)"; then
		if wait_ready "$pid"; then
			say "already running (pid $pid)"
			echo "$BASE_URL"
			return 0
		fi
		die "Synapse pid $pid is running but $BASE_URL does not answer; see $DATA/homeserver.log"
	fi
	answering && die "$BASE_URL already answers, but not by a Synapse this script started (port taken?)"

	build_root
	mkdir -p "$DATA"
	write_config
	prepare_db
	if [[ ! -s "$DATA/signing.key" ]]; then
		chroot "$ROOT" "${synapse_cmd[@]}" --generate-keys >"$DATA/stdout.log" 2>&1 ||
			{ cat "$DATA/stdout.log" >&2; die "could not generate the signing key"; }
	fi
	[[ -e "$DATA/homeserver.log" ]] && mv -f "$DATA/homeserver.log" "$DATA/homeserver.log.1"

	# 9>&-: Synapse must not inherit (and hold) the lock. $! is chroot's PID, and chroot execs
	# python, so it is Synapse's PID.
	chroot "$ROOT" "${synapse_cmd[@]}" </dev/null >"$DATA/stdout.log" 2>&1 9>&- &
	pid=$!
	echo "$pid" >"$PID_FILE"
	if ! wait_ready "$pid"; then
		echo "--- $DATA/stdout.log" >&2
		tail -n 20 "$DATA/stdout.log" >&2 || true
		echo "--- $DATA/homeserver.log" >&2
		tail -n 40 "$DATA/homeserver.log" >&2 || true
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		rm -f "$PID_FILE"
		die "Synapse did not start (logs above; data dir $DATA)"
	fi
	say "started (pid $pid, data $DATA)"
	echo "$BASE_URL"
}

# Alive and not a zombie (a dead child of ours stays a zombie until reaped).
alive() {
	local state
	state="$(awk '$1 == "State:" { print $2 }' "/proc/$1/status" 2>/dev/null)" || return 1
	[[ -n "$state" && "$state" != Z && "$state" != X ]]
}

# Waits until PID is our Synapse and answers. Its cmdline is only checked once the port answers:
# right after the launch, PID may still be the forked shell that has not exec'd chroot yet.
wait_ready() {
	local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
	while ((SECONDS < deadline)); do
		if ! alive "$pid"; then
			echo "synapse.sh: Synapse (pid $pid) exited" >&2
			return 1
		fi
		if answering; then
			[[ "$(our_pid)" == "$pid" ]] && return 0
			echo "synapse.sh: $BASE_URL answers, but pid $pid is not our Synapse" >&2
			return 1
		fi
		sleep 0.2
	done
	echo "synapse.sh: no answer from $BASE_URL within ${START_TIMEOUT}s" >&2
	return 1
}

# No Synapse of ours runs: forget a stale PID file, and refuse to touch one somebody else started.
not_ours_or_not_running() {
	rm -f "$PID_FILE"
	answering && die "$BASE_URL answers, but not by a Synapse this script started; not touching it"
	say "not running"
}

cmd_stop() {
	require_root
	local pid
	pid="$(our_pid)" || { not_ours_or_not_running; return 0; }
	kill -TERM "$pid"
	local deadline=$((SECONDS + 30))
	while [[ -e "/proc/$pid" ]] && ((SECONDS < deadline)); do sleep 0.1; done
	if [[ -e "/proc/$pid" ]]; then
		say "pid $pid ignored SIGTERM for 30 s; sending SIGKILL"
		kill -KILL "$pid" 2>/dev/null || true
		while [[ -e "/proc/$pid" ]]; do sleep 0.1; done
	fi
	rm -f "$PID_FILE"
	say "stopped (pid $pid)"
}

# SIGKILL, then wait until the process is really gone (a zombie no PID 1 reaps counts as gone: it
# holds no port and no database lock) and the port no longer answers.
cmd_kill() {
	require_root
	local pid
	pid="$(our_pid)" || { not_ours_or_not_running; return 0; }
	kill -KILL "$pid" 2>/dev/null || true
	local deadline=$((SECONDS + 30))
	while { alive "$pid" || answering; } && ((SECONDS < deadline)); do sleep 0.1; done
	alive "$pid" && die "pid $pid survived SIGKILL for 30 s"
	answering && die "$BASE_URL still answers after pid $pid was killed"
	rm -f "$PID_FILE"
	say "killed (pid $pid)"
}

cmd_status() {
	if answering; then
		local pid
		pid="$(our_pid)" || pid="unknown pid"
		say "running ($pid) at $BASE_URL"
		return 0
	fi
	say "not answering on $BASE_URL"
	return 1
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
kill) cmd_kill ;;
status) cmd_status ;;
*)
	echo "usage: $0 start|stop|kill|status   (env: SYNAPSE_PORT, SYNAPSE_FRESH, MATRIX_TUI_CACHE)" >&2
	exit 2
	;;
esac
