#!/usr/bin/env bash
# End-to-end tests against a real Synapse: `npm run test:e2e [-- vitest args]`.
#
# Starts Synapse (scripts/synapse.sh) unless it is already running, runs vitest with
# vitest.e2e.config.ts, and stops Synapse again only if this script started it.
# Exits with vitest's status.
set -euo pipefail
cd "$(dirname "$0")/.."

export SYNAPSE_PORT="${SYNAPSE_PORT:-18448}"
CACHE="${MATRIX_TUI_CACHE:-/var/cache/matrix-tui}"
SECRET_FILE="$CACHE/synapse-root/srv/synapse-$SYNAPSE_PORT/shared-secret"

started=0
stop_synapse() {
	if ((started)); then
		bash scripts/synapse.sh stop || echo "e2e.sh: could not stop Synapse" >&2
	fi
}
trap stop_synapse EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if bash scripts/synapse.sh status >/dev/null 2>&1; then
	echo "e2e.sh: using the Synapse already running on port $SYNAPSE_PORT (it is left running)"
else
	started=1 # set before start: a half-started Synapse is stopped by the trap too
	bash scripts/synapse.sh start
fi

# Read by test/e2e/support/homeserver.ts.
export MATRIX_E2E_HOMESERVER="http://127.0.0.1:$SYNAPSE_PORT"
if [[ -r "$SECRET_FILE" ]]; then
	MATRIX_E2E_SHARED_SECRET="$(<"$SECRET_FILE")"
	export MATRIX_E2E_SHARED_SECRET
fi

status=0
npx vitest run --config vitest.e2e.config.ts "$@" || status=$?
exit "$status"
