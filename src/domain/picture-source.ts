/**
 * Which media events are drawn as pictures, and from which bytes. Only images the sender calls PNG
 * or JPEG (or names no type for); the bytes are checked again when they come (picture-decode.ts).
 * In clear the server's thumbnail is asked for; an encrypted room's server cannot make one, so the
 * event's own encrypted thumbnail is used, or the file itself when it is small.
 */
import {asObject, type RawContent} from './events.js';
import {mediaSourceOf, type EncryptedFile} from './attachment.js';

/** An encrypted file larger than this is not fetched for a preview (its size is checked as it comes, too). */
export const MAX_PREVIEW_FILE_BYTES = 8 * 1024 * 1024;

const DRAWN_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg']);

export type PictureSource =
	/** The server's thumbnail of this mxc URL (falling back to the file, if it is small). */
	| {kind: 'thumbnail'; url: string; size?: number}
	/** An encrypted file: the event's thumbnail_file, or the image itself. */
	| {kind: 'encrypted'; file: EncryptedFile; size?: number};

function drawnType(mimetype: unknown): boolean {
	return mimetype === undefined || (typeof mimetype === 'string' && DRAWN_TYPES.has(mimetype));
}

function byteCount(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Where to get the picture of an m.image or m.sticker event; undefined: it keeps its text line only. */
export function pictureSourceOf(eventType: string, content: RawContent): PictureSource | undefined {
	if (eventType !== 'm.sticker' && content['msgtype'] !== 'm.image') return undefined;
	const source = mediaSourceOf(eventType, content);
	if (!source) return undefined;
	const info = asObject(content['info']);
	if (!drawnType(info['mimetype'])) return undefined;
	const size = byteCount(info['size']);
	if (!source.encrypted) return {kind: 'thumbnail', url: source.url, ...(size === undefined ? {} : {size})};
	const thumbnail = mediaSourceOf(eventType, {msgtype: 'm.image', file: info['thumbnail_file']});
	const thumbnailInfo = asObject(info['thumbnail_info']);
	if (thumbnail?.encrypted && drawnType(thumbnailInfo['mimetype'])) {
		const thumbnailSize = byteCount(thumbnailInfo['size']);
		return {kind: 'encrypted', file: thumbnail.file, ...(thumbnailSize === undefined ? {} : {size: thumbnailSize})};
	}
	if (size !== undefined && size > MAX_PREVIEW_FILE_BYTES) return undefined;
	return {kind: 'encrypted', file: source.file, ...(size === undefined ? {} : {size})};
}

