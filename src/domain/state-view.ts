/**
 * The room state browser. MSC3901 "deleted" state is hidden unless asked for, and can be marked
 * deleted or undeleted by sending new content built here.
 */
import {asEvent, asObject, contentOf, type RawContent, type RawEvent} from './events.js';
import {isDeletedState} from './deleted-state.js';
import {previewJson} from './json-preview.js';
import {sanitizeInline} from './sanitize.js';
import {truncateToWidth} from './text-width.js';

export interface StateRow {
	/** Raw event type: the key to act on (e.g. delete); sanitize it before displaying it. */
	type: string;
	/** Raw state key, likewise. */
	stateKey: string;
	/** Short sanitized one-line JSON-ish preview of the content, at most SUMMARY_MAX_WIDTH cells. */
	summary: string;
	deleted: boolean;
	/** Sanitized sender user id. */
	sender: string;
}

export interface StateView {
	rows: StateRow[];
	/** Number of deleted events, whether or not they are shown. */
	hiddenCount: number;
	/** Number of state entries (type + state key), deleted or not. */
	total: number;
}

const SUMMARY_MAX_WIDTH = 60;

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function buildStateView(stateEvents: Iterable<RawEvent>, options: {showDeleted: boolean}): StateView {
	const showDeleted = options?.showDeleted === true;
	// type → state key → event; last one wins. Nested maps, since no separator is safe in
	// sender-chosen strings.
	const byType = new Map<string, Map<string, RawEvent>>();
	for (const untrusted of stateEvents ?? []) {
		const event = asEvent(untrusted);
		if (typeof event.type !== 'string' || typeof event.state_key !== 'string') continue;
		let byKey = byType.get(event.type);
		if (byKey === undefined) byType.set(event.type, (byKey = new Map<string, RawEvent>()));
		byKey.set(event.state_key, event);
	}

	const rows: StateRow[] = [];
	let total = 0;
	let hiddenCount = 0;
	for (const [type, byKey] of byType) {
		for (const [stateKey, event] of byKey) {
			total++;
			const deleted = isDeletedState(event);
			if (deleted) hiddenCount++;
			if (deleted && !showDeleted) continue;
			rows.push({
				type,
				stateKey,
				summary: truncateToWidth(sanitizeInline(previewJson(contentOf(event))), SUMMARY_MAX_WIDTH),
				deleted,
				sender: sanitizeInline(event.sender),
			});
		}
	}
	rows.sort((a, b) => compareText(a.type, b.type) || compareText(a.stateKey, b.stateKey));
	return {rows, hiddenCount, total};
}

/** Content to send to mark state as deleted (MSC3901): the same content plus `deleted: true`. */
export function deleteStateContent(current: unknown): RawContent {
	return {...asObject(current), deleted: true};
}

/** Content to send to undelete state: the same content without either deletion marker. */
export function undeleteStateContent(current: unknown): RawContent {
	const {deleted: _deleted, 'm.obsolete': _obsolete, ...rest} = asObject(current);
	return rest;
}
