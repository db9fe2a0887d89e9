/**
 * Names for files written to disk from another person's event: one path segment, no control or
 * path characters, not hidden, not too long, and never the name of a file already there.
 */

const MAX_NAME_BYTES = 200;

/** A name safe as one path segment, from the untrusted filename or body of an event. */
export function safeFileName(untrusted: unknown, fallback = 'download'): string {
	const raw = typeof untrusted === 'string' ? untrusted : '';
	// The last segment only: "../../.bashrc" is ".bashrc", then not hidden.
	const last = raw.split(/[/\\]/).at(-1) ?? '';
	let name = last
		.normalize('NFC')
		.replace(/\s+/gu, ' ')
		.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"|?*]/gu, '')
		.replace(/\s+/gu, ' ')
		.trim()
		.replace(/^[.\s]+/u, '')
		.replace(/[.\s]+$/u, '');
	while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = shorten(name);
	return name || fallback;
}

/** Drops a character before the extension (keeping it), or from the end if there is none. */
function shorten(name: string): string {
	const dot = name.lastIndexOf('.');
	const chars = [...name];
	if (dot > 0 && name.length - dot <= 16) {
		const stem = [...name.slice(0, dot)];
		return stem.slice(0, -1).join('') + name.slice(dot);
	}
	return chars.slice(0, -1).join('');
}

/** "name.txt", then "name (1).txt", "name (2).txt"…: the first the `taken` test lets through. */
export function freeName(name: string, taken: (candidate: string) => boolean): string {
	if (!taken(name)) return name;
	const dot = name.lastIndexOf('.');
	const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	for (let n = 1; ; n++) {
		const candidate = `${stem} (${n})${extension}`;
		if (!taken(candidate)) return candidate;
	}
}

/** "~" and "~/x" are under the home directory; every other path is as typed. */
export function expandHome(path: string, home: string): string {
	if (path === '~') return home;
	return path.startsWith('~/') ? `${home.replace(/\/+$/, '')}/${path.slice(2)}` : path;
}
