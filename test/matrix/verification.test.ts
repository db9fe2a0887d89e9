/**
 * Verifications against a scripted crypto: the steps it shows, the request asked again once when
 * nobody answers, a timeout and a cancel from the other side as one line each, a second request
 * turned away while one is under way, and which request /verify makes for each target.
 */
import {EventEmitter} from 'node:events';
import type {MatrixClient} from 'matrix-js-sdk';
import {CryptoEvent, VerificationPhase, VerificationRequestEvent} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {describe, expect, test} from 'vitest';
import type {VerificationView} from '../../src/matrix/protocol.js';
import {Verifications} from '../../src/matrix/verification.js';
import {waitFor} from '../support/wait.js';

const ME = '@me:x';
const MINE = 'MINE';

class FakeRequest extends EventEmitter {
	phase = VerificationPhase.Requested;
	cancellationCode: string | null = null;
	cancelled: Array<{code?: string; reason?: string}> = [];
	verifier = undefined;
	constructor(
		readonly otherUserId: string,
		readonly otherDeviceId: string | undefined,
		readonly initiatedByMe: boolean,
	) {
		super();
	}
	async accept() {}
	/** As the SDK's: cancelled here, the request goes to Cancelled and says so (a Change), before the promise settles. */
	async cancel(params: {code?: string; reason?: string} = {}) {
		this.cancelled.push(params);
		this.phase = VerificationPhase.Cancelled;
		this.cancellationCode = params.code ?? 'm.user';
		this.emit(VerificationRequestEvent.Change);
	}
	/** The other side cancels. */
	cancelledThere(code: string) {
		this.phase = VerificationPhase.Cancelled;
		this.cancellationCode = code;
		this.emit(VerificationRequestEvent.Change);
	}
}

function setUp(options: {devices?: string[]; crossSigning?: boolean; times?: {retryAfterMs: number; timeoutMs: number}} = {}) {
	const client = new EventEmitter() as EventEmitter & Record<string, unknown>;
	const requests: FakeRequest[] = [];
	const asked: string[] = [];
	const make = (userId: string, deviceId?: string) => {
		const request = new FakeRequest(userId, deviceId, true);
		requests.push(request);
		return request;
	};
	const crypto = {
		getUserDeviceInfo: async (userIds: string[]) => new Map([[userIds[0], new Map((options.devices ?? [MINE, 'OTHER']).map((id) => [id, {}]))]]),
		userHasCrossSigningKeys: async () => options.crossSigning ?? false,
		requestDeviceVerification: async (userId: string, deviceId: string) => (asked.push(`device ${userId} ${deviceId}`), make(userId, deviceId)),
		requestOwnUserVerification: async () => (asked.push('own user'), make(ME)),
		requestVerificationDM: async (userId: string, roomId: string) => (asked.push(`dm ${userId} ${roomId}`), make(userId)),
	};
	Object.assign(client, {getCrypto: () => crypto, getSafeUserId: () => ME, getDeviceId: () => MINE, getAccountData: () => undefined, getRooms: () => [], getRoom: () => null});
	const views: VerificationView[] = [];
	const verifications = new Verifications(client as unknown as MatrixClient, (view) => views.push(view), options.times ?? {retryAfterMs: 60_000, timeoutMs: 60_000});
	verifications.listen();
	return {client, verifications, views, requests, asked};
}

const last = (views: VerificationView[]) => views.at(-1);

describe('/verify asks the right request', () => {
	test('your one other device, by device, before cross-signing exists', async () => {
		const {verifications, asked, views} = setUp();
		await verifications.start({});
		expect(asked).toEqual([`device ${ME} OTHER`]);
		expect(last(views)).toEqual({id: 1, phase: 'waiting', userId: ME, deviceId: 'OTHER'});
		verifications.stop();
	});

	test('all your devices at once with cross-signing; a named device directly', async () => {
		const first = setUp({crossSigning: true});
		await first.verifications.start({});
		expect(first.asked).toEqual(['own user']);
		first.verifications.stop();
		const second = setUp({devices: [MINE, 'A', 'B']});
		await second.verifications.start({deviceId: 'B'});
		expect(second.asked).toEqual([`device ${ME} B`]);
		second.verifications.stop();
	});

	test('several devices and no cross-signing: name one; none: nothing to verify; unknown: said so', async () => {
		await expect(setUp({devices: [MINE, 'A', 'B']}).verifications.start({})).rejects.toThrow('name the device: /verify <device ID> (2 devices, see /devices)');
		await expect(setUp({devices: [MINE]}).verifications.start({})).rejects.toThrow('you have no other device to verify (see /devices)');
		await expect(setUp().verifications.start({deviceId: 'NOPE'})).rejects.toThrow('your account has no device NOPE with encryption keys');
	});

	test('another user with cross-signing needs a direct chat', async () => {
		await expect(setUp({crossSigning: true}).verifications.start({userId: '@bob:x'})).rejects.toThrow('no direct chat with @bob:x to verify in — open one first');
	});
});

describe('how a verification ends', () => {
	test('unanswered, the request goes once more; still unanswered, it times out in one line and is cancelled', async () => {
		const {verifications, requests, views} = setUp({times: {retryAfterMs: 30, timeoutMs: 150}});
		await verifications.start({});
		await waitFor(() => requests.length === 2, {what: 'the request asked again'});
		expect(requests[0]!.cancelled).toEqual([{code: 'm.user', reason: 'asking again'}]);
		// Our own cancel of the first request is no news: still waiting, on the second.
		expect(last(views)).toMatchObject({phase: 'waiting'});
		expect(views.some((view) => view.phase === 'failed')).toBe(false);
		await waitFor(() => last(views)?.phase === 'failed', {what: 'the timeout'});
		expect(last(views)?.line).toBe(`Verification with your device OTHER timed out — no answer; nothing was verified`);
		expect(requests[1]!.cancelled).toEqual([{code: 'm.timeout', reason: last(views)?.line}]);
		expect(requests).toHaveLength(2);
	});

	test('a cancel from the other side is one line, with why', async () => {
		const {verifications, requests, views} = setUp();
		await verifications.start({});
		requests[0]!.cancelledThere('m.mismatched_sas');
		expect(last(views)).toMatchObject({phase: 'failed', line: 'Verification cancelled by the other side (the emoji did not match) — nothing was verified'});
		// Ended: a late answer is refused rather than sent to a dead request.
		await expect(verifications.answer(1, 'cancel')).rejects.toThrow('that verification has ended');
	});

	test('an incoming request opens the prompt; a second one meanwhile is turned away; decline ends it', async () => {
		const {client, verifications, views} = setUp();
		const incoming = new FakeRequest('@bob:x', 'BOBPHONE', false);
		client.emit(CryptoEvent.VerificationRequestReceived, incoming);
		expect(last(views)).toEqual({id: 1, phase: 'incoming', userId: '@bob:x', deviceId: 'BOBPHONE'});
		const another = new FakeRequest('@carol:x', 'C', false);
		client.emit(CryptoEvent.VerificationRequestReceived, another);
		expect(another.cancelled).toEqual([{code: 'm.user', reason: 'another verification is under way'}]);
		await verifications.answer(1, 'decline');
		expect(last(views)).toMatchObject({phase: 'failed', line: 'Verification declined — nothing was verified'});
		expect(incoming.cancelled).toHaveLength(1);
	});
});
