/**
 * Typing notifications: who is typing in each room, read off a /sync body's `m.typing` ephemeral
 * events (each one is the whole list, replacing the last), and the line the timeline shows.
 */
import {asObject} from './events.js';

export interface RoomTyping {
	roomId: string;
	userIds: string[];
}

/** Beyond this many, the line counts them anyway: a hostile server's list is not held whole. */
const MAX_TYPING = 100;

/** The rooms of a /sync body whose typing list changed, each with who types now. */
export function typingInSync(body: unknown): RoomTyping[] {
	const joined = asObject(asObject(asObject(body).rooms).join);
	const found: RoomTyping[] = [];
	for (const [roomId, room] of Object.entries(joined)) {
		const events = asObject(asObject(room).ephemeral).events;
		if (!Array.isArray(events)) continue;
		// The last m.typing of the section is the list now.
		const typing: unknown = (events as unknown[]).findLast((event) => asObject(event).type === 'm.typing');
		if (typing === undefined) continue;
		const userIds = asObject(asObject(typing).content).user_ids;
		const valid = Array.isArray(userIds) ? userIds.filter((userId): userId is string => typeof userId === 'string' && userId.startsWith('@')) : [];
		found.push({roomId, userIds: [...new Set(valid)].slice(0, MAX_TYPING)});
	}
	return found;
}

/** "Alice is typing…", "Alice and Bob are typing…", "Alice and 3 others are typing…"; nobody: undefined. */
export function typingLine(names: readonly string[]): string | undefined {
	const [first, second] = names;
	if (first === undefined) return undefined;
	if (second === undefined) return `${first} is typing…`;
	if (names.length === 2) return `${first} and ${second} are typing…`;
	return `${first} and ${names.length - 1} others are typing…`;
}
