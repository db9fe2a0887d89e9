import {describe, expect, it} from 'vitest';
import {fileURLToPath} from 'node:url';
import {chooseSessionKind, distUrl, SESSIONS} from '../../bench/client/session-factory.ts';

describe('chooseSessionKind', () => {
	it('takes BENCH_SESSION when it names a session', () => {
		expect(chooseSessionKind('sdk', true)).toBe('sdk');
		expect(chooseSessionKind('worker', false)).toBe('worker');
	});
	it('defaults to the worker session once it is built, else the SDK session', () => {
		expect(chooseSessionKind(undefined, true)).toBe('worker');
		expect(chooseSessionKind(undefined, false)).toBe('sdk');
	});
	it('refuses anything else', () => {
		expect(() => chooseSessionKind('fast', true)).toThrow(/worker or sdk/);
	});
});

describe('distUrl', () => {
	it('points into this checkout\'s dist/, or BENCH_DIST', () => {
		expect(fileURLToPath(distUrl(SESSIONS.sdk.module, {}))).toMatch(/\/dist\/matrix\/sdk-session\.js$/);
		expect(fileURLToPath(distUrl('chat.js', {BENCH_DIST: '/tmp/other/dist'}))).toBe('/tmp/other/dist/chat.js');
	});
});
