import {describe, expect, test} from 'vitest';
import {resolveCliOptions, unknownFlag} from '../src/cli-options.js';

describe('resolveCliOptions', () => {
	test('flags win over the environment; env fills the gaps', () => {
		const result = resolveCliOptions({user: '@a:x'}, {MATRIX_HOMESERVER: 'https://hs.example/', MATRIX_USER: '@b:x', MATRIX_ACCESS_TOKEN: 'tok'});
		expect(result).toEqual({ok: true, options: {homeserver: 'https://hs.example', user: '@a:x', accessToken: 'tok', configDir: undefined, room: undefined, demo: false, logout: false}});
	});

	test.each([
		[{homeserver: 'ftp://x'}, '--homeserver must be an http(s) URL'],
		[{homeserver: 'not a url'}, '--homeserver must be an http(s) URL'],
		[{user: '@no-server'}, '--user must be a user ID'],
		[{room: ''}, '--room needs a value'],
		[{accessToken: 'tok'}, '--access-token needs --homeserver and --user too'],
		[{demo: true, logout: true}, 'cannot be used together'],
	])('%j is refused with one line', (flags, message) => {
		const result = resolveCliOptions(flags, {});
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toContain(message);
	});

	test('a bare user name is accepted for the login form', () => {
		expect(resolveCliOptions({user: 'alice'}, {}).ok).toBe(true);
	});
});

describe('unknownFlag', () => {
	test.each([
		[['--demo'], undefined],
		[['--config-dir', '/tmp/x', '--room=abc'], undefined],
		[['--accessToken', 't'], undefined],
		[['--no-demo'], undefined],
		[['--bogus=3'], '--bogus'],
		[['--demo', '-x'], '-x'],
		[['--', '--bogus'], undefined],
	])('%j → %s', (argv, expected) => {
		expect(unknownFlag(argv)).toBe(expected);
	});
});
