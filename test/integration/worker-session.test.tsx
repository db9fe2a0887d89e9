/**
 * The binary's session: matrix-js-sdk in a worker thread (from the build in dist/, as the binary
 * loads it), driving the real screen against the scenario server.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {createChat} from '../../src/chat.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import type {MatrixSession} from '../../src/matrix/protocol.js';
import type {WorkerOptions} from '../../src/matrix/worker-messages.js';
import type {Credentials} from '../../src/matrix/client.js';
import {readdirSync, readFileSync} from 'node:fs';
import {MATRIX_THREAD_NICE} from '../../src/matrix/thread-priority.js';
import {pane, plain} from '../support/screen.js';
import {waitFor} from '../support/wait.js';

/** The nice value of each of this process's threads (Linux). */
function threadNiceValues(): number[] {
	return readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
}

type WorkerSessionClass = new (credentials: Credentials, options?: WorkerOptions) => MatrixSession;

let server: ScenarioServer;
let WorkerSession: WorkerSessionClass;

beforeAll(async () => {
	// The worker runs compiled JavaScript: test/global-setup.ts built dist/ from the current source.
	// @ts-expect-error -- dist/ is built JavaScript without type declarations
	({WorkerSession} = (await import('../../dist/matrix/worker-session.js')) as {WorkerSession: WorkerSessionClass});
	server = await startScenarioServer();
}, 120_000);

afterAll(async () => {
	cleanup();
	await server?.close();
});

describe('WorkerSession', () => {
	test('syncs, loads the member list, and carries commands across the thread', async () => {
		const session = new WorkerSession({homeserver: server.url, userId: server.userId, accessToken: server.accessToken}, {reasonMaxWidth: 30});
		const chat = createChat(session, {size: {columns: 150, rows: 45}, initialRoom: '#demo:demo.local', onQuit: () => {}});
		const rendered = render(chat.element);
		const screen = () => plain(rendered.lastFrame());
		try {
			await session.start();
			await waitFor(() => screen().includes('connected') && screen().includes('Dave deactivated their account'), {describe: screen});
			await waitFor(() => pane(screen(), 2).includes('departed hidden'), {describe: screen});
			chat.store.dispatch({type: 'set-show-deleted', value: true});
			// The departed cross from the worker only once asked for: wait for their rows, not just the heading.
			await waitFor(() => pane(screen(), 2).includes(' Carol'), {describe: screen});
			// Reasons in the member list are trimmed by the worker, to its reasonMaxWidth.
			expect(pane(screen(), 2)).toMatch(/“Leaving because this project [^”]*…”/);
			const result = await session.perform({type: 'put-state', roomId: '!demo:demo.local', eventType: 'org.example.note', stateKey: '', content: {body: 'from the worker'}});
			expect(result).toMatchObject({ok: true});
			expect(server.roomState('!demo:demo.local', 'org.example.note', '')).toEqual({body: 'from the worker'});
			const forbidden = await session.perform({type: 'put-state', roomId: '!demo:demo.local', eventType: 'm.room.power_levels', stateKey: '', content: {}});
			expect(forbidden).toMatchObject({ok: false, error: {kind: 'forbidden', status: 403}});
			// The matrix thread gives way to this one on a contended core (Linux: a nice value per thread).
			if (process.platform === 'linux') {
				expect(threadNiceValues().filter((nice) => nice === MATRIX_THREAD_NICE)).toHaveLength(1);
				expect(threadNiceValues()).toContain(0); // this thread keeps the default
			}
		} finally {
			session.stop();
			rendered.unmount();
		}
	});
});
