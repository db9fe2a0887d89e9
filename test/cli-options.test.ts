import {describe, expect, test} from 'vitest';
import {spawnSync} from 'node:child_process';
import {resolveCliOptions, unknownFlag} from '../src/cli-options.js';

describe('resolveCliOptions', () => {
	test('flags win over the environment; env fills the gaps', () => {
		const result = resolveCliOptions({user: '@a:x'}, {MATRIX_HOMESERVER: 'https://hs.example/', MATRIX_USER: '@b:x', MATRIX_ACCESS_TOKEN: 'tok'});
		expect(result).toEqual({ok: true, options: {homeserver: 'https://hs.example', user: '@a:x', accessToken: 'tok', configDir: undefined, room: undefined, demo: false, logout: false, clearCache: false, sync: undefined}});
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

describe('the built binary', () => {
	const run = (...args: string[]) => spawnSync(process.execPath, ['bin/matrix-tui.js', ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	const USAGE = [
		'  Usage',
		'    $ matrix-tui [options]',
		'',
		'  Options',
		'    --homeserver URL       homeserver to use            (env MATRIX_HOMESERVER)',
		'    --user ID              your user ID                 (env MATRIX_USER)',
		'    --access-token TOKEN   skip the login form          (env MATRIX_ACCESS_TOKEN)',
		'    --config-dir DIR       where settings and the session are kept (env MATRIX_TUI_CONFIG_DIR)',
		'    --room ROOM            open this room first (ID, alias or name)',
		'    --demo                 try it without an account: a built-in scenario server',
		'    --logout               end the saved session on the server and forget it',
		'    --clear-cache          empty the local cache: this start is a full sync',
		'    --sync MODE            auto (default: sliding sync, MSC4186, where offered), classic or sliding',
		'    --help, --version',
		'',
		'  Environment',
		"    MATRIX_TUI_LOG=FILE    write the Matrix SDK's log to FILE",
		'',
		'  In the app, /help lists commands and keys.',
	].join('\n');

	test('--help prints the description and the usage, and exits 0', () => {
		const result = run('--help');
		expect(result.status).toBe(0);
		expect(result.stdout).toBe(`\n  A terminal Matrix client with leave reasons, deactivation labels (MSC3759) and hidden deleted state (MSC3901)\n\n${USAGE}\n\n`);
	});

	test.each([
		[['--bogus'], 'unknown flag --bogus'],
		[['extra'], 'unexpected argument "extra"'],
		[['--homeserver', 'ftp://x'], '--homeserver must be an http(s) URL, like https://matrix.org (got "ftp://x")'],
		[['--room='], '--room needs a value'],
		[['--sync', 'fast'], '--sync must be auto, classic or sliding (got "fast")'],
	])('%j: one line, the usage, exit 2', (args, line) => {
		const result = run(...args);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`matrix-tui: ${line}\n\n${USAGE}\n`);
	});
});
