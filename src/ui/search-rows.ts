/** /search's rows: when, the room (for --all), who, then the body on one line with the match apart; every server string sanitized, the row cut to the pane. */
import type {SearchHit} from '../domain/message-search.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {matchLine, type MatchLine} from '../domain/search-match.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';

export interface SearchRow extends MatchLine {
	lead: string;
}

export function searchRow(hit: SearchHit, term: string, width: number, names: {room?: string; sender: string}): SearchRow {
	const room = names.room === undefined ? '' : `${truncateToWidth(sanitizeInline(names.room), 20)}  `;
	// Names take at most half the row: the message is what was searched for.
	const lead = truncateToWidth(`${when(hit.ts)}  ${room}${sanitizeInline(names.sender) || '?'}: `, Math.max(1, Math.floor(width / 2)));
	return {lead, ...matchLine(hit.body, term, Math.max(0, width - cellWidth(lead)))};
}

function when(ts: number): string {
	if (ts <= 0) return '????-??-?? ??:??';
	const date = new Date(ts);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
