/** The pictures sent to the terminal: each once, its own number, wrapped inside tmux, freed when done with. */
import {deflateSync} from 'node:zlib';
import {expect, test} from 'vitest';
import {KittyImages} from '../../src/terminal/kitty-images.js';

const IMAGE = {width: 2, height: 1, deflated: deflateSync(new Uint8Array(8).fill(200))};

function terminal(tmux = false) {
	const written: string[] = [];
	return {written, images: new KittyImages({write: (bytes) => written.push(bytes), tmux}, 1000)};
}

test('each picture gets the next number and goes out once, as a placement of its cells', () => {
	const {written, images} = terminal();
	expect([images.show(IMAGE, 2, 1), images.show(IMAGE, 4, 2)]).toEqual([1000, 1001]);
	expect(written).toHaveLength(2);
	expect(written[0]).toMatch(/^\u001B_Ga=T,U=1,q=2,C=1,f=32,o=z,s=2,v=1,i=1000,c=2,r=1,m=0;[A-Za-z0-9+/=]+\u001B\\$/);
	expect(written[1]).toContain('i=1001,c=4,r=2');
});

test('freed once: the terminal is told to delete it; again, or one never sent, nothing is written', () => {
	const {written, images} = terminal();
	const id = images.show(IMAGE, 2, 1);
	images.free(id);
	images.free(id);
	images.free(5);
	expect(written.slice(1)).toEqual([`\u001B_Ga=d,d=I,i=${id},q=2\u001B\\`]);
});

test('at exit every picture still held is deleted', () => {
	const {written, images} = terminal();
	const ids = [images.show(IMAGE, 1, 1), images.show(IMAGE, 1, 1), images.show(IMAGE, 1, 1)];
	images.free(ids[1]!);
	written.length = 0;
	images.freeAll();
	expect(written).toEqual([ids[0], ids[2]].map((id) => `\u001B_Ga=d,d=I,i=${id},q=2\u001B\\`));
});

test('past 256 held, the oldest is deleted before the next goes out', () => {
	const {written, images} = terminal();
	for (let index = 0; index < 256; index++) images.show(IMAGE, 1, 1);
	written.length = 0;
	const next = images.show(IMAGE, 1, 1);
	expect(next).toBe(1256);
	expect(written[0]).toBe('\u001B_Ga=d,d=I,i=1000,q=2\u001B\\');
	expect(written[1]).toContain('i=1256,');
});

test('inside tmux each sequence is wrapped for it to pass on, its ESCs doubled', () => {
	const {written, images} = terminal(true);
	const id = images.show(IMAGE, 2, 1);
	images.free(id);
	expect(written[0]).toMatch(/^\u001BPtmux;\u001B\u001B_Ga=T,[^\u001B]*\u001B\u001B\\\u001B\\$/);
	expect(written[1]).toBe(`\u001BPtmux;\u001B\u001B_Ga=d,d=I,i=${id},q=2\u001B\u001B\\\u001B\\`);
});

test('numbers wrap from 2^24 − 1 to 1: they always fit the colour that carries them', () => {
	const written: string[] = [];
	const images = new KittyImages({write: (bytes) => written.push(bytes), tmux: false}, 0xffffff);
	expect([images.show(IMAGE, 1, 1), images.show(IMAGE, 1, 1)]).toEqual([0xffffff, 1]);
});
