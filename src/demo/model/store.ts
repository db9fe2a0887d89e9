import {asObject} from '../../domain/events.js';
import {redactInPlace} from './redaction.js';
import {RoomModel, stateMapKey} from './room.js';
import type {EventDraft, StoredEvent, WireEvent} from './types.js';

/**
 * All rooms plus the server-wide stream position. Every change bumps the position and wakes
 * long-polling syncs; sync tokens are just positions (see sync/tokens.ts).
 */
export class DemoStore {
	readonly rooms = new Map<string, RoomModel>();
	private readonly byId = new Map<string, StoredEvent>();
	private readonly listeners = new Set<() => void>();
	private position = 0;
	private nextId = 1;

	/** The latest stream position handed out (0 before anything happened). */
	get streamPosition(): number {
		return this.position;
	}

	createRoom(roomId: string): RoomModel {
		const room = new RoomModel(roomId);
		this.rooms.set(roomId, room);
		return room;
	}

	eventById(eventId: string): StoredEvent | undefined {
		return this.byId.get(eventId);
	}

	/** Appends an event as the server would: id, timestamp, prev_content, state and redaction effects. */
	append(roomId: string, draft: EventDraft, txnId?: string): StoredEvent {
		const room = this.rooms.get(roomId);
		if (!room) throw new Error(`unknown room ${roomId}`);
		const event: WireEvent = {
			type: draft.type,
			event_id: draft.event_id ?? `$demo${this.nextId++}_${Math.random().toString(36).slice(2, 10)}`,
			sender: draft.sender,
			origin_server_ts: room.nextTimestamp(draft.origin_server_ts),
			room_id: roomId,
			// A deep copy: callers (and the seed) may reuse their objects, and redaction prunes ours.
			content: structuredClone(asObject(draft.content)),
			unsigned: structuredClone(draft.unsigned ?? {}),
		};
		if (draft.state_key !== undefined) this.applyState(room, event, draft.state_key);
		if (draft.redacts !== undefined) {
			event.redacts = draft.redacts;
			event.content['redacts'] ??= draft.redacts; // room v11 moved it into content; serve both
		}
		const stored: StoredEvent = {pos: ++this.position, event};
		if (txnId !== undefined) stored.txnId = txnId;
		room.events.push(stored);
		if (draft.state_key !== undefined) room.state.set(stateMapKey(event.type, draft.state_key), stored);
		this.byId.set(event.event_id, stored);
		if (event.type === 'm.room.redaction' && draft.redacts !== undefined) this.redact(roomId, draft.redacts, event);
		this.notify();
		return stored;
	}

	/** Marks a room as changed without an event (receipts, unread counts), so syncs pick it up. */
	touch(room: RoomModel): void {
		room.touchedAt = ++this.position;
		this.notify();
	}

	/** The account's global account data by type, each with the position it last changed at. */
	readonly accountData = new Map<string, {content: Record<string, unknown>; pos: number}>();

	setAccountData(type: string, content: Record<string, unknown>): void {
		this.accountData.set(type, {content: structuredClone(content), pos: ++this.position});
		this.notify();
	}

	/** Sets (content) or removes (undefined) one of our tags on the room. */
	setTag(room: RoomModel, tag: string, content: Record<string, unknown> | undefined): void {
		room.tags ??= new Map();
		if (content === undefined) room.tags.delete(tag);
		else room.tags.set(tag, structuredClone(content));
		this.touch(room);
	}

	/** Calls `listener` on every change; returns the unsubscribe function. */
	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private applyState(room: RoomModel, event: WireEvent, stateKey: string): void {
		event.state_key = stateKey;
		const previous = room.getState(event.type, stateKey)?.event;
		if (!previous) return;
		// Clients render "X changed their name" / "rejoined" from prev_content, as Synapse sends it.
		event.unsigned.prev_content = structuredClone(previous.content);
		event.unsigned.prev_sender = previous.sender;
		event.unsigned.replaces_state = previous.event_id;
	}

	private redact(roomId: string, targetId: string, redaction: WireEvent): void {
		const target = this.byId.get(targetId);
		// Redactions of unknown events (or events of another room) are stored but change nothing.
		if (target && target.event.room_id === roomId) redactInPlace(target.event, redaction);
	}

	private notify(): void {
		for (const listener of [...this.listeners]) listener();
	}
}
