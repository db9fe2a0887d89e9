/**
 * A verification request the crypto dropped because it met it before the device's keys: handed
 * to the crypto again once they are in (our own account's asked of the server), once only — at
 * once when they came in just after the drop; left alone when the crypto took it, when it is stale
 * (the crypto drops those by design), or when the device never shows up.
 */
import {EventEmitter} from 'node:events';
import {ClientEvent, type IToDeviceEvent, type MatrixClient} from 'matrix-js-sdk';
import {expect, test} from 'vitest';
import {LateRequests} from '../../src/matrix/late-requests.js';
import {waitFor} from '../support/wait.js';

const ME = '@me:x';

function request(sender: string, transactionId = 'T1', timestamp = Date.now()): IToDeviceEvent {
	return {type: 'm.key.verification.request', sender, content: {from_device: 'NEW', transaction_id: transactionId, methods: ['m.sas.v1'], timestamp}};
}

function setUp(options: {knownAfterQueries?: number; taken?: string[]} = {}) {
	const client = new EventEmitter() as EventEmitter & Record<string, unknown>;
	let serverQueries = 0;
	const handed: IToDeviceEvent[][] = [];
	const known = () => options.knownAfterQueries !== undefined && serverQueries >= options.knownAfterQueries;
	const crypto = {
		getVerificationRequestsToDeviceInProgress: () => (options.taken ?? []).map((transactionId) => ({transactionId})),
		userHasCrossSigningKeys: async (_userId: string, download: boolean) => {
			if (download) serverQueries++;
			return false;
		},
		getUserDeviceInfo: async (userIds: string[]) => new Map([[userIds[0], new Map(known() ? [['NEW', {}]] : [])]]),
		processSyncChanges: async (changes: {toDeviceEvents: IToDeviceEvent[]; useMsc4186: boolean}) => {
			expect(changes.useMsc4186).toBe(true);
			handed.push(changes.toDeviceEvents);
		},
	};
	Object.assign(client, {getCrypto: () => crypto, getUserId: () => ME});
	const late = new LateRequests(client as unknown as MatrixClient, {tries: 3, pauseMs: 1});
	return {client, late, handed, queries: () => serverQueries};
}

test('dropped before our new device was known: handed again once its keys are fetched, and only once', async () => {
	const {late, handed, queries} = setUp({knownAfterQueries: 2});
	const message = request(ME);
	await expect(late.check(message)).resolves.toBe('handed');
	expect(handed).toEqual([[message]]);
	expect(queries()).toBe(2);
	await expect(late.check(message)).resolves.toBe('left');
	expect(handed).toHaveLength(1);
});

test('heard from the sync: the request seen there goes through the same way', async () => {
	const {client, late, handed} = setUp({knownAfterQueries: 1});
	late.listen();
	client.emit(ClientEvent.ReceivedToDeviceMessage, {message: {type: 'm.room_key_request', sender: ME, content: {}}, encryptionInfo: null});
	client.emit(ClientEvent.ReceivedToDeviceMessage, {message: request(ME), encryptionInfo: null});
	await waitFor(() => handed.length === 1, {what: 'the request handed again'});
	expect(handed[0]![0]!.type).toBe('m.key.verification.request');
});

test("the device's keys stored just after the drop (the crypto's own query was under way): handed at once, the server not asked", async () => {
	const {late, handed, queries} = setUp({knownAfterQueries: 0});
	const message = request('@bob:x');
	await expect(late.check(message)).resolves.toBe('handed');
	expect(handed).toEqual([[message]]);
	expect(queries()).toBe(0);
});

test('left alone: taken by the crypto, stale (over 10 minutes old or 5 ahead), or from a device that never shows up', async () => {
	await expect(setUp({knownAfterQueries: 0, taken: ['T1']}).late.check(request(ME))).resolves.toBe('left');
	for (const timestamp of [Date.now() - 11 * 60_000, Date.now() + 6 * 60_000, Number.NaN]) {
		const stale = setUp({knownAfterQueries: 0});
		await expect(stale.late.check(request(ME, 'T1', timestamp))).resolves.toBe('left');
		expect(stale.handed).toEqual([]);
	}
	const never = setUp();
	await expect(never.late.check(request(ME))).resolves.toBe('left');
	expect(never.handed).toEqual([]);
	expect(never.queries()).toBe(3);
	await expect(setUp({knownAfterQueries: 1}).late.check({type: 'm.key.verification.request', sender: ME, content: {transaction_id: 'T1'}})).resolves.toBe('left');
});
