/**
 * Which message /edit takes: the user's own newest text or emote in the room that is still there,
 * as it reads now (its newest edit applied), the reply fallback left out — the text a replacement
 * starts from.
 */
import {applyEdits} from './edits.js';
import {contentOf, type RawEvent} from './events.js';
import type {Mention} from './mentions.js';
import {inReplyTo, stripReplyFallback} from './relations.js';
import {mentionsOfMessage} from './sent-mentions.js';

export interface EditableMessage {
	eventId: string;
	body: string;
	emote: boolean;
	/** Whom it mentions (set only when someone): the edit mentions them again. */
	mentions?: Mention[];
}

const EDITABLE_TYPES = new Set(['m.text', 'm.emote']);

export function lastEditable(events: readonly RawEvent[], userId: string): EditableMessage | undefined {
	const shown = applyEdits(events);
	for (let index = shown.length - 1; index >= 0; index--) {
		const {event} = shown[index]!;
		if (event.type !== 'm.room.message' || event.sender !== userId || typeof event.event_id !== 'string' || event.state_key !== undefined) continue;
		const content = contentOf(event);
		// A redacted message (no body left), an image or a file: passed over, as Element's ↑-to-edit does.
		if (typeof content['body'] !== 'string' || typeof content['msgtype'] !== 'string' || !EDITABLE_TYPES.has(content['msgtype'])) continue;
		// As the timeline reads a reply (timeline-text.ts): the quote goes only where the reply is one.
		const reply = inReplyTo(content) !== undefined;
		const body = reply ? stripReplyFallback(content['body']) : content['body'];
		const mentions = mentionsOfMessage(content).filter((mention) => body.includes(mention.text));
		return {eventId: event.event_id, body, emote: content['msgtype'] === 'm.emote', ...(mentions.length > 0 ? {mentions} : {})};
	}
	return undefined;
}
