/**
 * Link targets from HTML we did not write. Only http(s), mailto and matrix.to links become
 * targets (shown, and made clickable); anything else (javascript:, data:, file:…) stays plain text.
 * A target is normalised by the URL parser and must then be printable ASCII without spaces: the
 * string goes inside an OSC 8 sequence, where a control byte would end it early.
 */
const ALLOWED_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const SAFE_TARGET = /^[\x21-\x7E]+$/;
const MAX_TARGET_LENGTH = 2048;

export function safeLinkTarget(raw: unknown): string | undefined {
	if (typeof raw !== 'string' || raw.length > MAX_TARGET_LENGTH) return undefined;
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return undefined;
	}
	if (!ALLOWED_PROTOCOLS.has(url.protocol)) return undefined;
	const target = url.href;
	return target.length <= MAX_TARGET_LENGTH && SAFE_TARGET.test(target) ? target : undefined;
}

/** A matrix.to link to a user, room or alias: drawn as a mention (its text, styled), no target shown. */
export function isMatrixToMention(target: string): boolean {
	return /^https:\/\/matrix\.to\/#\/[@!#]/.test(target);
}

/**
 * An OSC 8 hyperlink around `label`: the one escape sequence we emit from message content. Both
 * parts must already be safe (label sanitized, target from safeLinkTarget).
 */
export function hyperlink(label: string, target: string): string {
	return `\u001B]8;;${target}\u001B\\${label}\u001B]8;;\u001B\\`;
}
