/**
 * The outbox driven on fake time, through a transport the test answers by hand: a long outage,
 * an answer lost after the server stored the message, a cut answer, a rate limit, a refusal, a
 * restart from disk.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {ConnectionError, MatrixError} from 'matrix-js-sdk';
import {outboxFile} from '../../src/matrix/outbox-file.js';
import type {OutboxEntry} from '../../src/matrix/outbox.js';
import {OutboxSender, SendRefused, type OutboxTransport, type SendCheck} from '../../src/matrix/outbox-sender.js';

const ROOM = '!r:example.org';
const OTHER = '!o:example.org';

interface Attempt {
	entry: OutboxEntry;
	txnId: string;
	body: string;
	resolve(eventId: string): void;
	reject(error: unknown): void;
}

/** A transport whose every /send waits for the test to answer it. */
class HandTransport implements OutboxTransport {
	readonly attempts: Attempt[] = [];
	verdict: SendCheck = undefined;
	check(): SendCheck {
		return this.verdict;
	}
	send(entry: OutboxEntry): Promise<string> {
		return new Promise((resolve, reject) => this.attempts.push({entry, txnId: entry.txnId, body: String(entry.content['body']), resolve, reject}));
	}
	/** The attempts not answered yet. */
	get open(): Attempt[] {
		return this.attempts.filter((attempt) => !answered.has(attempt));
	}
}
const answered = new WeakSet<Attempt>();
const answer = (attempt: Attempt | undefined, outcome: string | Error) => {
	if (!attempt) throw new Error('no attempt to answer');
	answered.add(attempt);
	if (typeof outcome === 'string') attempt.resolve(outcome);
	else attempt.reject(outcome);
};

const serverError = (status: number, errcode = 'M_UNKNOWN', extra: Record<string, unknown> = {}) => new MatrixError({errcode, error: `status ${status}`, ...extra}, status);

let transport: HandTransport;
let changed: string[];
let problems: string[];
let syncedIds: Set<string>;
let directory: string;

function sender(file?: string): OutboxSender {
	return new OutboxSender(transport, file ? outboxFile(file, {userId: '@me:example.org', deviceId: 'DEV'}, new Uint8Array(32)) : undefined, {
		changed: (roomIds) => changed.push(...roomIds),
		problem: (text) => problems.push(text),
		synced: (_roomId, eventId) => syncedIds.has(eventId),
	});
}

/** Lets the promise callbacks of answered attempts run (fake timers leave microtasks alone). */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
	vi.useFakeTimers();
	transport = new HandTransport();
	changed = [];
	problems = [];
	syncedIds = new Set();
	directory = mkdtempSync(join(tmpdir(), 'outbox-sender-'));
});
afterEach(() => {
	vi.useRealTimers();
	rmSync(directory, {recursive: true, force: true});
});

