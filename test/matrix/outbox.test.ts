/** The outbox's state machine on its own: typed, sending, waiting for retry, sent, confirmed, refused. */
import {describe, expect, test} from 'vitest';
import {MAX_RETRY_MS, Outbox, retryDelayMs} from '../../src/matrix/outbox.js';

const A = '!a:example.org';
const B = '!b:example.org';
const temporary = {temporary: true as const, why: 'cannot reach the homeserver'};
const refusal = {temporary: false as const, why: 'not allowed'};

function outboxWith(...typed: Array<[txnId: string, roomId: string]>): Outbox {
	const outbox = new Outbox();
	for (const [txnId, roomId] of typed) outbox.add({txnId, roomId, eventType: 'm.room.message', content: {msgtype: 'm.text', body: txnId}, typedAt: 0});
	return outbox;
}

const dueIds = (outbox: Outbox, now: number) => outbox.due(now).map((entry) => entry.txnId);

describe('order', () => {
	test('per room only the oldest unfinished message is due; rooms go side by side', () => {
		const outbox = outboxWith(['a1', A], ['a2', A], ['b1', B]);
		expect(dueIds(outbox, 0)).toEqual(['a1', 'b1']);
		outbox.started('a1');
		expect(dueIds(outbox, 0)).toEqual(['b1']);
		outbox.succeeded('a1', '$a1');
		expect(dueIds(outbox, 0)).toEqual(['a2', 'b1']);
	});

	test('a refused message steps aside: the ones behind it go', () => {
		const outbox = outboxWith(['a1', A], ['a2', A]);
		outbox.started('a1');
		outbox.failed('a1', refusal, 0);
		expect(outbox.get('a1')).toMatchObject({state: 'refused', reason: 'not allowed'});
		expect(dueIds(outbox, 0)).toEqual(['a2']);
	});

	test('a temporary failure holds the room until its retry is due, with the reason kept', () => {
		const outbox = outboxWith(['a1', A], ['a2', A]);
		outbox.started('a1');
		outbox.failed('a1', temporary, 1000);
		expect(outbox.get('a1')).toMatchObject({state: 'retrying', retryAt: 2000, reason: 'cannot reach the homeserver'});
		expect(dueIds(outbox, 1999)).toEqual([]);
		expect(outbox.nextRetryAt()).toBe(2000);
		expect(dueIds(outbox, 2000)).toEqual(['a1']);
	});
});

describe('backoff', () => {
	test('doubles from a second up to the cap, and never gives up', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000, MAX_RETRY_MS, MAX_RETRY_MS, MAX_RETRY_MS]);
		const outbox = outboxWith(['a1', A]);
		let now = 0;
		for (let attempt = 1; attempt <= 20; attempt++) {
			outbox.started('a1');
			outbox.failed('a1', temporary, now);
			now = outbox.get('a1')!.retryAt!;
		}
		expect(outbox.get('a1')).toMatchObject({state: 'retrying', attempts: 20});
	});

	test('a rate limit waits what the server asked', () => {
		const outbox = outboxWith(['a1', A]);
		outbox.started('a1');
		outbox.failed('a1', {temporary: true, why: 'rate-limited', afterMs: 7500}, 100);
		expect(outbox.get('a1')!.retryAt).toBe(7600);
	});

	test('retryNow makes every waiting retry due at once (the server answers again)', () => {
		const outbox = outboxWith(['a1', A], ['b1', B]);
		for (const id of ['a1', 'b1']) {
			outbox.started(id);
			outbox.failed(id, temporary, 0);
		}
		outbox.retryNow(10);
		expect(dueIds(outbox, 10)).toEqual(['a1', 'b1']);
	});
});

