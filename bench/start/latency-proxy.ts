/**
 * A homeserver far away: every request waits `latencyMs` before it is forwarded (a round trip to a
 * distant server, which a start on localhost Synapse would not show), then goes through untouched.
 */
import {createServer, request, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

export async function latencyProxy(target: string, latencyMs: number): Promise<{url: string; close: () => void}> {
	const upstream = new URL(target);
	const server: Server = createServer((incoming, outgoing) => {
		setTimeout(() => {
			const forwarded = request({host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: {...incoming.headers, host: upstream.host}}, (answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			});
			forwarded.on('error', () => outgoing.destroy());
			incoming.pipe(forwarded);
		}, latencyMs);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {url: `http://127.0.0.1:${port}`, close: () => server.close()};
}
