/**
 * The raw Matrix event JSON, as a homeserver sends it. Everything here is untrusted: a field typed
 * `unknown` may hold any JSON value (or be missing), so rules must check before they use it.
 */
export type RawContent = Record<string, unknown>;

export interface RawEvent {
	type: string;
	event_id?: string;
	sender?: string;
	state_key?: string;
	origin_server_ts?: number;
	content?: RawContent;
	unsigned?: {
		prev_content?: RawContent;
		redacted_because?: unknown;
		[key: string]: unknown;
	};
	/** Some servers (and older clients) put prev_content at the top level. */
	prev_content?: RawContent;
	room_id?: string;
	redacts?: string;
}

/** Content as an object, whatever the event carried (missing, null, an array, a string…). */
export function contentOf(event: RawEvent): RawContent {
	return asObject(event.content);
}

export function prevContentOf(event: RawEvent): RawContent {
	return asObject(event.unsigned?.prev_content ?? event.prev_content);
}

export function asObject(value: unknown): RawContent {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as RawContent) : {};
}

export function isStateEvent(event: RawEvent): boolean {
	return typeof event.state_key === 'string';
}

export function isRedacted(event: RawEvent): boolean {
	const unsigned = event.unsigned;
	return unsigned !== null && typeof unsigned === 'object' && unsigned.redacted_because !== undefined && unsigned.redacted_because !== null;
}

/** The given keys of an object, those it has (a copy; anything not an object gives {}). */
export function pickKeys(value: unknown, keys: readonly string[]): RawContent {
	const from = asObject(value);
	const out: RawContent = {};
	for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
	return out;
}

/** The event itself as an object: callers with untyped data may hand over null, a string, an array… */
export function asEvent(value: unknown): RawEvent {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as RawEvent) : {type: ''};
}

/** m.room.* state: the room's own settings (name, topic, power levels, tombstone…), which clients read. */
export function isRoomSetting(event: RawEvent): boolean {
	return typeof event.type === 'string' && event.type.startsWith('m.room.');
}