describe('a long outage', () => {
	test('attempts go on with a capped backoff for as long as it lasts; messages behind wait their turn, then all go once, in order', async () => {
		const outbox = sender();
		const first = outbox.add(ROOM, 'm.room.message', {msgtype: 'm.text', body: 'one'});
		outbox.add(ROOM, 'm.room.message', {msgtype: 'm.text', body: 'two'});
		// Ten minutes of 500s: far past the SDK's own 30 s budget.
		let failures = 0;
		const end = Date.now() + 10 * 60_000;
		while (Date.now() < end) {
			const open = transport.open;
			expect(open.map((attempt) => attempt.body)).toEqual(open.length ? ['one'] : []);
			if (open.length) {
				answer(open[0], serverError(500));
				failures++;
			}
			await vi.advanceTimersByTimeAsync(1000);
		}
		expect(outbox.summary).toMatchObject({waiting: 2, notSent: 0});
		expect(outbox.summary.why).toContain('500');
		// Capped at 30 s: about 20 waits of 30 s in ten minutes, plus the first doublings.
		expect(failures).toBeGreaterThanOrEqual(20);
		expect(failures).toBeLessThanOrEqual(30);
		// Every attempt carried the transaction ID given when it was typed.
		expect(new Set(transport.attempts.filter((attempt) => attempt.body === 'one').map((attempt) => attempt.txnId))).toEqual(new Set([first]));

		// The server is back: a sync goes through, and the one waiting goes at once, not at its backoff.
		outbox.wake();
		answer(transport.open[0], '$one');
		await settle();
		expect(transport.open.map((attempt) => attempt.body)).toEqual(['two']);
		answer(transport.open[0], '$two');
		await settle();
		expect(outbox.summary).toEqual({waiting: 0, notSent: 0});
		expect(transport.attempts.filter((attempt) => answered.has(attempt) && attempt.body === 'two')).toHaveLength(1);
	});

	test('connection errors, cut answers and errors without a status are all temporary', async () => {
		const outbox = sender();
		outbox.add(ROOM, 'm.room.message', {body: 'x'});
		for (const error of [new ConnectionError('fetch failed'), new SyntaxError('Unexpected end of JSON input'), new TypeError('terminated'), serverError(502), serverError(429, 'M_LIMIT_EXCEEDED')]) {
			answer(transport.open[0], error);
			await settle();
			expect(outbox.echoes(ROOM)[0]).toMatchObject({state: 'retrying'});
			await vi.advanceTimersByTimeAsync(60_000);
		}
		expect(transport.open).toHaveLength(1);
	});

	test('a 429 waits exactly what the server asked before the next attempt', async () => {
		const outbox = sender();
		outbox.add(ROOM, 'm.room.message', {body: 'x'});
		answer(transport.open[0], serverError(429, 'M_LIMIT_EXCEEDED', {retry_after_ms: 5000}));
		await settle();
		await vi.advanceTimersByTimeAsync(4999);
		expect(transport.open).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(transport.open).toHaveLength(1);
	});
});

describe('lost answers', () => {
	test('stored, its answer reset, its sync already in: delivered — the failure changes nothing and nothing is sent again', async () => {
		const outbox = sender();
		const txnId = outbox.add(ROOM, 'm.room.message', {body: 'stored'});
		outbox.add(ROOM, 'm.room.message', {body: 'next'});
		outbox.synced(ROOM, [{type: 'm.room.message', event_id: '$stored', unsigned: {transaction_id: txnId}}], false);
		answer(transport.open[0], new ConnectionError('socket hang up'));
		await settle();
		expect(outbox.echoes(ROOM).map((entry) => entry.content['body'])).toEqual(['next']);
		expect(outbox.summary).toEqual({waiting: 1, notSent: 0});
		// The next message went out; the stored one never again.
		expect(transport.attempts.map((attempt) => attempt.body)).toEqual(['stored', 'next']);
	});

	test('stored, its answer cut, no sync yet: sent again with the same transaction ID (the server keeps one copy)', async () => {
		const outbox = sender();
		const txnId = outbox.add(ROOM, 'm.room.message', {body: 'cut'});
		answer(transport.open[0], new SyntaxError('Unexpected end of JSON input'));
		await settle();
		await vi.advanceTimersByTimeAsync(1000);
		expect(transport.open.map((attempt) => attempt.txnId)).toEqual([txnId]);
	});

	test('the answer comes after the sync brought the event without a transaction ID: delivered by its event ID', async () => {
		const outbox = sender();
		outbox.add(ROOM, 'm.room.message', {body: 'late answer'});
		syncedIds.add('$late');
		answer(transport.open[0], '$late');
		await settle();
		expect(outbox.echoes(ROOM)).toEqual([]);
	});

	test('a sent message stays an echo (not "sending") until its sync shows it', async () => {
		const outbox = sender();
		outbox.add(ROOM, 'm.room.message', {body: 'sent'});
		answer(transport.open[0], '$sent');
		await settle();
		expect(outbox.echoes(ROOM)).toMatchObject([{state: 'sent', eventId: '$sent'}]);
		outbox.synced(ROOM, [{type: 'm.room.message', event_id: '$sent'}], false);
		expect(outbox.echoes(ROOM)).toEqual([]);
	});
});

