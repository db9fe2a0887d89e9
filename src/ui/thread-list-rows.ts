/** /threads' lines: unread marker, the root's sender and text, reply count, last reply time; cut to the panel. */
import {safeNamer, type NameOf} from '../domain/names.js';
import {oneLinePreview} from '../domain/relations.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';
import type {ThreadEntry} from '../domain/threads.js';

const UNREAD_MARK = '●';

export function threadListLine(thread: ThreadEntry, options: {nameOf: NameOf; unread: boolean; width: number; now: number}): string {
	const name = safeNamer(options.nameOf);
	const sender = truncateToWidth(name(typeof thread.root.sender === 'string' ? thread.root.sender : ''), 30);
	const replies = `${thread.count} ${thread.count === 1 ? 'reply' : 'replies'}`;
	const last = thread.count > 0 ? `, last ${when(thread.latestTs, options.now)}` : '';
	const tail = `  — ${replies}${last}`;
	const head = `${options.unread ? UNREAD_MARK : ' '} ${sender}: `;
	// The text gives way first: the count and the time stay on the line.
	const room = Math.max(1, options.width - cellWidth(head) - cellWidth(tail));
	return truncateToWidth(`${head}${truncateToWidth(oneLinePreview(thread.root, sender), room)}${tail}`, options.width);
}

/** hh:mm today, else the date too: a thread list spans weeks. */
export function when(ts: number, now: number): string {
	const date = new Date(ts);
	const today = new Date(now);
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
	if (date.toDateString() === today.toDateString()) return time;
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

const pad = (value: number) => String(value).padStart(2, '0');
