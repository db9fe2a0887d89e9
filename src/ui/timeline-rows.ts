/** Timeline items laid out as rows: a time column, then the line wrapped with a hanging indent. */
import type {TimelineItem} from '../state/selectors.js';
import {wrapRows} from './rows.js';

export interface TimelineRow {
	key: string;
	time: string;
	/** The sender's name at the start of this row, to colour it (first row of a message only). */
	sender?: string;
	text: string;
	kind: TimelineItem['line']['kind'];
	status?: string;
}

const TIME_WIDTH = 6;
const cache = new WeakMap<TimelineItem, {width: number; rows: TimelineRow[]}>();

export function rowsForItem(item: TimelineItem, width: number): TimelineRow[] {
	const hit = cache.get(item);
	if (hit && hit.width === width) return hit.rows;
	const {line} = item;
	const status = item.pending === 'sending' ? ' (sending…)' : item.pending === 'failed' ? ' (not sent)' : '';
	const edited = line.edited ? ' (edited)' : '';
	const body =
		line.kind === 'message' ? `${line.sender}: ${line.text}`
		: line.kind === 'notice' ? `${line.sender}: ${line.text}`
		: line.kind === 'emote' ? line.text
		: `── ${line.text}`;
	const wrapped = wrapRows(body + edited, Math.max(1, width - TIME_WIDTH));
	const senderPrefix = line.kind === 'message' || line.kind === 'notice' ? line.sender : undefined;
	const rows = wrapped.map((text, index): TimelineRow => ({
		key: `${item.key}:${index}`,
		time: index === 0 ? formatTime(item.timestamp) : '',
		sender: index === 0 && senderPrefix && text.startsWith(senderPrefix) ? senderPrefix : undefined,
		text,
		kind: line.kind,
		status: index === wrapped.length - 1 && status ? status : undefined,
	}));
	cache.set(item, {width, rows});
	return rows;
}

/** Rows for the newest items, enough to fill `needed` rows; older items are not laid out at all. */
export function newestRows(items: readonly TimelineItem[], width: number, needed: number): {rows: TimelineRow[]; complete: boolean} {
	const chunks: TimelineRow[][] = [];
	let count = 0;
	let index = items.length - 1;
	for (; index >= 0 && count < needed; index--) {
		const rows = rowsForItem(items[index]!, width);
		chunks.push(rows);
		count += rows.length;
	}
	return {rows: chunks.reverse().flat(), complete: index < 0};
}

function formatTime(timestamp: number | undefined): string {
	if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return '';
	const date = new Date(timestamp);
	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
