/**
 * /search in --demo: the real SdkSession against the scenario server. A message the room has
 * loaded is shown in its context from what is held; the room's oldest backlog line, which is not
 * loaded, comes through GET /context.
 */
import {afterEach, expect, test} from 'vitest';
import {closeScenarioApps, openScenarioApp} from '../support/scenario-app.js';
import {waitFor} from '../support/wait.js';

afterEach(() => closeScenarioApps());

test('/search --all finds the lobby\'s lunch; /search finds the demo room\'s first line, not loaded, and shows it from /context', async () => {
	const app = await openScenarioApp();
	const sees = (text: string | RegExp) => waitFor(() => (typeof text === 'string' ? app.screen().includes(text) : text.test(app.screen())) && app.screen(), {describe: app.screen});

	app.submit('/search --all LUNCH');
	let screen = await sees('Search "LUNCH" in every room (1)');
	expect(screen).toMatch(/Lobby\S* +Bob: Lunch at noon\?/u);
	app.type('\r');
	screen = await sees('a search result in its context');
	expect(screen).toMatch(/▌\d\d:\d\d Bob: Lunch at noon\?/u);
	app.type('\u001b');
	await waitFor(() => app.chat.store.getState().jump === undefined, {describe: app.screen});

	app.submit('/room #demo:demo.local');
	await sees('# Proposals demo');
	const held = app.chat.store.getState().rooms.get('!demo:demo.local')!.events;
	expect(held.some((event) => String(event.content?.body).includes('(1/60)'))).toBe(false);
	app.submit('/search (1/60)');
	await sees('Search "(1/60)" in Proposals demo (1)');
	app.type('\r');
	screen = await sees(/▌\d\d:\d\d \S+: .*\(1\/60\)/u);
	expect(screen).toContain('(2/60)');
	expect(app.chat.store.getState().jump?.events.length).toBeGreaterThan(2);
});
