import {describe, expect, it} from 'vitest';
import {TimelineRecorder, checkTimeline, type StoreLike} from '../../bench/client/timeline-check.ts';

const sent = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

/** A store whose big room goes through these snapshots, one per dispatch. */
function replay(snapshots: string[][]): TimelineRecorder {
	let events: Array<{event_id: string}> = [];
	const listeners = new Set<() => void>();
	const store: StoreLike = {getState: () => ({rooms: new Map([['!big', {events}]])}), subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener))};
	const recorder = new TimelineRecorder(store, '!big');
	for (const snapshot of snapshots) {
		events = snapshot.map((id) => ({event_id: id}));
		for (const listener of listeners) listener();
	}
	recorder.stop();
	return recorder;
}

describe('checkTimeline', () => {
	it('counts nothing when every sent event was held, once, in order (a cap that drops old ones included)', () => {
		const recorder = replay([['x', 'a', 'b'], ['a', 'b', 'c', 'd'], ['c', 'd', 'e', 'f', 'g', 'h']]);
		expect(checkTimeline(sent, recorder, recorder.finalIds())).toMatchObject({missing: 0, duplicated: 0, everHeld: 8, snapshots: 4, final: {held: 6, window: 6, missing: 0, duplicated: 0, outOfOrder: 0}});
	});

	it('counts the gaps a timeline reset skipped as missing, though the final window looks whole', () => {
		// Each limited sync replaced the timeline with its newest events: c, d and f were never shown.
		const recorder = replay([['a', 'b'], ['e'], ['g', 'h']]);
		const check = checkTimeline(sent, recorder, recorder.finalIds());
		expect(check.missing).toBe(3);
		expect(check.final).toMatchObject({window: 2, missing: 0});
	});

	it('counts duplicates in any snapshot, and in the final window holes and disorder', () => {
		const recorder = replay([['a', 'b', 'b', 'c'], ['c', 'e', 'd', 'e', 'g', 'h']]);
		const check = checkTimeline(sent, recorder, recorder.finalIds());
		expect(check.duplicated).toBe(1);
		expect(check.missing).toBe(1); // f
		expect(check.final).toMatchObject({held: 6, window: 6, missing: 1, duplicated: 1, outOfOrder: 1});
	});

	it('counts nothing as held when the client held none of it', () => {
		const recorder = replay([['x']]);
		expect(checkTimeline(sent, recorder, recorder.finalIds())).toMatchObject({missing: 0, everHeld: 0, final: {held: 0, window: 0}});
	});
});
