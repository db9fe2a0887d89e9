/** /recovery parsed: "setup" and "reset" (any case) are verbs, anything else is a recovery key, kept whole; only the key is a secret. */
import {describe, expect, test} from 'vitest';
import {carriesSecret} from '../../src/commands/command.js';
import {parseInput} from '../../src/commands/parse.js';

const KEY = 'EsTj 3yST y93F SLpB jJsz eAXc 2XzA ygD3 w69H fGaN TKBj jXEd';

describe('/recovery', () => {
	test.each([
		['/recovery setup', {name: 'recovery-setup'}],
		['/recovery SETUP', {name: 'recovery-setup'}],
		['/recovery reset', {name: 'recovery-reset'}],
		['/recovery Reset', {name: 'recovery-reset'}],
		[`/recovery ${KEY}`, {name: 'recovery-restore', recoveryKey: KEY}],
		[`/RECOVERY   ${KEY}  `, {name: 'recovery-restore', recoveryKey: KEY}],
		['/recovery setup now', {name: 'recovery-restore', recoveryKey: 'setup now'}],
		['/recovery reset now', {name: 'recovery-restore', recoveryKey: 'reset now'}],
	])('%s', (input, command) => {
		expect(parseInput(input)).toEqual({ok: true, command});
	});

	test('with nothing after it: the usage, which repeats nothing typed', () => {
		expect(parseInput('/recovery')).toEqual({ok: false, error: '/recovery needs "setup", "reset" or your recovery key — usage: /recovery setup|reset|<key>'});
	});

	test('only a command that carries a recovery key is a secret', () => {
		expect(carriesSecret({name: 'recovery-restore', recoveryKey: KEY})).toBe(true);
		expect(carriesSecret({name: 'recovery-setup'})).toBe(false);
		expect(carriesSecret({name: 'recovery-reset'})).toBe(false);
		expect(carriesSecret({name: 'send', body: KEY})).toBe(false);
	});
});
