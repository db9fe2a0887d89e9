/**
 * /state-stats: how much of a room's state is live and how much is MSC3901-deleted, per event type,
 * in events and bytes — so a moderator can see whether optimising the room would pay.
 */
import {asEvent, type RawEvent} from './events.js';
import {isDeletedState} from './deleted-state.js';

export interface CensusRow {
	type: string;
	live: number;
	deleted: number;
	liveBytes: number;
	deletedBytes: number;
}

export interface StateCensus {
	rows: CensusRow[];
	total: CensusRow;
}

const encoder = new TextEncoder();

export function stateCensus(stateEvents: Iterable<RawEvent>): StateCensus {
	const byType = new Map<string, CensusRow>();
	const total: CensusRow = {type: 'total', live: 0, deleted: 0, liveBytes: 0, deletedBytes: 0};
	for (const untrusted of stateEvents) {
		const event = asEvent(untrusted);
		const type = typeof event.type === 'string' ? event.type : '';
		let row = byType.get(type);
		if (!row) byType.set(type, (row = {type, live: 0, deleted: 0, liveBytes: 0, deletedBytes: 0}));
		const bytes = sizeOf(event);
		for (const target of [row, total]) {
			if (isDeletedState(event)) {
				target.deleted++;
				target.deletedBytes += bytes;
			} else {
				target.live++;
				target.liveBytes += bytes;
			}
		}
	}
	// Biggest first: that is where an optimisation would save the most.
	const rows = [...byType.values()].sort((a, b) => b.liveBytes + b.deletedBytes - (a.liveBytes + a.deletedBytes) || (a.type < b.type ? -1 : 1));
	return {rows, total};
}

function sizeOf(event: RawEvent): number {
	try {
		return encoder.encode(JSON.stringify(event)).length;
	} catch {
		return 0;
	}
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
