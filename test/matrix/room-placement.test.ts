/** RoomPlacement: which account-data changes send rooms to the app again. */
import {EventEmitter} from 'node:events';
import {ClientEvent, EventType, type MatrixClient} from 'matrix-js-sdk';
import {expect, test} from 'vitest';
import {RoomPlacement} from '../../src/matrix/room-placement.js';

function fakeClient() {
	const emitter = new EventEmitter();
	const client = Object.assign(emitter, {getAccountData: () => undefined, getUserId: () => '@me:x'});
	return {client: client as unknown as MatrixClient, emit: (type: string) => emitter.emit(ClientEvent.AccountData, {getType: () => type})};
}

test.each([
	[EventType.PushRules as string, ['all']],
	[EventType.Direct as string, ['all']],
	['m.ignored_user_list', []],
	['org.example.other', []],
])('account data %s: rooms sent again %j', (type, expected) => {
	const {client, emit} = fakeClient();
	const changed: unknown[] = [];
	new RoomPlacement(client).listen((rooms) => changed.push(rooms));
	emit(type);
	expect(changed).toEqual(expected);
});
