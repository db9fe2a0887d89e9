/** /explore's lines: name, alias, members, topic, each server string sanitized and the line cut to the panel. */
import type {PublicRoom} from '../domain/public-rooms.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {truncateToWidth} from '../domain/text-width.js';

/** The room's name to show: its name, else its alias, else its ID, sanitized. */
export function directoryName(room: PublicRoom): string {
	return sanitizeInline(room.name ?? '') || sanitizeInline(room.alias ?? '') || sanitizeInline(room.roomId);
}

export function directoryLine(room: PublicRoom, width: number): string {
	const name = directoryName(room);
	const alias = room.alias !== undefined && room.name !== undefined ? `  ${sanitizeInline(room.alias)}` : '';
	const members = `  ${room.members} ${room.members === 1 ? 'member' : 'members'}`;
	const topic = room.topic ? ` — ${sanitizeInline(room.topic)}` : '';
	return truncateToWidth(`${name}${alias}${members}${topic}`, width);
}

/** The first row to draw so the highlighted one stays in view, near the middle: the list's length never costs a frame more. */
export function firstVisible(index: number, count: number, capacity: number): number {
	return Math.max(0, Math.min(index - Math.floor(capacity / 2), count - capacity));
}
