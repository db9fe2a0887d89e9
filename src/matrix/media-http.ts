/**
 * The media repository's endpoints, spoken directly with fetch (the SDK gives no progress or
 * streaming in Node): authenticated download and thumbnail (v1, Matrix 1.11) with the legacy v3
 * paths for servers that do not know them, upload, and the server's upload size limit.
 */
import {MatrixError, type MatrixClient} from 'matrix-js-sdk';
import {parseMxc} from '../domain/attachment.js';

function auth(client: MatrixClient): Record<string, string> {
	const token = client.getAccessToken();
	return token ? {Authorization: `Bearer ${token}`} : {};
}

const url = (client: MatrixClient, path: string) => `${client.baseUrl.replace(/\/+$/, '')}${path}`;

/** A refusal as the SDK would throw it, so errors.ts classifies it the same way. */
async function refusal(response: Response): Promise<MatrixError> {
	let body: Record<string, unknown> = {};
	try {
		body = (await response.json()) as Record<string, unknown>;
	} catch {
		// Not JSON (a proxy's page): the status says enough.
	}
	return new MatrixError({errcode: typeof body['errcode'] === 'string' ? body['errcode'] : undefined, error: typeof body['error'] === 'string' ? body['error'] : `HTTP ${response.status}`}, response.status);
}

/** The server does not have the authenticated endpoints (an older one): its answer for an unknown path. */
function unknownEndpoint(error: MatrixError): boolean {
	return error.errcode === 'M_UNRECOGNIZED' || (error.httpStatus === 404 && error.errcode === undefined);
}

/** GET the file of an mxc URL: its response, body unread. Throws a MatrixError when the server refuses. */
export async function fetchMedia(client: MatrixClient, mxc: string, signal: AbortSignal): Promise<Response> {
	return fetchFromRepository(client, mxc, 'download', '', signal);
}

/**
 * GET the server's thumbnail of an mxc URL, scaled to fit width × height (the server may answer a
 * larger one, or a PNG/JPEG of a GIF): its response, body unread. Throws a MatrixError as fetchMedia.
 */
export async function fetchThumbnail(client: MatrixClient, mxc: string, size: {width: number; height: number}, signal: AbortSignal): Promise<Response> {
	return fetchFromRepository(client, mxc, 'thumbnail', `?width=${size.width}&height=${size.height}&method=scale`, signal);
}

async function fetchFromRepository(client: MatrixClient, mxc: string, what: 'download' | 'thumbnail', query: string, signal: AbortSignal): Promise<Response> {
	const parts = parseMxc(mxc);
	if (!parts) throw new Error('the event has no valid media URL');
	const tail = `${encodeURIComponent(parts.server)}/${encodeURIComponent(parts.mediaId)}${query}`;
	const authenticated = await fetch(url(client, `/_matrix/client/v1/media/${what}/${tail}`), {headers: auth(client), signal});
	if (authenticated.ok) return authenticated;
	const error = await refusal(authenticated);
	if (!unknownEndpoint(error)) throw error;
	const legacy = await fetch(url(client, `/_matrix/media/v3/${what}/${tail}`), {headers: auth(client), signal});
	if (!legacy.ok) throw await refusal(legacy);
	return legacy;
}

/** POST the bytes (a stream of `size` bytes) to the media repository; resolves to the mxc URL. */
export async function uploadMedia(client: MatrixClient, body: ReadableStream<Uint8Array>, options: {size: number; contentType: string; filename?: string; signal: AbortSignal}): Promise<string> {
	const query = options.filename === undefined ? '' : `?filename=${encodeURIComponent(options.filename)}`;
	const response = await fetch(url(client, `/_matrix/media/v3/upload${query}`), {
		method: 'POST',
		headers: {...auth(client), 'Content-Type': options.contentType, 'Content-Length': String(options.size)},
		body,
		duplex: 'half',
		signal: options.signal,
	} as RequestInit);
	if (!response.ok) throw await refusal(response);
	const answer = (await response.json()) as {content_uri?: unknown};
	if (typeof answer.content_uri !== 'string' || !parseMxc(answer.content_uri)) throw new Error('the server answered the upload without a media URL');
	return answer.content_uri;
}

/** The largest upload the server takes (m.upload.size), or undefined if it does not say. */
export async function uploadLimit(client: MatrixClient, signal: AbortSignal): Promise<number | undefined> {
	for (const path of ['/_matrix/client/v1/media/config', '/_matrix/media/v3/config']) {
		const response = await fetch(url(client, path), {headers: auth(client), signal});
		if (!response.ok) continue;
		const size: unknown = ((await response.json()) as Record<string, unknown>)['m.upload.size'];
		return typeof size === 'number' && size > 0 ? size : undefined;
	}
	return undefined;
}
