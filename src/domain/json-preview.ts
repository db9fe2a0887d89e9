/**
 * A short JSON-like rendering of untrusted content, for previews. Bounded in time and size:
 * content can be 64 KiB or nested thousands deep, and a preview only needs its first few dozen
 * characters, so we stop early instead of JSON.stringify-ing the lot. Not sanitized: callers do that.
 */

const PREVIEW_MAX_LENGTH = 200;
const MAX_DEPTH = 4;

export function previewJson(value: unknown, maxLength: number = PREVIEW_MAX_LENGTH): string {
	const out: string[] = [];
	let length = 0;
	const full = (): boolean => length >= maxLength;
	const write = (text: string): void => {
		out.push(text);
		length += text.length;
	};

	const visit = (item: unknown, depth: number): void => {
		if (full()) return;
		if (item === null || typeof item === 'boolean' || typeof item === 'number') {
			write(typeof item === 'number' && !Number.isFinite(item) ? 'null' : String(item));
		} else if (typeof item === 'string') {
			write(quote(item, maxLength - length));
		} else if (Array.isArray(item)) {
			if (depth >= MAX_DEPTH) return write(item.length === 0 ? '[]' : '[…]');
			write('[');
			for (let i = 0; i < item.length && !full(); i++) {
				if (i > 0) write(', ');
				visit(item[i], depth + 1);
			}
			write(']');
		} else if (typeof item === 'object') {
			const keys = Object.keys(item);
			if (depth >= MAX_DEPTH) return write(keys.length === 0 ? '{}' : '{…}');
			write('{');
			for (let i = 0; i < keys.length && !full(); i++) {
				const key = keys[i] as string;
				if (i > 0) write(', ');
				write(`${quote(key, maxLength - length)}: `);
				visit((item as Record<string, unknown>)[key], depth + 1);
			}
			write('}');
		} else {
			write('null'); // undefined, functions…: not JSON
		}
	};

	visit(value, 0);
	return out.join('');
}

/** JSON-quote at most about `room` characters of `text`, never splitting a surrogate pair. */
function quote(text: string, room: number): string {
	const limit = Math.max(room, 1);
	if (text.length <= limit) return JSON.stringify(text);
	let end = limit;
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end--;
	return `${JSON.stringify(text.slice(0, end)).slice(0, -1)}…"`;
}
