/**
 * Scenario 3: MSC3759 deactivation labels. A self-leave flagged `org.matrix.msc3759.deactivated`
 * or `m.deactivated` is labelled; the flag on a kick is ignored; and a real deactivation on
 * Synapse (which does not implement MSC3759) is a plain leave, shown as "left".
 */
import {afterEach, beforeAll, expect, test} from 'vitest';
import {startClient, stopClients} from './support/client.js';
import {Api, HomeserverError, registerNamed, registerUser, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

let mod: RegisteredUser;
let me: RegisteredUser;

beforeAll(async () => {
	[mod, me] = await registerNamed('Mod', 'Me');
});

afterEach(() => stopClients());

async function member(name: string, roomId: string): Promise<RegisteredUser> {
	const user = await registerUser(name);
	await Api.for(user).setDisplayName(name[0]!.toUpperCase() + name.slice(1));
	await Api.for(user).join(roomId);
	return user;
}

async function memberEvent(roomId: string, userId: string): Promise<Json> {
	const events = await Api.for(mod).getStateEvents(roomId);
	const event = events.find((e) => e['type'] === 'm.room.member' && e['state_key'] === userId);
	if (!event) throw new Error(`no member event for ${userId}`);
	return event;
}

/** The side panel's row for a member, by display name. */
function memberRow(side: string, name: string): string {
	// Padding, then the power mark (' ', '+' or '@'), then the name.
	const row = side.split('\n').find((line) => new RegExp(`^\\s*[@+]?${name}\\b`).test(line));
	if (!row) throw new Error(`no member row for ${name} in:\n${side}`);
	return row;
}

test('deactivated self-leaves are labelled in the timeline and member list; a kick with the flag and a real deactivation are not', async () => {
	const roomId = await Api.for(mod).createRoom({preset: 'public_chat', name: 'Deactivations'});
	await Api.for(me).join(roomId);
	const dave = await member('dave', roomId);
	const erin = await member('erin', roomId);
	const frank = await member('frank', roomId);
	const gina = await member('gina', roomId);
	const client = await startClient(me, {columns: 160, rows: 44});
	await client.waitForText('Gina joined');

	// The unstable prefix, then the stable name: each user PUTs its own leave with the flag.
	await Api.for(dave).putState(roomId, 'm.room.member', dave.userId, {membership: 'leave', 'org.matrix.msc3759.deactivated': true});
	await Api.for(erin).putState(roomId, 'm.room.member', erin.userId, {membership: 'leave', 'm.deactivated': true});
	// A kick (sender ≠ target) carrying the flag: the flag must be ignored.
	await Api.for(mod).putState(roomId, 'm.room.member', frank.userId, {membership: 'leave', 'm.deactivated': true});
	// A real deactivation: Synapse parts the rooms in the background with a plain leave.
	await Api.for(gina).deactivate(gina.password);

	const screen = await client.waitForText(/Gina left/);
	const timeline = pane(screen, 1);
	expect(timeline).toContain('Dave deactivated their account');
	expect(timeline).toContain('Erin deactivated their account');
	expect(timeline).toContain('Mod kicked Frank');
	expect(timeline).not.toMatch(/Frank (deactivated|left)/);
	expect(timeline).not.toMatch(/Gina deactivated/);
	expect(timeline.match(/deactivated their account/g)).toHaveLength(2);

	// Synapse stored exactly what was sent — and nothing MSC3759 for the real deactivation.
	expect(await memberEvent(roomId, dave.userId)).toMatchObject({sender: dave.userId, content: {membership: 'leave', 'org.matrix.msc3759.deactivated': true}});
	expect(await memberEvent(roomId, erin.userId)).toMatchObject({sender: erin.userId, content: {membership: 'leave', 'm.deactivated': true}});
	expect(await memberEvent(roomId, frank.userId)).toMatchObject({sender: mod.userId, content: {membership: 'leave', 'm.deactivated': true}});
	const ginaLeave = await memberEvent(roomId, gina.userId);
	expect(ginaLeave['sender']).toBe(gina.userId);
	expect(ginaLeave['content']).toEqual({membership: 'leave'});
	const error = await Api.for(gina).whoami().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(HomeserverError);
	expect((error as HomeserverError).status).toBe(401);

	// The member list hides all four departures until /show-deleted, then labels only the self-leaves.
	let side = pane(screen, 2);
	expect(side).toMatch(/Joined \(2\)/);
	expect(side).toContain('4 departed hidden');
	expect(side).not.toContain('[deactivated]');
	client.submit('/show-deleted');
	// The departed cross from the matrix layer once asked for: wait for their rows, not the heading.
	const revealed = await client.waitForScreen((s) => /Left \(4\)/.test(pane(s, 2)) && ['Dave', 'Erin', 'Frank', 'Gina'].every((name) => new RegExp(`^\\s*[@+]?${name}\\b`, 'm').test(pane(s, 2))), 'the member list to show four departed members');
	side = pane(revealed, 2);
	expect(memberRow(side, 'Dave')).toContain('[deactivated]');
	expect(memberRow(side, 'Erin')).toContain('[deactivated]');
	expect(memberRow(side, 'Frank')).not.toContain('[deactivated]');
	expect(memberRow(side, 'Gina')).not.toContain('[deactivated]');
	expect(side.match(/\[deactivated\]/g)).toHaveLength(2);
	expect(side).toContain('kicked by');
});
