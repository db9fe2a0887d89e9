/**
 * Timeline items laid out as rows: a time column, then the line wrapped with a hanging indent.
 * Relations add one row each: the quoted reply above a message, reactions and the thread marker below.
 */
import type {RawEvent} from '../domain/events.js';
import type {TimelineItem} from '../state/selectors.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';
import {UNTRUSTED_MARKER} from '../domain/trust.js';
import {wrapRows} from './rows.js';
import {plainText, type StyledSpan} from '../domain/html/spans.js';
import {formattedRows} from './formatted-rows.js';
import {PICTURE_INDENT, type PictureView} from './timeline-pictures.js';

export interface TimelineRow {
	key: string;
	time: string;
	/** The sender's name at the start of this row, to colour it (first row of a message only). */
	sender?: string;
	text: string;
	kind: TimelineItem['line']['kind'];
	status?: string;
	/** A row drawn around the message rather than from its text; 'gap': missing messages before it. */
	part?: 'reply' | 'reactions' | 'thread' | 'gap' | 'marker' | 'picture';
	/** The gap this row stands for (RoomSnapshot.gaps), to fill it (paginate-back). */
	gap?: string;
	/** A formatted message's row: drawn instead of `text` (after the sender's name, if any). */
	spans?: StyledSpan[];
	/** The pieces of a reactions row, `text` in order; `mine` ones are highlighted. */
	chips?: ReactionChip[];
	/** A row of a message that mentions us: highlighted. */
	mention?: true;
	/** Who has read up to this item, after its last row (dimmed). */
	readers?: string;
	/** A picture row: half blocks and the SGR colours we made of the image's pixels (half-blocks.ts), or kitty's placeholders (kitty-graphics.ts); nothing else. */
	picture?: string;
}

export interface ReactionChip {
	text: string;
	mine: boolean;
}

const TIME_WIDTH = 6;
const REACTIONS_INDENT = '  ';
const REACTIONS_GAP = '  ';
const cache = new WeakMap<TimelineItem, {width: number; picture: PictureView | undefined; rows: TimelineRow[]}>();

/** The item's rows; an image item's `picture` (timeline-pictures.ts) adds its rows under the media line, or a note on it. */
export function rowsForItem(item: TimelineItem, width: number, picture?: PictureView): TimelineRow[] {
	const hit = cache.get(item);
	if (hit && hit.width === width && hit.picture === picture) return hit.rows;
	const {line} = item;
	const textWidth = Math.max(1, width - TIME_WIDTH);
	const fullStatus = item.pending === 'sending' ? ' (sending…)' : item.pending === 'failed' ? ` (not sent${item.pendingReason ? `: ${item.pendingReason}` : ''})` : '';
	// A long refusal is cut to the pane; the status bar and /retry say the rest.
	const status = cellWidth(fullStatus) > textWidth ? truncateToWidth(fullStatus, textWidth) : fullStatus;
	const edited = line.edited ? ' (edited)' : '';
	const body =
		line.kind === 'message' ? `${line.sender}: ${line.text}`
		: line.kind === 'notice' ? `${line.sender}: ${line.text}`
		: line.kind === 'encrypted' ? `${line.sender}: ${line.text}`
		: line.kind === 'emote' ? line.text
		: `── ${line.text}`;
	const marker = (line.untrusted ? ` ${UNTRUSTED_MARKER}` : '') + (picture && 'note' in picture ? ` (${picture.note})` : '');
	const formatted = line.formatted ? formattedRows({...line, formatted: line.formatted}, textWidth, edited + marker) : undefined;
	const wrapped = formatted
		? formatted.rows.map((row, index) => (index === 0 && formatted.named ? line.sender : '') + plainText(row))
		: wrapRows(body + edited + marker, textWidth);
	// The status goes after the last row if it fits there, else on a row of its own.
	if (status && cellWidth(wrapped.at(-1) ?? '') + cellWidth(status) > textWidth) wrapped.push('');
	// The readers too, after the status, on a row of their own if need be.
	const readers = item.readers ? truncateToWidth(`  ${item.readers}`, textWidth) : '';
	if (readers && cellWidth(wrapped.at(-1) ?? '') + cellWidth(status) + cellWidth(readers) > textWidth) wrapped.push('');
	const senderPrefix = line.kind === 'message' || line.kind === 'notice' || line.kind === 'encrypted' ? line.sender : undefined;
	const rows = wrapped.map((text, index): TimelineRow => ({
		key: `${item.key}:${index}`,
		time: index === 0 ? formatTime(item.timestamp) : '',
		sender: index === 0 && senderPrefix && text.startsWith(senderPrefix) && (formatted === undefined || formatted.named) ? senderPrefix : undefined,
		text,
		kind: line.kind,
		status: index === wrapped.length - 1 && status ? status : undefined,
		...(line.mentionsMe ? {mention: true as const} : {}),
		...(readers && index === wrapped.length - 1 ? {readers} : {}),
		...(formatted?.rows[index] ? {spans: formatted.rows[index]} : {}),
	}));
	const extra = (part: NonNullable<TimelineRow['part']>, text: string, chips?: ReactionChip[]): TimelineRow => ({
		key: `${item.key}:${part}`,
		time: '',
		text,
		kind: line.kind,
		part,
		...(chips ? {chips} : {}),
	});
	if (item.replyTo) {
		const {sender, preview} = item.replyTo;
		rows.unshift(extra('reply', truncateToWidth(sender === '' ? `↳ ${preview}` : `↳ ${sender}: ${preview}`, textWidth)));
	}
	if (picture && 'lines' in picture) {
		// Under the media line and its caption, above the reactions.
		rows.push(...picture.lines.map((sgr, index): TimelineRow => ({key: `${item.key}:picture:${index}`, time: '', text: '', kind: line.kind, part: 'picture', picture: PICTURE_INDENT + sgr})));
	}
	if (item.reactions?.length) {
		const chips = reactionChips(item.reactions, textWidth);
		rows.push(extra('reactions', chips.map((chip) => chip.text).join(''), chips));
	}
	if (item.threadSummary) rows.push(extra('thread', truncateToWidth(`  🧵 ${item.threadSummary}`, textWidth)));
	cache.set(item, {width, picture, rows});
	return rows;
}

