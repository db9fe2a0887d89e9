import {describe, expect, it} from 'vitest';
import {formatSize, mediaLine} from '../../src/domain/media.js';

describe('mediaLine', () => {
	it('names each kind of media with what its info says', () => {
		expect(mediaLine({msgtype: 'm.image', body: 'cat.png', info: {mimetype: 'image/png', size: 1_234_567, w: 800, h: 600}}, 'm.room.message')).toEqual({line: '[image] cat.png (image/png, 1.2 MB, 800×600)'});
		expect(mediaLine({msgtype: 'm.file', body: 'report.pdf', info: {mimetype: 'application/pdf', size: 230_000}}, 'm.room.message')).toEqual({line: '[file] report.pdf (application/pdf, 230 kB)'});
		expect(mediaLine({msgtype: 'm.audio', body: 'voice.ogg', info: {duration: 7_400}}, 'm.room.message')).toEqual({line: '[audio] voice.ogg (0:07)'});
		expect(mediaLine({msgtype: 'm.video', body: 'clip.mp4', info: {mimetype: 'video/mp4', w: 1920, h: 1080, duration: 3_725_000}}, 'm.room.message')).toEqual({line: '[video] clip.mp4 (video/mp4, 1920×1080, 1:02:05)'});
		expect(mediaLine({body: 'wave'}, 'm.sticker')).toEqual({line: '[sticker] wave'});
	});

	it('takes a body beside a filename as its caption', () => {
		expect(mediaLine({msgtype: 'm.image', filename: 'IMG_1.jpg', body: 'our new flat'}, 'm.room.message')).toEqual({line: '[image] IMG_1.jpg', caption: 'our new flat'});
		expect(mediaLine({msgtype: 'm.image', filename: 'a.jpg', body: 'a.jpg'}, 'm.room.message')).toEqual({line: '[image] a.jpg'});
	});

	it('is not fooled by a hostile sender: control characters, odd numbers, a mimetype that is not one', () => {
		const line = mediaLine({msgtype: 'm.file', body: 'evil\u001b]8;;http://x\u0007name\n.txt', info: {mimetype: 'text/plain\u001b[2J', size: -5, w: 1.5, h: 'tall', duration: Number.MAX_VALUE}}, 'm.room.message');
		expect(line?.line).not.toMatch(/[\u0000-\u001f\u007f]/);
		expect(line?.line).toMatch(/^\[file\] evil.*name.*\.txt$/);
		expect(mediaLine({msgtype: 'm.image'}, 'm.room.message')).toEqual({line: '[image] unnamed'});
	});

	it('says nothing of what is not media', () => {
		expect(mediaLine({msgtype: 'm.text', body: 'hi'}, 'm.room.message')).toBeUndefined();
		expect(mediaLine({body: 'hi'}, 'm.room.message')).toBeUndefined();
	});
});

describe('formatSize', () => {
	it('uses bytes, then kB, MB, GB with one decimal below ten', () => {
		expect([0, 999, 1000, 15_300, 999_999, 2_500_000_000].map(formatSize)).toEqual(['0 B', '999 B', '1.0 kB', '15 kB', '1000 kB', '2.5 GB']);
	});
});
