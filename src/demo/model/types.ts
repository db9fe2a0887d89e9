import type {RawContent, RawEvent} from '../../domain/events.js';

/** An event as this server stores and serves it: the optional RawEvent fields are always present. */
export interface WireEvent extends RawEvent {
	event_id: string;
	sender: string;
	origin_server_ts: number;
	room_id: string;
	content: RawContent;
	unsigned: NonNullable<RawEvent['unsigned']>;
}

/** A stored event plus its place in the server-wide stream (what sync tokens count). */
export interface StoredEvent {
	pos: number;
	event: WireEvent;
	/** Set when our user sent it with a txnId: sync echoes it as unsigned.transaction_id. */
	txnId?: string;
}

/** What callers (routes, the scenario, injectEvent) hand to the store; the store fills in the rest. */
export interface EventDraft {
	type: string;
	sender: string;
	content: unknown;
	state_key?: string;
	redacts?: string;
	/** Seeds may fix ids so that edits and redactions can point at them. */
	event_id?: string;
	/** Seeds may backdate events; the store still keeps timestamps strictly increasing. */
	origin_server_ts?: number;
	/** Seeds may carry what a client's own layer would have added (the demo has no crypto to say why it cannot decrypt). */
	unsigned?: Record<string, unknown>;
}

export interface UnreadCounts {
	notification_count: number;
	highlight_count: number;
}
