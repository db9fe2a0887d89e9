/**
 * The whole client against the scenario server (limited syncs as Synapse sends them): messages
 * missed while the user was scrolled up come back, once and in order, when they return to the end.
 */
import {afterEach, expect, test} from 'vitest';
import {MAIN_ROOM_ID} from '../../src/demo/scenario.js';
import {closeScenarioApps, openScenarioApp} from '../support/scenario-app.js';
import {timelineLines} from '../support/screen.js';
import {waitFor} from '../support/wait.js';

afterEach(() => closeScenarioApps());

const PAGE_UP = '\u001b[5~';
const PAGE_DOWN = '\u001b[6~';
const bursts = (count: number) => Array.from({length: count}, (_, index) => `burst ${index}`);

test('a gap left while scrolled up is filled on the way back to the end: every message once, in order', async () => {
	const app = await openScenarioApp({rows: 45});
	const room = () => app.chat.store.getState().rooms.get(MAIN_ROOM_ID)!;
	app.type(PAGE_UP);
	await waitFor(() => app.chat.store.getState().timelineScroll > 0);
	// More than a sync's timeline holds (10), while nobody reads the end: a gap.
	for (const body of bursts(40)) app.server.injectEvent(MAIN_ROOM_ID, {type: 'm.room.message', sender: '@alice:demo.local', content: {msgtype: 'm.text', body}});
	await waitFor(() => room().gaps.length === 1, {describe: app.screen});
	const shown = () => room().events.map((event) => event.content?.['body']).filter((body) => typeof body === 'string' && body.startsWith('burst '));
	expect(shown()).toEqual(bursts(40).slice(30));

	app.type(PAGE_DOWN);
	await waitFor(() => room().gaps.length === 0 && shown().length === 40, {describe: app.screen});
	expect(shown()).toEqual(bursts(40));
	const screen = await waitFor(() => app.screen().includes('Alice: burst 39') && app.screen(), {describe: app.screen});
	const lines = timelineLines(screen).filter((line) => line.includes('burst '));
	expect(lines.map((line) => line.replace(/^hh:mm Alice: /, ''))).toEqual(bursts(40).slice(-lines.length));
	expect(screen).not.toContain('more messages not loaded');
});
