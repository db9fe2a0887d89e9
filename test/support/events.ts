/** Builders for raw events, so tests read as the scenario they describe. */
import type {RawContent, RawEvent} from '../../src/domain/events.js';

let counter = 0;
const nextId = () => `$event${++counter}`;
const nextTs = () => 1_700_000_000_000 + ++counter * 60_000;

export function message(sender: string, body: string, extra: Partial<RawEvent> = {}): RawEvent {
	return {type: 'm.room.message', sender, event_id: nextId(), origin_server_ts: nextTs(), content: {msgtype: 'm.text', body}, ...extra};
}

export function member(stateKey: string, content: RawContent, options: {sender?: string; prev?: RawContent} = {}): RawEvent {
	return {
		type: 'm.room.member',
		state_key: stateKey,
		sender: options.sender ?? stateKey,
		event_id: nextId(),
		origin_server_ts: nextTs(),
		content,
		...(options.prev ? {unsigned: {prev_content: options.prev}} : {}),
	};
}

export function state(type: string, stateKey: string, content: RawContent, sender = '@alice:example.org'): RawEvent {
	return {type, state_key: stateKey, sender, event_id: nextId(), origin_server_ts: nextTs(), content};
}

export function redacted(event: RawEvent): RawEvent {
	return {...event, content: {}, unsigned: {redacted_because: {type: 'm.room.redaction', sender: '@alice:example.org'}}};
}

/** A rich reply to `target`, with the legacy fallback quote in its body as most clients send it. */
export function reply(sender: string, target: RawEvent, body: string): RawEvent {
	const quoted = `> <${target.sender}> ${typeof target.content?.body === 'string' ? target.content.body : ''}`;
	return message(sender, body, {content: {msgtype: 'm.text', body: `${quoted}\n\n${body}`, 'm.relates_to': {'m.in_reply_to': {event_id: target.event_id}}}});
}

export function reaction(sender: string, target: RawEvent, key: string): RawEvent {
	return {type: 'm.reaction', sender, event_id: nextId(), origin_server_ts: nextTs(), content: {'m.relates_to': {rel_type: 'm.annotation', event_id: target.event_id, key}}};
}

export function threadReply(sender: string, root: RawEvent, body: string): RawEvent {
	return message(sender, body, {
		content: {msgtype: 'm.text', body, 'm.relates_to': {rel_type: 'm.thread', event_id: root.event_id, is_falling_back: true, 'm.in_reply_to': {event_id: root.event_id}}},
	});
}
