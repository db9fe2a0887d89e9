/** /upload, /open and /download through Enter: the command parsed, the action sent, one line for each outcome. */
import {describe, expect, test} from 'vitest';
import {parseInput} from '../../src/commands/parse.js';
import type {RawEvent} from '../../src/domain/events.js';
import {member} from '../support/events.js';
import {error, info, ME, setUp} from './composer-run.js';

describe('parse', () => {
	test.each([
		['/upload cat.png', {name: 'upload', path: 'cat.png'}],
		['/upload ~/My Pictures/cat.png', {name: 'upload', path: '~/My Pictures/cat.png'}],
		['/upload "/tmp/a b.txt"', {name: 'upload', path: '/tmp/a b.txt'}],
		["/upload '/tmp/it\"s.txt'", {name: 'upload', path: '/tmp/it"s.txt'}],
		['/open', {name: 'open', n: 1}],
		['/open 3', {name: 'open', n: 3}],
		['/download', {name: 'download', n: 1}],
		['/download 2', {name: 'download', n: 2}],
		['/download 2 ~/x.png', {name: 'download', n: 2, path: '~/x.png'}],
		['/download ~/Desktop', {name: 'download', n: 1, path: '~/Desktop'}],
		['/download 2 "/tmp/a b"', {name: 'download', n: 2, path: '/tmp/a b'}],
	])('%s', (input, command) => expect(parseInput(input)).toEqual({ok: true, command}));

	test.each([
		['/upload', '/upload needs a file path — usage: /upload <path>'],
		['/upload "/tmp/a b', '/upload has an unclosed double quote — usage: /upload <path>'],
		['/upload "a" b', '/upload takes one path (put it in quotes if it has spaces) — usage: /upload <path>'],
		['/open 0', '/open needs a number like 1 (the newest file) or 2, not "0" — usage: /open [n]'],
		['/open x', '/open needs a number like 1 (the newest file) or 2, not "x" — usage: /open [n]'],
		['/open 1 2', '/open takes at most one number — usage: /open [n]'],
		['/download 0 x', '/download needs a number like 1 (the newest file) or 2, not "0" — usage: /download [n] [path]'],
	])('%s', (input, message) => expect(parseInput(input)).toEqual({ok: false, error: message}));
});

const file = (id: string, body: string): RawEvent => ({type: 'm.room.message', event_id: id, sender: '@a:x', content: {msgtype: 'm.file', body, url: `mxc://x/${id.slice(1)}`}});

function inRoom(events: RawEvent[] = []) {
	const run = setUp();
	run.session.pushRoom({roomId: '!r:x', name: 'Files', events: [member(ME, {membership: 'join'}), file('$old', 'old.txt'), file('$new', 'new.txt'), ...events]});
	run.store.dispatch({type: 'select-room', roomId: '!r:x'});
	return run;
}

describe('/upload', () => {
	test('with the thread pane open, the file goes in the thread', async () => {
		const run = inRoom();
		run.store.dispatch({type: 'open-thread', roomId: '!r:x', rootId: '$old'});
		await run.enter('/upload cat.png');
		expect(run.sent('upload-file')).toEqual([{type: 'upload-file', roomId: '!r:x', path: 'cat.png', thread: {rootId: '$old', latestId: '$old'}}]);
	});

	test('sends the path as typed; the line says what went', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'upload-file', {ok: true, value: {kind: 'sent', txnId: 't', name: 'a b.png', size: 2500}});
		await run.enter('/upload "~/a b.png"');
		expect(run.sent('upload-file')).toEqual([{type: 'upload-file', roomId: '!r:x', path: '~/a b.png'}]);
		expect(run.notice()).toEqual(info('Uploaded a b.png (2.5 kB)'));
		expect(run.composer()).toBe('');
	});

	test('refused: the reason on one line, the command back in the composer', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'upload-file', {ok: true, value: {kind: 'refused', why: 'No such file: x\u001b[2J.txt'}});
		await run.enter('/upload x.txt');
		expect(run.notice()).toEqual(error('No such file: x␛.txt'));
		expect(run.composer()).toBe('/upload x.txt');
	});

	test('cancelled with Esc: one line', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'upload-file', {ok: true, value: {kind: 'cancelled'}});
		await run.enter('/upload big.iso');
		expect(run.notice()).toEqual(info('upload cancelled'));
	});

	test('the network down: one line', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'upload-file', {ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}});
		await run.enter('/upload a.txt');
		expect(run.notice()).toEqual(error('Cannot upload the file: the homeserver cannot be reached — check the connection and try again'));
		expect(run.composer()).toBe('/upload a.txt');
	});
});

describe('/open and /download', () => {
	test('n counts from the newest file; the event goes to the matrix layer', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'download-media', {ok: true, value: {kind: 'saved', path: '/home/me/Downloads/old.txt'}});
		await run.enter('/download 2 ~/Downloads');
		expect(run.sent('download-media')).toEqual([{type: 'download-media', roomId: '!r:x', eventType: 'm.room.message', content: file('$old', 'old.txt').content, target: {kind: 'save', path: '~/Downloads'}}]);
		expect(run.notice()).toEqual(info('Saved /home/me/Downloads/old.txt'));
	});

	test('/open: opened, or where the file is when there is no opener', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'download-media', {ok: true, value: {kind: 'saved', path: '/tmp/m/new.txt', opened: 'opened'}});
		await run.enter('/open');
		expect(run.sent('download-media')[0]).toMatchObject({content: {body: 'new.txt'}, target: {kind: 'open'}});
		expect(run.notice()).toEqual(info('Opened /tmp/m/new.txt'));
		run.session.answer((action) => action.type === 'download-media', {ok: true, value: {kind: 'saved', path: '/tmp/m/new.txt', opened: 'no-opener'}});
		await run.enter('/open 1');
		expect(run.notice()).toEqual(info('No program to open files with (xdg-open or open): the file is at /tmp/m/new.txt'));
	});

	test('no such n: one line, nothing asked of the server', async () => {
		const run = inRoom();
		await run.enter('/open 3');
		expect(run.notice()).toEqual(error('No file #3 in this room — the files are numbered on their lines, #1 the newest'));
		expect(run.sent('download-media')).toEqual([]);
		expect(run.composer()).toBe('/open 3');
	});

	test('a wrong hash, and a file the server lost: one line each', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'download-media', {ok: true, value: {kind: 'refused', why: 'new.txt does not match its hash: it was changed or damaged on the way, and was not saved'}});
		await run.enter('/download');
		expect(run.notice()).toEqual(error('new.txt does not match its hash: it was changed or damaged on the way, and was not saved'));
		run.session.answer((action) => action.type === 'download-media', {ok: false, error: {kind: 'not-found', message: 'Not found', status: 404, errcode: 'M_NOT_FOUND'}});
		await run.enter('/download');
		expect(run.notice()).toEqual(error('The server no longer has that file'));
	});
});
