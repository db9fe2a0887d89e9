/** The outbox's file: private, replaced atomically, and honest about a file it cannot use. */
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {outboxFile, outboxPath} from '../../src/matrix/outbox-file.js';
import type {OutboxEntry} from '../../src/matrix/outbox.js';

const ME = {userId: '@me:example.org', deviceId: 'DEVICE1'};
const KEY = new Uint8Array(randomBytes(32));
let directory: string;
let file: string;

const entry = (txnId: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
	txnId,
	roomId: '!r:example.org',
	eventType: 'm.room.message',
	content: {msgtype: 'm.text', body: `body of ${txnId}`},
	typedAt: 1000,
	state: 'queued',
	attempts: 0,
	...extra,
});

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'outbox-file-'));
	file = outboxPath(join(directory, 'outbox'), ME.userId);
});
afterEach(() => rmSync(directory, {recursive: true, force: true}));

test('mode 0600 in a 0700 directory, named without the user ID; what the server has stored is left out', () => {
	outboxFile(file, ME, KEY).save([entry('a'), entry('b', {state: 'sent', eventId: '$b'}), entry('c', {state: 'refused', reason: 'not allowed', attempts: 1})]);
	expect(statSync(file).mode & 0o777).toBe(0o600);
	expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
	expect(file).not.toContain('example.org');
	expect(readdirSync(dirname(file))).toEqual([file.split('/').at(-1)]);
	const loaded = outboxFile(file, ME, KEY).load();
	expect(loaded.problem).toBeUndefined();
	expect(loaded.entries.map((loaded) => [loaded.txnId, loaded.state, loaded.reason])).toEqual([
		['a', 'queued', undefined],
		['c', 'refused', 'not allowed'],
	]);
	expect(loaded.entries[0]!.content).toEqual({msgtype: 'm.text', body: 'body of a'});
});

test('no file: nothing to send, nothing to say', () => {
	expect(outboxFile(file, ME, KEY).load()).toEqual({entries: []});
});

test('a damaged file is set aside (kept for the user) with one line, and the outbox starts empty', () => {
	outboxFile(file, ME, KEY).save([entry('a')]);
	writeFileSync(file, '{"format":1,"userId":"@me:exa');
	const loaded = outboxFile(file, ME, KEY).load();
	expect(loaded.entries).toEqual([]);
	expect(loaded.problem).toMatch(/^The unsent messages file is damaged: kept as .*\.unreadable-\d+$/);
	const aside = readdirSync(dirname(file)).find((name) => name.includes('.unreadable-'))!;
	expect(readFileSync(join(dirname(file), aside), 'utf8')).toBe('{"format":1,"userId":"@me:exa');
});

test("another account's file is not sent from this one", () => {
	outboxFile(file, {userId: '@other:example.org', deviceId: 'X'}, KEY).save([entry('a')]);
	const loaded = outboxFile(file, ME, KEY).load();
	expect(loaded.entries).toEqual([]);
	expect(loaded.problem).toContain('not this account');
});

test('after a new login of the account, a message already tried waits for the user (it may have landed); one never tried just goes', () => {
	outboxFile(file, {userId: ME.userId, deviceId: 'OLD'}, KEY).save([entry('tried', {attempts: 3, state: 'retrying'}), entry('untried')]);
	const loaded = outboxFile(file, ME, KEY).load();
	expect(loaded.entries.map((loaded) => [loaded.txnId, loaded.state])).toEqual([
		['tried', 'refused'],
		['untried', 'queued'],
	]);
	expect(loaded.entries[0]!.reason).toContain('/retry');
});

test('entries that are not well formed are skipped, the rest kept', () => {
	const good = {txnId: 'good', roomId: '!r', eventType: 'm.room.message', content: {body: 'x'}, typedAt: 1, attempts: 0};
	writePlain([good, {txnId: 5}, null, {txnId: 'x', roomId: '!r', eventType: 'm.room.message', content: [], typedAt: 1}]);
	expect(outboxFile(file, ME, KEY).load().entries.map((loaded) => loaded.txnId)).toEqual(['good']);
});

test('no message text is in the file: it is sealed with the key, and opens with it only', () => {
	outboxFile(file, ME, KEY).save([entry('a', {content: {msgtype: 'm.text', body: 'the secret plan'}})]);
	const text = readFileSync(file, 'utf8');
	expect(text).not.toContain('secret');
	expect(text).not.toContain('!r:example.org');
	expect(outboxFile(file, ME, KEY).load().entries[0]!.content).toEqual({msgtype: 'm.text', body: 'the secret plan'});

	const loaded = outboxFile(file, ME, new Uint8Array(randomBytes(32))).load();
	expect(loaded.entries).toEqual([]);
	expect(loaded.problem).toMatch(/^The unsent messages file does not open with this account's key: kept as .*\.unreadable-\d+$/);
});

test('a sealed file changed by a single byte does not open: set aside, never half read', () => {
	outboxFile(file, ME, KEY).save([entry('a')]);
	const body = JSON.parse(readFileSync(file, 'utf8')) as {sealed: string};
	const bytes = Buffer.from(body.sealed, 'base64');
	bytes[bytes.length - 1]! ^= 1;
	writeFileSync(file, JSON.stringify({...body, sealed: bytes.toString('base64')}));
	const loaded = outboxFile(file, ME, KEY).load();
	expect(loaded.entries).toEqual([]);
	expect(loaded.problem).toContain('does not open');
});

test('a file of the first format (plain, from before encryption) is still sent, and sealed when next written', () => {
	writePlain([{txnId: 'old', roomId: '!r', eventType: 'm.room.message', content: {body: 'typed before the upgrade'}, typedAt: 1, attempts: 0}]);
	const store = outboxFile(file, ME, KEY);
	const loaded = store.load();
	expect(loaded.entries.map((loaded) => loaded.txnId)).toEqual(['old']);
	store.save(loaded.entries);
	expect(readFileSync(file, 'utf8')).not.toContain('typed before the upgrade');
	expect(outboxFile(file, ME, KEY).load().entries[0]!.content).toEqual({body: 'typed before the upgrade'});
});

function writePlain(entries: unknown[]): void {
	mkdirSync(dirname(file), {recursive: true});
	writeFileSync(file, JSON.stringify({format: 1, userId: ME.userId, deviceId: ME.deviceId, entries}));
}
