/**
 * The server's unread counts on sliding sync (GET /notifications): unread ones only, highlights by
 * their tweak, page after page; read again after a limited response, once for a burst.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {afterEach, expect, test, vi} from 'vitest';
import {ServerUnread} from '../../src/matrix/server-unread.js';

afterEach(() => vi.useRealTimers());

const notification = (roomId: string, eventId: string, read: boolean, highlight = false) => ({
	room_id: roomId,
	read,
	event: {event_id: eventId, type: 'm.room.message'},
	actions: ['notify', ...(highlight ? [{set_tweak: 'highlight'}] : [{set_tweak: 'highlight', value: false}])],
});

function clientWith(pages: Array<{notifications: unknown[]; next_token?: string}>) {
	const authedRequest = vi.fn(async (_method: string, _path: string, query: Record<string, string>) => pages[query.from ? Number(query.from) : 0]);
	return {client: {http: {authedRequest}} as unknown as MatrixClient, authedRequest};
}

test('counts each room’s unread notifications across pages, highlights apart; read ones not at all', async () => {
	const {client, authedRequest} = clientWith([
		{notifications: [notification('!a', '$1', false), notification('!a', '$2', false, true), notification('!b', '$3', true)], next_token: '1'},
		{notifications: [notification('!b', '$4', false)]},
	]);
	const changed = vi.fn();
	const counts = new ServerUnread(client, changed);
	await counts.refresh();
	expect(authedRequest).toHaveBeenCalledTimes(2);
	expect(counts.of('!a')).toEqual({unread: new Set(['$1', '$2']), highlighted: new Set(['$2'])});
	expect(counts.of('!b')).toEqual({unread: new Set(['$4']), highlighted: new Set()});
	expect(counts.of('!c')).toBeUndefined();
	expect(changed.mock.calls[0]![0].sort()).toEqual(['!a', '!b']);
});

test('a limited response after the first reading reads again, once for a burst; a failed reading keeps the counts', async () => {
	vi.useFakeTimers();
	const {client, authedRequest} = clientWith([{notifications: [notification('!a', '$1', false)]}]);
	const counts = new ServerUnread(client, () => {});
	counts.sawResponse({rooms: {'!a': {limited: true}}}); // before the first reading: the first sync is all limited
	await vi.advanceTimersByTimeAsync(5000);
	expect(authedRequest).not.toHaveBeenCalled();
	await counts.refresh();
	counts.sawResponse({rooms: {'!a': {limited: true}}});
	counts.sawResponse({rooms: {'!b': {limited: true}}});
	counts.sawResponse({rooms: {'!c': {timeline: []}}});
	authedRequest.mockRejectedValueOnce(new Error('offline'));
	await vi.advanceTimersByTimeAsync(5000);
	expect(authedRequest).toHaveBeenCalledTimes(2);
	expect(counts.of('!a')?.unread.size).toBe(1);
});
