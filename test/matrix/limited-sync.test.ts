/**
 * Limited syncs against the scenario server, which answers like Synapse: the filter's timeline
 * limit (the SDK sets none for incremental syncs: Synapse's 10), `limited` with a `prev_batch`,
 * and /messages from it. The real SDK over HTTP, in an SdkSession.
 */
import {afterEach, describe, expect, test} from 'vitest';
import type {MatrixClient} from 'matrix-js-sdk';
import type {RawEvent} from '../../src/domain/events.js';
import {TIMELINE_CAP} from '../../src/matrix/held-timeline.js';
import {SDK_TIMELINE_KEEP} from '../../src/matrix/sdk-timeline.js';
import {waitFor} from '../support/wait.js';
import {ALICE, ROOM, watchedSession, type WatchedSession} from './scenario-session.js';

let watched: WatchedSession | undefined;
afterEach(async () => {
	await watched?.close();
	watched = undefined;
});

const live = (serial: number) => `live ${serial}`;
const expected = (from: number, count: number) => Array.from({length: count}, (_, index) => live(from + index));
/** The injected messages the app holds, in its order. */
const liveBodies = (events: readonly RawEvent[]) => events.map((event) => event.content?.['body']).filter((body): body is string => typeof body === 'string' && body.startsWith('live '));
const messagesRequests = (watched: WatchedSession) => watched.server.requests.filter((request) => request.path.endsWith('/messages')).length;

function inject(watched: WatchedSession, from: number, count: number): string[] {
	return expected(from, count).map((body) => watched.server.injectEvent(ROOM, {type: 'm.room.message', sender: ALICE, content: {msgtype: 'm.text', body}}));
}

/** 100 messages a second, as bursts of 25 every 250 ms: each burst is more than a sync's timeline holds. */
async function sendAt100PerSecond(watched: WatchedSession, total: number): Promise<string[]> {
	const ids: string[] = [];
	await new Promise<void>((resolve) => {
		const timer = setInterval(() => {
			ids.push(...inject(watched, ids.length, 25));
			if (ids.length >= total) {
				clearInterval(timer);
				resolve();
			}
		}, 250);
	});
	return ids;
}

const sdkClient = (watched: WatchedSession) => (watched.session as unknown as {client: MatrixClient}).client;

