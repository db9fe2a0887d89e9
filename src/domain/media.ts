/**
 * A media message as one line of text: what it is, its name, and what its `info` says (type, size,
 * dimensions, length), as iamb and gomuks list attachments. Every field is the sender's word:
 * names are sanitized, numbers taken only when they are plausible.
 */
import {asObject, type RawContent} from './events.js';
import {sanitizeInline} from './sanitize.js';

const LABELS: Record<string, string> = {'m.image': 'image', 'm.file': 'file', 'm.audio': 'audio', 'm.video': 'video'};

/** "[image] cat.png (image/png, 1.2 MB, 800×600)", and its caption if it has one; not media: undefined. */
export function mediaLine(content: RawContent, eventType: string): {line: string; caption?: string} | undefined {
	const msgtype = content['msgtype'];
	const label = eventType === 'm.sticker' ? 'sticker' : typeof msgtype === 'string' ? LABELS[msgtype] : undefined;
	if (label === undefined) return undefined;
	const body = typeof content['body'] === 'string' ? sanitizeInline(content['body']).trim() : '';
	const filename = typeof content['filename'] === 'string' ? sanitizeInline(content['filename']).trim() : '';
	// Since Matrix 1.10 a body beside a filename is a caption.
	const name = filename || body || 'unnamed';
	const caption = filename !== '' && body !== '' && body !== filename ? body : undefined;
	const details = infoDetails(asObject(content['info']));
	const line = `[${label}] ${name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
	return caption === undefined ? {line} : {line, caption};
}

function infoDetails(info: Record<string, unknown>): string[] {
	const details: string[] = [];
	if (typeof info['mimetype'] === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(info['mimetype'])) details.push(info['mimetype']);
	const size = count(info['size']);
	if (size !== undefined) details.push(formatSize(size));
	const [width, height] = [count(info['w']), count(info['h'])];
	if (width && height) details.push(`${width}×${height}`);
	const duration = count(info['duration']);
	if (duration !== undefined) details.push(formatDuration(duration));
	return details;
}

/** A non-negative whole number, or undefined. */
function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export function formatSize(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes / 1000;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Milliseconds as m:ss (h:mm:ss past an hour). */
function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
	const pad = (n: number) => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
