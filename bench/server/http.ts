/** The little HTTP plumbing the bench server needs: Matrix errors, bounded JSON bodies, buffers out. */
import type {IncomingMessage, ServerResponse} from 'node:http';

const MAX_BODY_BYTES = 1 << 20;

export class HttpError extends Error {
	readonly status: number;
	readonly errcode: string;
	constructor(status: number, errcode: string, message: string) {
		super(message);
		this.status = status;
		this.errcode = errcode;
	}
}

export function readBody(req: IncomingMessage): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new HttpError(413, 'M_TOO_LARGE', 'Request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (size === 0) return resolve(undefined);
			try {
				resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			} catch {
				reject(new HttpError(400, 'M_NOT_JSON', 'Content not JSON.'));
			}
		});
		req.on('error', reject);
	});
}

export function sendBuffer(res: ServerResponse, status: number, body: Buffer): void {
	if (res.writableEnded || res.destroyed) return;
	res.writeHead(status, {'content-type': 'application/json', 'content-length': body.length});
	res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
	sendBuffer(res, status, Buffer.from(JSON.stringify(value)));
}