describe('limited syncs', () => {
	test('at 100 msg/s, with the user at the end: every message appears exactly once, in order; unread counts and the receipt follow the server', async () => {
		watched = await watchedSession();
		const {session} = watched;
		await session.perform({type: 'view-timeline', roomId: ROOM, atEnd: true});
		const ids = await sendAt100PerSecond(watched, 600);
		await waitFor(() => liveBodies(watched!.room().events).length >= 600 && watched!.room().gaps.length === 0, {timeoutMs: 30_000, describe: () => `${liveBodies(watched!.room().events).length} held, gaps ${watched!.room().gaps.join()}`});
		expect(liveBodies(watched.room().events)).toEqual(expected(0, 600));
		// The syncs were limited, and the gaps filled from the server: /messages is asked only for a gap.
		// (Whether an update ever showed a gap depends on timing: a fill can land before the next flush.)
		expect(messagesRequests(watched)).toBeGreaterThan(0);
		// Counts are the server's, whatever the gaps.
		await waitFor(() => watched!.room().unread === 600, {describe: () => String(watched!.room().unread)});
		// The receipt goes to the newest event, the one the user sees at the end.
		expect(await session.perform({type: 'mark-read', roomId: ROOM})).toEqual({ok: true});
		// With the read marker, in one request (read_markers), as Element does.
		const markers = watched.server.requests.findLast((request) => request.path.endsWith('/read_markers'));
		expect(markers?.body).toEqual({'m.fully_read': ids.at(-1), 'm.read': ids.at(-1)});
		await waitFor(() => watched!.room().unread === 0);
	}, 60_000);

	test('with the user scrolled up, a gap stays and is shown; paginate-back into it fills it', async () => {
		watched = await watchedSession();
		const {session} = watched;
		await session.perform({type: 'view-timeline', roomId: ROOM, atEnd: false});
		const ids = inject(watched, 0, 40);
		const gapped = await waitFor(() => watched!.room().events.some((event) => event.event_id === ids.at(-1)) && watched!.room());
		// A sync holds 10: the 30 before them are missing, and the app knows where.
		expect(liveBodies(gapped.events)).toEqual(expected(30, 10));
		expect(gapped.gaps).toEqual([ids[30]]);
		expect(messagesRequests(watched)).toBe(0);
		expect(await session.perform({type: 'paginate-back', roomId: ROOM, gap: ids[30]})).toEqual({ok: true});
		await waitFor(() => watched!.room().gaps.length === 0);
		expect(liveBodies(watched.room().events)).toEqual(expected(0, 40));
		// What came before the gap is still there, once.
		expect(watched.room().events.filter((event) => event.content?.['body'] === 'message 34')).toHaveLength(1);
	});

	test('someone who speaks only inside a filled gap is named', async () => {
		watched = await watchedSession();
		const {session} = watched;
		await session.perform({type: 'view-timeline', roomId: ROOM, atEnd: false});
		const newcomer = '@newcomer:demo.local';
		watched.server.injectEvent(ROOM, {type: 'm.room.member', state_key: newcomer, sender: newcomer, content: {membership: 'join', displayname: 'Newcomer'}});
		watched.server.injectEvent(ROOM, {type: 'm.room.message', sender: newcomer, content: {msgtype: 'm.text', body: 'hello from the gap'}});
		const ids = inject(watched, 0, 20);
		const gapped = await waitFor(() => watched!.room().events.some((event) => event.event_id === ids.at(-1)) && watched!.room());
		expect(gapped.gaps).toHaveLength(1);
		expect(gapped.members.some((event) => event.state_key === newcomer)).toBe(false);
		expect(await session.perform({type: 'paginate-back', roomId: ROOM, gap: gapped.gaps[0]})).toEqual({ok: true});
		await waitFor(() => watched!.room().gaps.length === 0);
		expect(watched.room().events.some((event) => event.content?.['body'] === 'hello from the gap')).toBe(true);
		expect(watched.room().members.find((event) => event.state_key === newcomer)?.content?.['displayname']).toBe('Newcomer');
	});

	test('the timeline is capped per room, in the app and in the SDK; scrollback brings the dropped events back', async () => {
		watched = await watchedSession();
		const {session} = watched;
		await session.perform({type: 'view-timeline', roomId: ROOM, atEnd: true});
		for (let from = 0; from < 1_500; from += 100) {
			const ids = inject(watched, from, 100);
			await waitFor(() => watched!.room().events.at(-1)?.event_id === ids.at(-1) && watched!.room().gaps.length === 0, {timeoutMs: 20_000});
		}
		const capped = watched.room().events;
		expect(capped.length).toBeLessThanOrEqual(TIMELINE_CAP);
		expect(capped.length).toBeGreaterThan(TIMELINE_CAP - 100);
		const held = liveBodies(capped);
		const first = Number(held[0]!.slice('live '.length));
		expect(held).toEqual(expected(first, 1_500 - first));
		expect(watched.room().canPaginateBack).toBe(true);
		// The SDK keeps a few of the newest, in one timeline: limited syncs do not pile up old ones.
		const sdkRoom = sdkClient(watched).getRoom(ROOM)!;
		expect(sdkRoom.getLiveTimeline().getEvents().length).toBeLessThanOrEqual(SDK_TIMELINE_KEEP);
		expect(sdkRoom.getUnfilteredTimelineSet().getTimelines()).toHaveLength(1);

		// Reading back (scrolled up), every dropped message returns, once, in order.
		await session.perform({type: 'view-timeline', roomId: ROOM, atEnd: false});
		while (!liveBodies(watched.room().events).includes(live(0))) {
			const before = watched.room().events.length;
			expect(await session.perform({type: 'paginate-back', roomId: ROOM})).toEqual({ok: true});
			await waitFor(() => watched!.room().events.length > before);
		}
		expect(liveBodies(watched.room().events)).toEqual(expected(0, 1_500));
		// Back at the end, the cap applies again.
		await session.perform({type: 'view-timeline', roomId: ROOM, atEnd: true});
		await waitFor(() => watched!.room().events.length <= TIMELINE_CAP);
	}, 60_000);

	test('syncs that are never limited do not grow the SDK’s live timeline either', async () => {
		watched = await watchedSession();
		for (let from = 0; from < 100; from += 5) {
			const ids = inject(watched, from, 5);
			await waitFor(() => watched!.room().events.at(-1)?.event_id === ids.at(-1));
		}
		expect(watched.updates.every((update) => (update.gaps?.length ?? 0) === 0)).toBe(true);
		expect(liveBodies(watched.room().events)).toEqual(expected(0, 100));
		await waitFor(() => sdkClient(watched!).getRoom(ROOM)!.getLiveTimeline().getEvents().length <= SDK_TIMELINE_KEEP);
	});
});