describe('confirmation', () => {
	const synced = (txnId?: string, eventId = '$x') => ({type: 'm.room.message', event_id: eventId, ...(txnId ? {unsigned: {transaction_id: txnId}} : {})});

	test('a sync showing the transaction ID delivers it from any state, even while its /send is out', () => {
		const outbox = outboxWith(['a1', A], ['a2', A], ['a3', A]);
		outbox.started('a1');
		outbox.failed('a2', refusal, 0);
		const removed = outbox.confirm(A, [synced('a1'), synced('a2'), synced('a3')]);
		expect(removed.map((entry) => entry.txnId)).toEqual(['a1', 'a2', 'a3']);
		expect(outbox.size).toBe(0);
		// The attempt's answer arrives afterwards: nothing comes back.
		outbox.failed('a1', temporary, 0);
		outbox.succeeded('a1', '$a1');
		expect(outbox.size).toBe(0);
	});

	test('a sent message is known by the event ID its /send answered', () => {
		const outbox = outboxWith(['a1', A]);
		outbox.started('a1');
		outbox.succeeded('a1', '$stored');
		expect(outbox.confirm(A, [synced(undefined, '$other')])).toEqual([]);
		expect(outbox.confirm(A, [synced(undefined, '$stored')]).map((entry) => entry.txnId)).toEqual(['a1']);
	});

	test('only in its own room', () => {
		const outbox = outboxWith(['a1', A]);
		expect(outbox.confirm(B, [synced('a1')])).toEqual([]);
		expect(outbox.size).toBe(1);
	});

	test('an answer lost after the server stored it is only a temporary failure: sent again, never refused', () => {
		const outbox = outboxWith(['a1', A]);
		outbox.started('a1');
		outbox.failed('a1', temporary, 0);
		expect(outbox.get('a1')!.state).toBe('retrying');
		expect(outbox.summary()).toEqual({waiting: 1, notSent: 0, why: 'cannot reach the homeserver'});
	});

	test('a limited sync forgets sent messages (their event lies in the gap), and only those', () => {
		const outbox = outboxWith(['a1', A], ['a2', A]);
		outbox.started('a1');
		outbox.succeeded('a1', '$a1');
		expect(outbox.forgetSent(A).map((entry) => entry.txnId)).toEqual(['a1']);
		expect(outbox.all().map((entry) => entry.txnId)).toEqual(['a2']);
	});
});

describe("the user's choices for a refused message", () => {
	test('/retry queues the room\'s refused messages again, in their places', () => {
		const outbox = outboxWith(['a1', A], ['a2', A], ['b1', B]);
		for (const id of ['a1', 'a2', 'b1']) {
			outbox.started(id);
			outbox.failed(id, refusal, 0);
		}
		expect(outbox.retryRefused(A)).toBe(2);
		expect(outbox.get('a1')).toMatchObject({state: 'queued'});
		expect(outbox.get('a1')!.reason).toBeUndefined();
		expect(dueIds(outbox, 0)).toEqual(['a1']);
		expect(outbox.get('b1')!.state).toBe('refused');
	});

	test('the newest refused message is the one dropped; a message not refused cannot be dropped', () => {
		const outbox = outboxWith(['a1', A], ['a2', A], ['a3', A]);
		for (const id of ['a1', 'a2']) {
			outbox.started(id);
			outbox.failed(id, refusal, 0);
		}
		expect(outbox.newestRefused(A)?.txnId).toBe('a2');
		expect(outbox.drop('a3')).toBeUndefined();
		expect(outbox.drop('a2')?.txnId).toBe('a2');
		expect(outbox.newestRefused(A)?.txnId).toBe('a1');
	});

	test('the summary counts waiting and refused apart, and says why the oldest waits', () => {
		const outbox = outboxWith(['a1', A], ['a2', A], ['b1', B]);
		outbox.started('a1');
		outbox.failed('a1', refusal, 0);
		outbox.started('a2');
		outbox.failed('a2', {temporary: true, why: 'the server answered 502'}, 0);
		outbox.held('b1', 'waiting for the first sync');
		expect(outbox.summary()).toEqual({waiting: 2, notSent: 1, why: 'the server answered 502'});
	});
});
