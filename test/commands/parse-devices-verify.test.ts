/** /devices and /verify: composer text → Command, with their usage errors. */
import {describe, expect, test} from 'vitest';
import {parseInput} from '../../src/commands/parse.js';

describe('/devices', () => {
	test.each([
		['/devices', {name: 'devices'}],
		['/devices delete ABCDEF', {name: 'delete-device', deviceId: 'ABCDEF'}],
		['/DEVICES Delete  ABCDEF ', {name: 'delete-device', deviceId: 'ABCDEF'}],
	])('%j is %j', (input, command) => {
		expect(parseInput(input)).toEqual({ok: true, command});
	});

	test.each([
		['/devices delete', '/devices delete needs a device ID — usage: /devices [delete <id>]'],
		['/devices delete A B', '/devices delete takes one device ID — usage: /devices [delete <id>]'],
		['/devices remove A', '/devices does not know "remove" — usage: /devices [delete <id>]'],
	])('%j is refused: %j', (input, error) => {
		expect(parseInput(input)).toEqual({ok: false, error});
	});
});

describe('/verify', () => {
	test.each([
		['/verify', {name: 'verify'}],
		['/verify OTHERDEVICE', {name: 'verify', deviceId: 'OTHERDEVICE'}],
		['/verify @bob:example.org', {name: 'verify', userId: '@bob:example.org'}],
		['/verify  @bob:example.org  BOBPHONE ', {name: 'verify', userId: '@bob:example.org', deviceId: 'BOBPHONE'}],
	])('%j is %j', (input, command) => {
		expect(parseInput(input)).toEqual({ok: true, command});
	});

	test.each([
		['/verify @bob', '/verify needs a user ID like @name:server, not "@bob" — usage: /verify [@user] [device]'],
		['/verify A B', '/verify takes at most a user and a device ID — usage: /verify [@user] [device]'],
		['/verify @bob:x A B', '/verify takes at most a user and a device ID — usage: /verify [@user] [device]'],
	])('%j is refused: %j', (input, error) => {
		expect(parseInput(input)).toEqual({ok: false, error});
	});
});
