/**
 * The bench's Synapse (scripts/synapse.sh on SYNAPSE_PORT, 18448 by default): started if it does
 * not answer, and then stopped again at the end — one already running is left as it was.
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/synapse.sh', import.meta.url));

function synapse(command: 'start' | 'stop' | 'status', port: string): boolean {
	try {
		execFileSync('bash', [SCRIPT, command], {env: {...process.env, SYNAPSE_PORT: port}, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000});
		return true;
	} catch {
		return false;
	}
}

/** Makes sure Synapse answers and points test/e2e/support/homeserver.ts at it; returns how to put things back. */
export function useSynapse(): {stop: () => void} {
	const port = process.env['SYNAPSE_PORT'] ?? '18448';
	const started = !synapse('status', port);
	if (started && !synapse('start', port)) throw new Error(`scripts/synapse.sh start failed on port ${port}`);
	process.env['MATRIX_E2E_HOMESERVER'] = `http://127.0.0.1:${port}`;
	const secret = `${process.env['MATRIX_TUI_CACHE'] ?? '/var/cache/matrix-tui'}/synapse-root/srv/synapse-${port}/shared-secret`;
	process.env['MATRIX_E2E_SHARED_SECRET'] ??= readFileSync(secret, 'utf8').trim();
	return {stop: () => void (started && synapse('stop', port))};
}
