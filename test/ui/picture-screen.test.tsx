/** Image events on the chat screen: half-block pictures under the media line, a note when there is none, the setting, the colours. */
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {deflateSync} from 'node:zlib';
import {halfBlockPicture} from '../../src/domain/half-blocks.js';
import {KittyImages} from '../../src/terminal/kitty-images.js';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {member, message, state} from '../support/events.js';
import {pane, paneLines, renderChat} from '../support/screen.js';
import type {RawEvent} from '../../src/domain/events.js';

const BOB = '@bob:example.org';
const ME = '@me:example.org';

beforeEach(() => {
	vi.stubEnv('NO_COLOR', '');
	vi.stubEnv('FORCE_COLOR', '3');
});
afterEach(() => {
	cleanup();
	vi.unstubAllEnvs();
});

const IMAGE = message(BOB, 'rb.png', {content: {msgtype: 'm.image', body: 'rb.png', url: 'mxc://example.org/rb', info: {mimetype: 'image/png', size: 90}}});

/** 8 × 4 pixels: the left half red, the right half blue. */
function redBlue() {
	const data = new Uint8Array(8 * 4 * 4);
	for (let index = 0; index < 32; index++) data.set(index % 8 < 4 ? [255, 0, 0, 255] : [0, 0, 255, 255], index * 4);
	return halfBlockPicture({width: 8, height: 4, data}, 48, 10);
}

function room(): RawEvent[] {
	return [state('m.room.create', '', {creator: BOB}, BOB), member(BOB, {membership: 'join', displayname: 'Bob'}), member(ME, {membership: 'join', displayname: 'Me'}), IMAGE, message(BOB, 'after the picture')];
}

const pictureRequests = (actions: readonly MatrixAction[]) => actions.filter((action) => action.type === 'load-picture');

async function open(options: Parameters<typeof renderChat>[0] = {}) {
	const app = renderChat({columns: 180, rows: 30, ...options});
	return app;
}

