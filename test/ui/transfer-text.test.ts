import {describe, expect, test} from 'vitest';
import {Transfers} from '../../src/matrix/transfers.js';
import type {TransferView} from '../../src/matrix/protocol.js';
import {transferText} from '../../src/ui/transfer-text.js';

describe('the progress bar', () => {
	test.each<[TransferView, string]>([
		[{id: 1, direction: 'upload', name: 'cat.png', done: 0, total: 2_300_000}, ' ↑ cat.png [░░░░░░░░░░░░] 0% 0 B/2.3 MB · Esc cancels '],
		[{id: 1, direction: 'upload', name: 'cat.png', done: 1_200_000, total: 2_300_000}, ' ↑ cat.png [██████░░░░░░] 52% 1.2 MB/2.3 MB · Esc cancels '],
		[{id: 1, direction: 'download', name: 'a.bin', done: 5000, total: 5000}, ' ↓ a.bin [████████████] 100% 5.0 kB/5.0 kB · Esc cancels '],
		[{id: 1, direction: 'download', name: 'a.bin', done: 5000}, ' ↓ a.bin 5.0 kB · Esc cancels '],
		[{id: 1, direction: 'download', name: 'evil\u001b]0;x\u0007.bin', done: 1}, ' ↓ evil␛.bin 1 B · Esc cancels '],
	])('%j', (view, text) => expect(transferText(view)).toBe(text));
});

describe('Transfers', () => {
	test('one at a time; its end clears the bar; cancel aborts its signal', () => {
		const views: Array<TransferView | undefined> = [];
		const transfers = new Transfers((view) => views.push(view));
		const first = transfers.begin('upload', 'a', 10)!;
		expect(transfers.begin('download', 'b')).toBeUndefined();
		expect(transfers.cancel()).toBe(true);
		expect(first.signal.aborted).toBe(true);
		first.end();
		expect(views).toEqual([{id: 1, direction: 'upload', name: 'a', done: 0, total: 10}, undefined]);
		expect(transfers.cancel()).toBe(false);
		expect(transfers.begin('download', 'b')).toBeDefined();
	});
});
