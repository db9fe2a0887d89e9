/**
 * Stopping and starting the Synapse the tests run against (scripts/synapse.sh), for network-fault
 * scenarios (stopped cleanly, or killed as in a crash). Restarts keep the database (SYNAPSE_FRESH=0):
 * users, tokens and rooms survive.
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {homeserverUrl} from './homeserver.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/synapse.sh', import.meta.url));

function run(command: 'start' | 'stop' | 'kill' | 'status'): Promise<{ok: boolean; output: string}> {
	const port = new URL(homeserverUrl()).port;
	return new Promise((resolve) => {
		execFile('bash', [SCRIPT, command], {env: {...process.env, SYNAPSE_PORT: port, SYNAPSE_FRESH: '0'}, timeout: 90_000}, (error, stdout, stderr) => {
			resolve({ok: !error, output: `${stdout}${stderr}`});
		});
	});
}

export async function stopSynapse(): Promise<void> {
	const result = await run('stop');
	if (!result.ok) throw new Error(`synapse.sh stop failed:\n${result.output}`);
}

/** A crash: SIGKILL, no shutdown; resolves once the process is gone and the port is silent. */
export async function killSynapse(): Promise<void> {
	const result = await run('kill');
	if (!result.ok) throw new Error(`synapse.sh kill failed:\n${result.output}`);
}

/** Starts Synapse again on the same port and data (a no-op if it is running). */
export async function startSynapse(): Promise<void> {
	const result = await run('start');
	if (!result.ok) throw new Error(`synapse.sh start failed:\n${result.output}`);
}

export async function synapseAnswers(): Promise<boolean> {
	try {
		const response = await fetch(`${homeserverUrl()}/_matrix/client/versions`, {signal: AbortSignal.timeout(2000)});
		return response.ok;
	} catch {
		return false;
	}
}