/**
 * "  👍 2  🎉 1" in at most `width` cells: as many groups as fit, then "+N" for the rest, so a
 * message with fifty different reactions still takes one row.
 */
export function reactionChips(reactions: NonNullable<TimelineItem['reactions']>, width: number): ReactionChip[] {
	const labels = reactions.map((group) => ({text: `${group.key} ${group.count}`, mine: group.mine}));
	const indent = cellWidth(REACTIONS_INDENT);
	const gap = cellWidth(REACTIONS_GAP);
	// used[k]: cells taken by the indent and the first k labels with their gaps.
	const used = [indent];
	for (const [index, label] of labels.entries()) used.push(used[index]! + (index > 0 ? gap : 0) + cellWidth(label.text));
	for (let shown = labels.length; shown >= 0; shown--) {
		const hidden = labels.length - shown;
		const more = hidden > 0 ? `${shown > 0 ? REACTIONS_GAP : ''}+${hidden}` : '';
		if (used[shown]! + cellWidth(more) > width) continue;
		const chips: ReactionChip[] = [{text: REACTIONS_INDENT, mine: false}];
		labels.slice(0, shown).forEach((label, index) => {
			if (index > 0) chips.push({text: REACTIONS_GAP, mine: false});
			chips.push(label);
		});
		if (more) chips.push({text: more, mine: false});
		return chips;
	}
	return [{text: truncateToWidth(`+${labels.length}`, width), mine: false}];
}

export const GAP_TEXT = '┄ more messages not loaded — PgUp ┄';

/**
 * Each gap (the ID of the event it lies before) at the key of the first item drawn at or after that
 * event: hidden events (reactions, edits) draw no item of their own.
 */
export function gapsAtItems(events: readonly RawEvent[], gaps: readonly string[], items: readonly TimelineItem[]): Map<string, string> {
	const at = new Map<string, string>();
	if (gaps.length === 0) return at;
	const gapIds = new Set(gaps);
	const itemKeys = new Set(items.map((item) => item.key));
	let open: string | undefined;
	for (const {event_id: eventId} of events) {
		if (eventId === undefined) continue;
		if (gapIds.has(eventId)) open = eventId;
		if (open !== undefined && itemKeys.has(eventId)) {
			at.set(eventId, open);
			open = undefined;
		}
	}
	return at;
}

export const MARKER_TEXT = '── new messages ──';

function markerRow(width: number): TimelineRow {
	return {key: 'read-marker', time: '', text: truncateToWidth(MARKER_TEXT, Math.max(1, width - TIME_WIDTH)), kind: 'state', part: 'marker'};
}

function gapRow(gap: string, width: number): TimelineRow {
	return {key: `gap:${gap}`, time: '', text: truncateToWidth(GAP_TEXT, Math.max(1, width - TIME_WIDTH)), kind: 'state', part: 'gap', gap};
}

/**
 * Rows for the newest items, enough to fill `needed` rows; older items are not laid out at all.
 * `gapsAt` (gapsAtItems) puts a gap line above the items that follow missing messages.
 */
export function newestRows(
	items: readonly TimelineItem[],
	width: number,
	needed: number,
	gapsAt: ReadonlyMap<string, string> = new Map(),
	markerAfter?: string,
	pictureOf?: (item: TimelineItem) => PictureView | undefined,
): {rows: TimelineRow[]; complete: boolean} {
	const chunks: TimelineRow[][] = [];
	let count = 0;
	let index = items.length - 1;
	for (; index >= 0 && count < needed; index--) {
		const item = items[index]!;
		const rows = rowsForItem(item, width, item.image && pictureOf?.(item));
		const gap = gapsAt.get(item.key);
		// The read marker: under the last item read, when newer ones follow.
		if (item.key === markerAfter && index < items.length - 1) {
			chunks.push([markerRow(width)]);
			count++;
		}
		chunks.push(gap === undefined ? rows : [gapRow(gap, width), ...rows]);
		count += rows.length + (gap === undefined ? 0 : 1);
	}
	return {rows: chunks.reverse().flat(), complete: index < 0};
}

function formatTime(timestamp: number | undefined): string {
	if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return '';
	const date = new Date(timestamp);
	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
