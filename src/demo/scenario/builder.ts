import type {EventDraft, UnreadCounts} from '../model/types.js';
import type {ScenarioRoom} from './types.js';

const SERVER_NAME = 'demo.local';
export const userId = (localpart: string): string => `@${localpart}:${SERVER_NAME}`;

/** Small helpers to write a room's history as a readable list of events. */
export class RoomBuilder {
	private readonly events: EventDraft[] = [];

	constructor(readonly roomId: string) {}

	add(draft: EventDraft): this {
		this.events.push(draft);
		return this;
	}

	state(sender: string, type: string, content: Record<string, unknown>, stateKey = '', eventId?: string): this {
		return this.add({type, sender, content, state_key: stateKey, ...(eventId ? {event_id: eventId} : {})});
	}

	/** A member event; `sender` defaults to the target (joins, self-leaves, renames). */
	member(target: string, content: Record<string, unknown>, sender = target): this {
		return this.state(sender, 'm.room.member', content, target);
	}

	message(sender: string, content: Record<string, unknown>, eventId?: string): this {
		return this.add({type: 'm.room.message', sender, content, ...(eventId ? {event_id: eventId} : {})});
	}

	text(sender: string, body: string, eventId?: string): this {
		return this.message(sender, {msgtype: 'm.text', body}, eventId);
	}

	/**
	 * A rich reply with the legacy fallback other clients still send (and this one strips):
	 * the quoted message's first line, "> <@sender> …", then a blank line.
	 */
	reply(sender: string, target: {eventId: string; sender: string; body: string}, body: string, eventId?: string): this {
		const quoted = target.body.split('\n').map((line, index) => (index === 0 ? `> <${target.sender}> ${line}` : `> ${line}`));
		return this.message(
			sender,
			{msgtype: 'm.text', body: `${quoted.join('\n')}\n\n${body}`, 'm.relates_to': {'m.in_reply_to': {event_id: target.eventId}}},
			eventId,
		);
	}

	/** A reply in the thread under `rootId`; `previousId` is the thread's latest event, as clients send it. */
	threadReply(sender: string, rootId: string, body: string, previousId = rootId, eventId?: string): this {
		return this.message(
			sender,
			{
				msgtype: 'm.text',
				body,
				'm.relates_to': {rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': {event_id: previousId}},
			},
			eventId,
		);
	}

	react(sender: string, targetId: string, key: string): this {
		return this.add({type: 'm.reaction', sender, content: {'m.relates_to': {rel_type: 'm.annotation', event_id: targetId, key}}});
	}

	redact(sender: string, targetId: string, reason?: string): this {
		return this.add({type: 'm.room.redaction', sender, content: reason ? {reason} : {}, redacts: targetId});
	}

	/** Spreads the events over the past, `spacingMs` apart, ending about a minute ago. */
	build(unread?: UnreadCounts, spacingMs = 5 * 60_000): ScenarioRoom {
		const end = Date.now() - 60_000;
		const events = this.events.map((draft, index) => ({
			...draft,
			origin_server_ts: draft.origin_server_ts ?? end - (this.events.length - 1 - index) * spacingMs,
		}));
		return unread ? {roomId: this.roomId, events, unread} : {roomId: this.roomId, events};
	}
}
