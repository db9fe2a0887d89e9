import {describe, expect, test, vi} from 'vitest';
import {startLiveActivity} from '../../src/demo/live.js';
import {
	CAROL_REASON,
	INVITE_ROOM_ID,
	LOBBY_ROOM_ID,
	MAIN_ROOM_ID,
	SECRET_ROOM_ID,
	DEMO_SPACE_ID,
	DESIGN_ROOM_ID,
	FORMATTING_ROOM_ID,
	DIRECT_ROOM_ID,
	PROJECTS_SPACE_ID,
	MALLORY_NAME,
	MALLORY_REASON,
	demoScenario,
	people,
} from '../../src/demo/scenario.js';
import {loadScenario} from '../../src/demo/scenario/load.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {api, roomPath} from './helpers.js';
import {mediaNumbers} from '../../src/domain/media-numbers.js';
import {timelineLine} from '../../src/domain/timeline-text.js';

const loaded = () => loadScenario(demoScenario());

describe('the demo seed', () => {
	test('carol’s reason is long and full of hard text', () => {
		expect([...CAROL_REASON].length).toBeGreaterThan(300);
		expect(CAROL_REASON).toContain('👨‍👩‍👧');
		expect(CAROL_REASON).toMatch(/\p{Script=Han}/u);
		expect(CAROL_REASON).toMatch(/\p{M}/u);
		expect(CAROL_REASON).toContain('\n');
	});

	test('mallory carries terminal escapes in her name and reason', () => {
		expect(MALLORY_NAME).toContain('\u001b]0;pwned\u0007');
		expect(MALLORY_REASON).toContain('\u001b[2J');
		expect(MALLORY_REASON).toContain('\u202E');
	});

	test('the main room holds a file and an image, each a numbered media line', () => {
		const events = loaded().store.rooms.get(MAIN_ROOM_ID)!.events.map(({event}) => event);
		const numbers = mediaNumbers(events);
		const lines = events.filter((event) => numbers.has(event.event_id)).map((event) => timelineLine(event, (id) => id, {mediaNumber: numbers.get(event.event_id)})?.text);
		expect(lines).toEqual(['#2 [image] whiteboard.png (image/png, 48 kB, 1280×720)', '#1 [file] agenda.pdf (application/pdf, 182 kB)']);
	});

	test('every event is complete, timestamps increase and prev_content follows state', () => {
		const {store} = loaded();
		for (const room of store.rooms.values()) {
			let last = 0;
			for (const {event} of room.events) {
				expect(event.event_id).toMatch(/^\$/);
				expect(event.sender).toMatch(/^@.+:demo\.local$/);
				expect(event.origin_server_ts).toBeGreaterThan(last);
				last = event.origin_server_ts;
			}
		}
		const main = store.rooms.get(MAIN_ROOM_ID)!;
		const ivanEvents = main.events.filter(({event}) => event.state_key === people.ivan);
		expect(ivanEvents.map(({event}) => event.unsigned.prev_content?.['displayname'])).toEqual([undefined, 'Ivan']);
		const mallory = main.getState('m.room.member', people.mallory)!.event;
		expect(mallory.unsigned.prev_content).toEqual({membership: 'join', displayname: MALLORY_NAME});
	});

	test('memberships and power in the main room are as the demo needs them', () => {
		const main = loaded().store.rooms.get(MAIN_ROOM_ID)!;
		const membership = (user: string) => main.getState('m.room.member', user)?.event;
		expect(membership(people.you)?.content['membership']).toBe('join');
		expect(membership(people.dave)?.content).toEqual({membership: 'leave', reason: 'moving on', 'm.deactivated': true});
		expect(membership(people.erin)).toMatchObject({sender: people.alice, content: {membership: 'leave', reason: 'spam', 'm.deactivated': true}});
		expect(membership(people.gina)?.content).toEqual({membership: 'leave', 'm.deactivated': 'true'});
		expect(membership(people.grace)?.content['membership']).toBe('invite');
		expect(membership(people.harry)).toMatchObject({sender: people.alice, content: {membership: 'ban'}});
		const levels = main.getState('m.room.power_levels')!.event.content as any;
		expect(levels.users[people.you]).toBe(50);
		expect(levels.users[people.alice]).toBe(100);
		expect(levels.state_default).toBe(50);
		expect(levels.events['org.example.admin_only']).toBe(100);
		expect(levels.events['m.room.power_levels']).toBe(100);
		const oldNote = main.getState('org.example.old_note')!.event;
		expect(oldNote.content).toEqual({});
		expect(oldNote.unsigned.redacted_because).toMatchObject({type: 'm.room.redaction', redacts: '$old_note'});
	});

	test('main, lobby with unreads, an encrypted one, an invite, a direct chat, formatted messages, two spaces and a room only the space lists', () => {
		const {store} = loaded();
		expect([...store.rooms.keys()]).toEqual([MAIN_ROOM_ID, LOBBY_ROOM_ID, SECRET_ROOM_ID, INVITE_ROOM_ID, DIRECT_ROOM_ID, FORMATTING_ROOM_ID, DEMO_SPACE_ID, PROJECTS_SPACE_ID, DESIGN_ROOM_ID]);
		expect(store.rooms.get(DESIGN_ROOM_ID)!.membership(people.you)).toBeUndefined();
		expect(store.accountData.get('m.direct')?.content).toEqual({[people.bob]: [DIRECT_ROOM_ID]});
		expect(store.rooms.get(LOBBY_ROOM_ID)!.unread).toEqual({notification_count: 3, highlight_count: 1});
		expect(store.rooms.get(INVITE_ROOM_ID)!.membership(people.you)).toBe('invite');
	});

	test('each call returns a fresh scenario, so servers do not share state', async () => {
		const first = await startScenarioServer();
		const second = await startScenarioServer();
		first.injectEvent(MAIN_ROOM_ID, {type: 'org.example.note', sender: people.alice, state_key: '', content: {body: 'only here'}});
		expect(first.roomState(MAIN_ROOM_ID, 'org.example.note')).toEqual({body: 'only here'});
		expect(second.roomState(MAIN_ROOM_ID, 'org.example.note')).toEqual({body: 'Live note: the demo is on Friday.'});
		expect(first.roomState(MAIN_ROOM_ID, 'org.example.missing')).toBeUndefined();
		expect(() => first.injectEvent('!nope:demo.local', {type: 'x', sender: people.bob, content: {}})).toThrow(/unknown room/);
		await Promise.all([first.close(), second.close()]);
	});
});

