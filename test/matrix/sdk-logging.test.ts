import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, expect, test, vi, type MockInstance} from 'vitest';
import {logger as deprecatedModuleLogger} from 'matrix-js-sdk/lib/logger.js';
import {logSdkTo} from '../../src/matrix/sdk-logger.js';
import {waitFor} from '../support/wait.js';
import {ALICE, ROOM, watchedSession} from './scenario-session.js';

// The module-level logger the SDK's own modules log through (deprecated for anyone else).
// eslint-disable-next-line @typescript-eslint/no-deprecated
const sdkModuleLogger = deprecatedModuleLogger;

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let spies: MockInstance[] = [];
let dir: string | undefined;

beforeEach(() => {
	spies = METHODS.map((method) => vi.spyOn(console, method));
});
afterEach(() => {
	for (const spy of spies) spy.mockRestore();
	logSdkTo(undefined);
	if (dir) rmSync(dir, {recursive: true, force: true});
	dir = undefined;
});

const consoleCalls = () => spies.flatMap((spy, index) => spy.mock.calls.map((args) => `${METHODS[index]}: ${args.map(String).join(' ')}`));

test('nothing the SDK says reaches the console: a whole session, and its global logger', async () => {
	const watched = await watchedSession();
	try {
		const {session, server} = watched;
		await session.perform({type: 'load-members', roomId: ROOM});
		await session.perform({type: 'paginate-back', roomId: ROOM});
		await session.perform({type: 'send-text', roomId: ROOM, body: 'hello'});
		await session.perform({type: 'mark-read', roomId: ROOM});
		// Refusals log too.
		await session.perform({type: 'get-state', roomId: ROOM, eventType: 'org.example.none', stateKey: ''});
		server.injectEvent(ROOM, {type: 'm.room.message', sender: ALICE, content: {msgtype: 'm.text', body: 'bye'}});
		await waitFor(() => watched.room().events.at(-1)?.content?.['body'] === 'bye');
	} finally {
		await watched.close();
	}
	for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) sdkModuleLogger[level]('probe', level);
	expect(consoleCalls()).toEqual([]);
});

test('with a log file, the global logger and the client’s children of it write there', async () => {
	dir = mkdtempSync(join(tmpdir(), 'sdk-log-'));
	const file = join(dir, 'sdk.log');
	logSdkTo(file);
	const watched = await watchedSession();
	await watched.close();
	sdkModuleLogger.warn('global probe');
	const log = readFileSync(file, 'utf8');
	expect(log).toMatch(/^\S+Z warn \[matrix\] global probe$/m);
	// The client's sync loop logs through its child "sync".
	expect(log).toMatch(/^\S+Z \w+ \[matrix-sync\] /m);
	expect(consoleCalls()).toEqual([]);
});