describe('pictures in the timeline', () => {
	test('an image is drawn under its media line in half blocks of its own colours, a third of the pane at most', async () => {
		const app = await open();
		app.session.answer((action) => action.type === 'load-picture', {ok: true, value: {kind: 'picture', picture: redBlue()}});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: room()});
		await app.waitFor('▀▀▀▀▀▀▀▀');
		const lines = paneLines(app.screen(), 1);
		const media = lines.findIndex((line) => line.includes('Bob: #1 [image] rb.png (image/png, 90 B)'));
		expect(media).toBeGreaterThan(-1);
		expect(lines.slice(media + 1, media + 4)).toEqual(['        ▀▀▀▀▀▀▀▀', '        ▀▀▀▀▀▀▀▀', expect.stringMatching(/^\d\d:\d\d Bob: after the picture$/)]);
		const raw = app.rawFrame();
		expect(raw).toContain('38;2;255;0;0');
		expect(raw).toContain('38;2;0;0;255');
		const [request] = pictureRequests(app.session.actions);
		expect(request).toMatchObject({type: 'load-picture', eventType: 'm.room.message', content: IMAGE.content, maxCols: 48});
		// The timeline pane is the screen less the composer and status lines, the borders.
		expect((request as {maxRows: number}).maxRows).toBeLessThanOrEqual(10);
		expect(pictureRequests(app.session.actions)).toHaveLength(1);
	});

	test('while the picture loads, blank rows of the shape the event states hold its place: the lines above do not move when it comes', async () => {
		const app = await open();
		const perform = app.session.perform.bind(app.session);
		// The picture never comes in this test: it stays loading.
		app.session.perform = ((action: MatrixAction) => (action.type === 'load-picture' ? new Promise(() => {}) : perform(action))) as typeof app.session.perform;
		const sized = message(BOB, 'sized.png', {content: {msgtype: 'm.image', body: 'sized.png', url: 'mxc://example.org/s', info: {mimetype: 'image/png', w: 16, h: 8}}});
		const unsized = message(BOB, 'unsized.png', {content: {msgtype: 'm.image', body: 'unsized.png', url: 'mxc://example.org/u', info: {mimetype: 'image/png', w: 'wide', h: 8}}});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: [...room().slice(0, 3), sized, unsized, message(BOB, 'after the pictures')]});
		await app.waitFor('after the pictures');
		// Blank rows kept: paneLines would drop them.
		const lines = pane(app.screen(), 1).split('\n').map((line) => line.trimEnd());
		const media = lines.findIndex((line) => line.includes('[image] sized.png'));
		// 16 × 8 pixels: 16 cells by 4 rows of half blocks, blank until they come; a stated size that is no number: no rows.
		expect(lines.slice(media + 1, media + 6)).toEqual(['', '', '', '', expect.stringMatching(/Bob: #1 \[image\] unsized\.png/)]);
		expect(lines[media + 6]).toMatch(/Bob: after the pictures$/);
	});

	test('a picture that cannot be had is one note on the media line, asked for once', async () => {
		const app = await open();
		app.session.answer((action) => action.type === 'load-picture', {ok: true, value: {kind: 'failed', why: 'the image is damaged'}});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: room()});
		await app.waitFor('rb.png (image/png, 90 B) (no preview: the image is damaged)');
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: [...room(), message(BOB, 'one more')]});
		await app.waitFor('Bob: one more');
		app.type('x');
		await app.waitFor('x');
		expect(pictureRequests(app.session.actions)).toHaveLength(1);
		expect(app.screen()).not.toContain('▀');
	});

	test('a refused request (the server has no such file) is a note too', async () => {
		const app = await open();
		app.session.answer((action) => action.type === 'load-picture', {ok: false, error: {kind: 'not-found', message: 'Not found', status: 404}});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: room()});
		await app.waitFor('(no preview: the server has no such file)');
	});

	test('images off: exactly the media line, nothing asked for', async () => {
		const app = await open({images: 'off'});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: room()});
		await app.waitFor('Bob: after the picture');
		const lines = paneLines(app.screen(), 1);
		const media = lines.findIndex((line) => line.includes('[image] rb.png'));
		expect(lines[media]).toMatch(/Bob: #1 \[image\] rb\.png \(image\/png, 90 B\)$/);
		expect(lines[media + 1]).toMatch(/Bob: after the picture$/);
		expect(pictureRequests(app.session.actions)).toEqual([]);
	});

	test('no colours (NO_COLOR): no picture, nothing asked for', async () => {
		vi.stubEnv('NO_COLOR', '1');
		const app = await open();
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: room()});
		await app.waitFor('Bob: after the picture');
		expect(pictureRequests(app.session.actions)).toEqual([]);
	});

	test('only images on screen or a screen away are fetched: one far up is asked for once scrolled to', async () => {
		const app = await open();
		const later = Array.from({length: 80}, (_, index) => message(BOB, `later ${index + 1}`));
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: [...room(), ...later]});
		await app.waitFor('Bob: later 80');
		expect(pictureRequests(app.session.actions)).toEqual([]);
		app.session.answer((action) => action.type === 'load-picture', {ok: true, value: {kind: 'picture', picture: redBlue()}});
		for (let page = 0; page < 3; page++) app.type('\u001b[5~');
		await app.until(() => pictureRequests(app.session.actions).length > 0);
		expect(pictureRequests(app.session.actions)).toHaveLength(1);
	});

	test('256 colours: the nearest palette entries', async () => {
		vi.stubEnv('FORCE_COLOR', '2');
		const app = await open();
		app.session.answer((action) => action.type === 'load-picture', {ok: true, value: {kind: 'picture', picture: redBlue()}});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: room()});
		await app.waitFor('▀▀▀▀▀▀▀▀');
		expect(app.rawFrame()).toContain('38;5;196');
		expect(app.rawFrame()).toContain('38;5;21');
		expect(app.rawFrame()).not.toContain('38;2;');
	});

	test('kitty’s graphics: the pixels go to the terminal once, the rows under the media line are placeholders naming them', async () => {
		const written: string[] = [];
		const kitty = new KittyImages({write: (bytes) => written.push(bytes), tmux: false}, 0x0a0b0c);
		vi.stubEnv('NO_COLOR', '1');
		const app = await open({images: 'kitty', kitty});
		const pixels = {width: 8, height: 4, deflated: deflateSync(new Uint8Array(8 * 4 * 4).fill(255))};
		app.session.answer((action) => action.type === 'load-picture', {ok: true, value: {kind: 'pixels', cols: 8, rows: 2, ...pixels}});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: room()});
		await app.waitFor('Bob: after the picture');
		await app.until(() => app.rawFrame().includes('\u{10EEEE}'));
		const [request] = pictureRequests(app.session.actions);
		expect(request).toMatchObject({type: 'load-picture', pixels: true, maxCols: 48});
		expect(written).toHaveLength(1);
		expect(written[0]).toMatch(/^\u001B_Ga=T,U=1,q=2,C=1,f=32,o=z,s=8,v=4,i=658188,c=8,r=2,m=0;/);
		// Two rows of 8 placeholders, each row in the colour 0a0b0c that names image 658188 (NO_COLOR does not stop it: it is no colour on screen).
		const rows = app.rawFrame().split('\n').filter((line) => line.includes('\u{10EEEE}'));
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row).toContain('\u001B[38;2;10;11;12m');
			expect([...row].filter((char) => char === '\u{10EEEE}')).toHaveLength(8);
		}
		const lines = paneLines(app.screen(), 1);
		const media = lines.findIndex((line) => line.includes('Bob: #1 [image] rb.png (image/png, 90 B)'));
		expect(lines[media + 3]).toMatch(/Bob: after the picture$/);
	});

	test('kitty’s graphics: a placeholder in a message is not ours to draw with, and shows as U+FFFD', async () => {
		const kitty = new KittyImages({write: () => {}, tmux: false});
		const app = await open({images: 'kitty', kitty});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Pictures', events: [...room(), message(BOB, 'look \u{10EEEE}\u0305\u0305 here')]});
		await app.waitFor('Bob: look');
		expect(app.rawFrame()).not.toContain('\u{10EEEE}');
		expect(app.screen()).toContain('look \uFFFD');
	});
});
