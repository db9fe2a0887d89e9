import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {decodePicture} from '../../src/domain/picture-decode.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';

let server: ScenarioServer;
beforeEach(async () => {
	server = await startScenarioServer();
});
afterEach(async () => {
	await server.close();
});

const get = (path: string, token: string | undefined = server.accessToken) => fetch(`${server.url}${path}`, {headers: token ? {Authorization: `Bearer ${token}`} : {}});

describe('the demo media repository', () => {
	test("serves the whiteboard's picture, a PNG made in code, as its thumbnail and its download", async () => {
		for (const path of ['/_matrix/client/v1/media/thumbnail/demo.local/whiteboard?width=320&height=240&method=scale', '/_matrix/client/v1/media/download/demo.local/whiteboard']) {
			const response = await get(path);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('image/png');
			const decoded = decodePicture(new Uint8Array(await response.arrayBuffer()));
			expect(decoded).toMatchObject({bitmap: {width: 64, height: 36}});
		}
	});

	test('other media are not found, and the token is asked for', async () => {
		const missing = await get('/_matrix/client/v1/media/thumbnail/demo.local/agenda');
		expect([missing.status, await missing.json()]).toEqual([404, {errcode: 'M_NOT_FOUND', error: 'Not found'}]);
		expect((await get('/_matrix/client/v1/media/download/demo.local/whiteboard', '')).status).toBe(401);
	});
});
