import {describe, expect, it} from 'vitest';
import {Scheduler, type Scheduled} from '../../../src/matrix/crypto-store/idb/scheduler.js';

/** A transaction stand-in: its stores, whether it writes, and a log of when it started. */
function item(name: string, stores: string[], writes: boolean, started: string[]): Scheduled {
	const self: Scheduled = {
		writes,
		overlaps: (other) => stores.some((store) => (other as unknown as {stores: string[]}).stores.includes(store)),
		start: () => started.push(name),
	};
	return Object.assign(self, {stores});
}

describe('Scheduler', () => {
	it('starts readers at once while no writer is unfinished, and a writer only after the earlier readers of its stores', () => {
		const started: string[] = [];
		const scheduler = new Scheduler();
		const readA = item('readA', ['a'], false, started);
		const readB = item('readB', ['b'], false, started);
		scheduler.add(readA);
		scheduler.add(readB);
		const writeA = item('writeA', ['a'], true, started);
		scheduler.add(writeA);
		expect(started).toEqual(['readA', 'readB']);
		scheduler.finished(readB);
		expect(started).toEqual(['readA', 'readB']);
		scheduler.finished(readA);
		expect(started).toEqual(['readA', 'readB', 'writeA']);
	});

	it('lets a reader of other stores pass a writer, holds one of its stores behind it, and runs one writer at a time', () => {
		const started: string[] = [];
		const scheduler = new Scheduler();
		const writeA = item('writeA', ['a'], true, started);
		const readA = item('readA', ['a'], false, started);
		const readB = item('readB', ['b'], false, started);
		const writeC = item('writeC', ['c'], true, started);
		const readC = item('readC', ['c'], false, started);
		for (const each of [writeA, readA, readB, writeC, readC]) scheduler.add(each);
		expect(started).toEqual(['writeA', 'readB']);
		expect(scheduler.idle).toBe(false);
		scheduler.finished(writeA);
		expect(started).toEqual(['writeA', 'readB', 'readA', 'writeC']);
		scheduler.finished(writeC);
		expect(started).toEqual(['writeA', 'readB', 'readA', 'writeC', 'readC']);
		for (const each of [readA, readB, readC]) scheduler.finished(each);
		expect(scheduler.idle).toBe(true);
		scheduler.finished(readC);
		expect(scheduler.idle).toBe(true);
	});
});