describe('refusals', () => {
	test('refused for good: kept with the reason, the next message goes, /retry sends it again', async () => {
		const outbox = sender();
		outbox.add(ROOM, 'm.room.message', {body: 'refused'});
		outbox.add(ROOM, 'm.room.message', {body: 'after'});
		answer(transport.open[0], serverError(403, 'M_FORBIDDEN'));
		await settle();
		expect(outbox.echoes(ROOM)[0]).toMatchObject({state: 'refused', reason: expect.stringContaining('not allowed')});
		expect(transport.open.map((attempt) => attempt.body)).toEqual(['after']);
		answer(transport.open[0], '$after');
		await settle();
		expect(outbox.summary).toEqual({waiting: 0, notSent: 1});
		expect(outbox.retry(ROOM)).toBe(1);
		expect(transport.open.map((attempt) => attempt.body)).toEqual(['refused']);
	});

	test('413 and 400 are refusals too; a room the transport refuses is refused before anything is sent', async () => {
		const outbox = sender();
		outbox.add(ROOM, 'm.room.message', {body: 'big'});
		answer(transport.open[0], serverError(413, 'M_TOO_LARGE'));
		await settle();
		expect(outbox.echoes(ROOM)[0]).toMatchObject({state: 'refused', reason: 'too large for the server'});
		transport.verdict = {refuse: 'this room is encrypted, and encryption is off on this device'};
		expect(() => outbox.add(OTHER, 'm.room.message', {body: 'secret'})).toThrow(SendRefused);
		expect(outbox.echoes(OTHER)).toEqual([]);
		expect(transport.attempts.map((attempt) => attempt.body)).toEqual(['big']);
	});

	test('while the transport says wait (no sync yet) nothing goes; a wake after it lets it go', async () => {
		const outbox = sender();
		transport.verdict = {wait: 'waiting for the first sync'};
		outbox.add(ROOM, 'm.room.message', {body: 'early'});
		await vi.advanceTimersByTimeAsync(60_000);
		expect(transport.attempts).toHaveLength(0);
		expect(outbox.summary).toEqual({waiting: 1, notSent: 0, why: 'waiting for the first sync'});
		transport.verdict = undefined;
		outbox.wake();
		expect(transport.open.map((attempt) => attempt.body)).toEqual(['early']);
	});
});

describe('on disk', () => {
	test('what is not stored by the server survives a restart and goes out first, with its transaction ID, in order', async () => {
		const file = join(directory, 'outbox', 'me.json');
		const before = sender(file);
		const one = before.add(ROOM, 'm.room.message', {body: 'one'});
		const two = before.add(ROOM, 'm.room.message', {body: 'two'});
		before.add(OTHER, 'm.room.message', {body: 'elsewhere'});
		answer(transport.attempts.find((attempt) => attempt.body === 'elsewhere'), '$elsewhere');
		await settle();
		// Killed here: no stop(), no goodbye.
		transport = new HandTransport();
		const after = sender(file);
		after.load();
		after.wake();
		expect(transport.open.map((attempt) => [attempt.body, attempt.txnId])).toEqual([['one', one]]);
		answer(transport.open[0], '$one');
		await settle();
		expect(transport.open.map((attempt) => [attempt.body, attempt.txnId])).toEqual([['two', two]]);
		expect(after.echoes(OTHER)).toEqual([]);
		expect(problems).toEqual([]);
	});

	test('a refused message stays refused across a restart (the user still decides)', async () => {
		const file = join(directory, 'me.json');
		const before = sender(file);
		before.add(ROOM, 'm.room.message', {body: 'refused'});
		answer(transport.open[0], serverError(403, 'M_FORBIDDEN'));
		await settle();
		transport = new HandTransport();
		const after = sender(file);
		after.load();
		after.wake();
		expect(transport.attempts).toHaveLength(0);
		expect(after.summary).toEqual({waiting: 0, notSent: 1});
	});

	test('a file that cannot be written: one line, and the message is still sent from memory', () => {
		// Its directory's place is taken by a plain file.
		writeFileSync(join(directory, 'blocked'), '');
		const outbox = sender(join(directory, 'blocked', 'outbox', 'me.json'));
		outbox.add(ROOM, 'm.room.message', {body: 'kept in memory'});
		outbox.add(ROOM, 'm.room.message', {body: 'and this'});
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^Cannot save unsent messages to disk/);
		expect(transport.open.map((attempt) => attempt.body)).toEqual(['kept in memory']);
	});
});