describe('live activity', () => {
	test('alice and bob take turns posting, and stop when told', async () => {
		const {store, session} = loaded();
		const room = store.rooms.get(MAIN_ROOM_ID)!;
		const before = room.events.length;
		const stop = startLiveActivity(store, session, MAIN_ROOM_ID, 10);
		await new Promise((resolve) => setTimeout(resolve, 60));
		stop();
		const posted = room.events.slice(before);
		expect(posted.length).toBeGreaterThanOrEqual(2);
		expect(posted.slice(0, 2).map(({event}) => event.sender)).toEqual([people.alice, people.bob]);
		const count = room.events.length;
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(room.events.length).toBe(count);
	});

	test('is off by default and on with liveActivity (every 8 s)', async () => {
		vi.useFakeTimers({toFake: ['setInterval', 'clearInterval']});
		try {
			const quiet = await startScenarioServer();
			const lively = await startScenarioServer({liveActivity: true});
			vi.advanceTimersByTime(8000);
			const latest = async (server: ScenarioServer) =>
				(await api(server, 'GET', roomPath(MAIN_ROOM_ID, '/messages?dir=b&limit=1'))).json.chunk[0];
			expect(await latest(lively)).toMatchObject({sender: people.alice, content: {msgtype: 'm.text', body: 'Anyone around? The demo is live.'}});
			expect((await latest(quiet)).content.body).toMatch(/^Demo User: your power here is 50/);
			await Promise.all([quiet.close(), lively.close()]);
		} finally {
			vi.useRealTimers();
		}
	});
});
