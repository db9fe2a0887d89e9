import {asObject} from '../domain/events.js';
import type {Session} from './model/session.js';
import type {DemoStore} from './model/store.js';
import type {EventDraft, StoredEvent} from './model/types.js';

const NOTIFYING_TYPES = new Set(['m.room.message', 'm.room.encrypted']);

/**
 * An event from another user (injectEvent, live activity): appended, and counted as unread for us
 * the way default push rules would — every message notifies, a mention of our name highlights.
 */
export function appendFromOthers(store: DemoStore, session: Session, roomId: string, draft: EventDraft): StoredEvent {
	const stored = store.append(roomId, draft);
	const room = store.rooms.get(roomId);
	if (!room || draft.sender === session.userId || draft.state_key !== undefined) return stored;
	if (!NOTIFYING_TYPES.has(draft.type) || room.membership(session.userId) !== 'join') return stored;
	const body = asObject(draft.content)['body'];
	const names = [session.userId.slice(1, session.userId.indexOf(':')), session.profiles.get(session.userId)?.displayname];
	const mentioned = typeof body === 'string' && names.some((name) => name && body.toLowerCase().includes(name.toLowerCase()));
	room.unread = {
		notification_count: room.unread.notification_count + 1,
		highlight_count: room.unread.highlight_count + (mentioned ? 1 : 0),
	};
	return stored;
}
