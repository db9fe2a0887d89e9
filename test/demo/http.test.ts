import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {LOBBY_ROOM_ID, MAIN_ROOM_ID, people} from '../../src/demo/scenario.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {api, roomPath} from './helpers.js';

let server: ScenarioServer;
beforeEach(async () => {
	server = await startScenarioServer();
});
afterEach(async () => {
	await server.close();
});

const main = (rest: string) => roomPath(MAIN_ROOM_ID, rest);

describe('session endpoints', () => {
	test('versions advertises v1.1 to v1.12 without a token', async () => {
		const {status, json} = await api(server, 'GET', '/_matrix/client/versions', undefined, null);
		expect(status).toBe(200);
		expect(json.versions[0]).toBe('v1.1');
		expect(json.versions.at(-1)).toBe('v1.12');
		expect(json.versions).toHaveLength(12);
	});

	test('password login works for `you` with any password and the fixed token', async () => {
		expect((await api(server, 'GET', '/_matrix/client/v3/login', undefined, null)).json).toEqual({flows: [{type: 'm.login.password'}]});
		for (const user of ['you', '@you:demo.local']) {
			const body = {type: 'm.login.password', identifier: {type: 'm.id.user', user}, password: 'whatever'};
			const {status, json} = await api(server, 'POST', '/_matrix/client/v3/login', body, null);
			expect(status).toBe(200);
			expect(json).toMatchObject({user_id: server.userId, access_token: server.accessToken});
		}
		const legacy = await api(server, 'POST', '/_matrix/client/r0/login', {type: 'm.login.password', user: 'you', password: 'x'}, null);
		expect(legacy.json.access_token).toBe(server.accessToken);
	});

	test('a wrong user cannot log in', async () => {
		const body = {type: 'm.login.password', identifier: {type: 'm.id.user', user: 'alice'}, password: 'x'};
		const {status, json} = await api(server, 'POST', '/_matrix/client/v3/login', body, null);
		expect(status).toBe(403);
		expect(json).toEqual({errcode: 'M_FORBIDDEN', error: 'Invalid username or password'});
	});

	test('tokens: missing, wrong, and revoked by logout until the next login', async () => {
		expect((await api(server, 'GET', '/_matrix/client/v3/account/whoami', undefined, null)).json.errcode).toBe('M_MISSING_TOKEN');
		const wrong = await api(server, 'GET', '/_matrix/client/v3/account/whoami', undefined, 'nope');
		expect(wrong.status).toBe(401);
		expect(wrong.json.errcode).toBe('M_UNKNOWN_TOKEN');
		const whoami = await api(server, 'GET', '/_matrix/client/v3/account/whoami');
		expect(whoami.json).toMatchObject({user_id: server.userId});

		expect((await api(server, 'POST', '/_matrix/client/v3/logout', {})).status).toBe(200);
		expect((await api(server, 'GET', '/_matrix/client/v3/account/whoami')).status).toBe(401);
		await api(server, 'POST', '/_matrix/client/v3/login', {type: 'm.login.password', user: 'you', password: 'x'}, null);
		expect((await api(server, 'GET', '/_matrix/client/v3/account/whoami')).status).toBe(200);
	});

	test('startup odds and ends answer like a server without those features', async () => {
		expect((await api(server, 'GET', '/_matrix/client/v3/pushrules/')).json).toEqual({
			global: {override: [], content: [], room: [], sender: [], underride: []},
		});
		expect((await api(server, 'GET', '/_matrix/client/v3/capabilities')).json.capabilities['m.set_displayname']).toEqual({enabled: true});
		const backup = await api(server, 'GET', '/_matrix/client/v3/room_keys/version');
		expect([backup.status, backup.json.errcode]).toEqual([404, 'M_NOT_FOUND']);
		expect((await api(server, 'GET', '/_matrix/client/v3/voip/turnServer')).json).toEqual({});
		const media = await api(server, 'GET', '/_matrix/media/v3/config');
		expect([media.status, media.json.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
	});

	test('push rules are kept: a rule put, replaced, taken away; an unknown kind refused', async () => {
		const rule = '/_matrix/client/v3/pushrules/global/room/%21r%3Ademo.local';
		expect((await api(server, 'PUT', rule, {actions: []})).status).toBe(200);
		expect((await api(server, 'PUT', rule, {actions: ['notify']})).status).toBe(200);
		expect((await api(server, 'GET', '/_matrix/client/v3/pushrules/')).json.global.room).toEqual([{rule_id: '!r:demo.local', default: false, enabled: true, actions: ['notify']}]);
		expect((await api(server, 'DELETE', rule)).status).toBe(200);
		expect((await api(server, 'DELETE', rule)).json.errcode).toBe('M_NOT_FOUND');
		expect((await api(server, 'GET', '/_matrix/client/v3/pushrules/')).json.global.room).toEqual([]);
		expect((await api(server, 'PUT', '/_matrix/client/v3/pushrules/global/nonsense/x', {actions: []})).json.errcode).toBe('M_INVALID_PARAM');
		expect((await api(server, 'PUT', rule, {})).json.errcode).toBe('M_MISSING_PARAM');
	});

	test('unknown endpoints are 404 M_UNRECOGNIZED, known ones with the wrong method 405', async () => {
		const unknown = await api(server, 'GET', '/_matrix/client/v3/no/such/thing');
		expect(unknown).toEqual({status: 404, json: {errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request'}});
		expect((await api(server, 'DELETE', '/_matrix/client/v3/sync')).status).toBe(405);
	});

	test('filters round-trip and requests are recorded with decoded paths and bodies', async () => {
		const created = await api(server, 'POST', `/_matrix/client/v3/user/${encodeURIComponent(server.userId)}/filter`, {room: {timeline: {limit: 5}}});
		const fetched = await api(server, 'GET', `/_matrix/client/v3/user/${server.userId}/filter/${created.json.filter_id}`);
		expect(fetched.json).toEqual({room: {timeline: {limit: 5}}});
		expect(server.requests.at(-2)).toEqual({method: 'POST', path: `/_matrix/client/v3/user/${server.userId}/filter`, body: {room: {timeline: {limit: 5}}}});
	});

	test('a body that is not JSON is a 400', async () => {
		const response = await fetch(`${server.url}${main('/send/m.room.message/t1')}`, {
			method: 'PUT',
			headers: {Authorization: `Bearer ${server.accessToken}`},
			body: '{not json',
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as {errcode: string}).errcode).toBe('M_NOT_JSON');
	});
});

describe('room endpoints', () => {
	test('sending is idempotent per transaction id', async () => {
		const first = await api(server, 'PUT', main('/send/m.room.message/txn-1'), {msgtype: 'm.text', body: 'once'});
		const again = await api(server, 'PUT', main('/send/m.room.message/txn-1'), {msgtype: 'm.text', body: 'once'});
		expect(again.json.event_id).toBe(first.json.event_id);
		const page = await api(server, 'GET', main('/messages?dir=b&limit=5'));
		expect(page.json.chunk.filter((event: any) => event.content.body === 'once')).toHaveLength(1);
	});

	test('state: put, get, list; absent state is 404 "Event not found."', async () => {
		const put = await api(server, 'PUT', main('/state/org.example.note/'), {body: 'updated'});
		expect(put.status).toBe(200);
		expect((await api(server, 'GET', main('/state/org.example.note'))).json).toEqual({body: 'updated'});
		expect(server.roomState(MAIN_ROOM_ID, 'org.example.note')).toEqual({body: 'updated'});
		const keyed = await api(server, 'GET', main('/state/org.example.widget/w1?format=event'));
		expect(keyed.json).toMatchObject({type: 'org.example.widget', state_key: 'w1', content: {'m.obsolete': true}});
		expect(keyed.json.unsigned.prev_content).toEqual({name: 'Clock', url: 'https://example.org/clock'});
		const absent = await api(server, 'GET', main('/state/org.example.nothing/'));
		expect(absent).toEqual({status: 404, json: {errcode: 'M_NOT_FOUND', error: 'Event not found.'}});
		const all = await api(server, 'GET', main('/state'));
		expect(all.json.some((event: any) => event.type === 'm.room.name' && event.content.name === 'Proposals demo')).toBe(true);
	});

	test('power levels are enforced with Synapse wording', async () => {
		const adminOnly = await api(server, 'PUT', main('/state/org.example.admin_only/'), {});
		expect(adminOnly).toEqual({
			status: 403,
			json: {errcode: 'M_FORBIDDEN', error: "You don't have permission to post that to the room. user_level (50) < send_level (100)"},
		});
		const levels = await api(server, 'PUT', main('/state/m.room.power_levels/'), {users: {[server.userId]: 100}});
		expect(levels.json.error).toBe("You don't have permission to post that to the room. user_level (50) < send_level (100)");
		const others = await api(server, 'PUT', main(`/state/org.example.status/${people.bob}`), {});
		expect([others.status, others.json.error]).toEqual([403, 'You are not allowed to set others state']);
		const kickAlice = await api(server, 'POST', main('/kick'), {user_id: people.alice, reason: 'coup'});
		expect([kickAlice.status, kickAlice.json.error]).toEqual([403, `You cannot kick user ${people.alice}.`]);
		const banAlice = await api(server, 'POST', main('/ban'), {user_id: people.alice});
		expect(banAlice.json.error).toBe("You don't have permission to ban");
		const redactAlice = await api(server, 'PUT', main(`/redact/${encodeURIComponent('$oops')}/r1`), {});
		expect(redactAlice.status).toBe(200); // we have redact power 50
		const notMember = await api(server, 'PUT', roomPath('!nowhere:demo.local', '/send/m.room.message/x'), {});
		expect([notMember.status, notMember.json.errcode]).toEqual([403, 'M_FORBIDDEN']);
	});

	test('kick, ban and unban carry their reasons', async () => {
		expect((await api(server, 'POST', main('/kick'), {user_id: people.bob, reason: 'nap time'})).status).toBe(200);
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', people.bob)).toEqual({membership: 'leave', reason: 'nap time'});
		await api(server, 'POST', main('/ban'), {user_id: people.bob, reason: 'really'});
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', people.bob)).toEqual({membership: 'ban', reason: 'really'});
		await api(server, 'POST', main('/unban'), {user_id: people.bob, reason: 'forgiven'});
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', people.bob)).toEqual({membership: 'leave', reason: 'forgiven'});
		await api(server, 'POST', main('/invite'), {user_id: people.bob});
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', people.bob)).toMatchObject({membership: 'invite', displayname: 'Bob'});
		const missing = await api(server, 'POST', main('/kick'), {reason: 'who?'});
		expect([missing.status, missing.json.errcode]).toEqual([400, 'M_MISSING_PARAM']);
	});

	test('leave with a reason, then rejoin by alias with prev_content', async () => {
		expect((await api(server, 'POST', main('/leave'), {reason: 'brb'})).json).toEqual({});
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', server.userId)).toEqual({membership: 'leave', reason: 'brb'});
		const joined = await api(server, 'POST', `/_matrix/client/v3/join/${encodeURIComponent('#demo:demo.local')}`, {});
		expect(joined.json).toEqual({room_id: MAIN_ROOM_ID});
		const member = await api(server, 'GET', main(`/state/m.room.member/${server.userId}?format=event`));
		expect(member.json.content).toEqual({membership: 'join', displayname: 'Demo User'});
		expect(member.json.unsigned.prev_content).toEqual({membership: 'leave', reason: 'brb'});
		const unknown = await api(server, 'POST', '/_matrix/client/v3/join/%23nope%3Ademo.local', {});
		expect([unknown.status, unknown.json.errcode]).toEqual([404, 'M_NOT_FOUND']);
	});

	test('redaction prunes the target, links the redaction and keeps membership', async () => {
		const sent = await api(server, 'PUT', main('/send/m.room.message/t-red'), {msgtype: 'm.text', body: 'regret'});
		const redaction = await api(server, 'PUT', main(`/redact/${encodeURIComponent(sent.json.event_id)}/r-1`), {reason: 'typo'});
		const target = await api(server, 'GET', main(`/event/${encodeURIComponent(sent.json.event_id)}`));
		expect(target.json.content).toEqual({});
		expect(target.json.unsigned.redacted_because).toMatchObject({type: 'm.room.redaction', event_id: redaction.json.event_id, redacts: sent.json.event_id, content: {reason: 'typo'}});

		const page = await api(server, 'GET', main('/messages?dir=b&limit=1'));
		expect(page.json.chunk[0]).toMatchObject({type: 'm.room.redaction', redacts: sent.json.event_id});

		await api(server, 'PUT', main(`/redact/${encodeURIComponent(server.injectEvent(MAIN_ROOM_ID, {type: 'm.room.member', sender: people.bob, state_key: people.bob, content: {membership: 'join', displayname: 'Bobby'}}))}/r-2`), {});
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', people.bob)).toEqual({membership: 'join'});
	});

	test('members honour membership and not_membership', async () => {
		const all = await api(server, 'GET', main('/members'));
		expect(all.json.chunk).toHaveLength(12);
		const notLeft = await api(server, 'GET', main('/members?not_membership=leave'));
		const memberships = notLeft.json.chunk.map((event: any) => event.content.membership).sort();
		expect(memberships).toEqual(['ban', 'invite', 'join', 'join', 'join', 'join']);
		const joined = await api(server, 'GET', main('/members?membership=join'));
		expect(joined.json.chunk.map((event: any) => event.state_key).sort()).toEqual([people.alice, people.bob, people.ivan, server.userId].sort());
	});

	test('messages paginate backwards to the first event, then stop giving an end token', async () => {
		const seen: any[] = [];
		let from: string | undefined;
		for (let page = 0; page < 20; page++) {
			const query = `/messages?dir=b&limit=25${from ? `&from=${from}` : ''}`;
			const {json} = await api(server, 'GET', main(query));
			seen.push(...json.chunk);
			if (!json.end) break;
			from = json.end;
		}
		expect(seen.at(-1).type).toBe('m.room.create');
		expect(seen.filter((event) => /\(\d+\/60\)$/.test(event.content.body ?? ''))).toHaveLength(60);
		const timestamps = seen.map((event) => event.origin_server_ts);
		expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));
		expect(new Set(seen.map((event) => event.event_id)).size).toBe(seen.length);
	});

	test('profile: a new display name updates our member event in every joined room', async () => {
		const path = `/_matrix/client/v3/profile/${encodeURIComponent(server.userId)}/displayname`;
		expect((await api(server, 'PUT', path, {displayname: 'Renamed'})).status).toBe(200);
		expect((await api(server, 'GET', path)).json).toEqual({displayname: 'Renamed'});
		for (const roomId of [MAIN_ROOM_ID, LOBBY_ROOM_ID]) {
			expect(server.roomState(roomId, 'm.room.member', server.userId)).toEqual({membership: 'join', displayname: 'Renamed'});
		}
		expect((await api(server, 'GET', `/_matrix/client/v3/profile/${people.alice}`)).json).toEqual({displayname: 'Alice'});
		expect((await api(server, 'GET', '/_matrix/client/v3/profile/@nobody:demo.local')).status).toBe(404);
		expect((await api(server, 'PUT', `/_matrix/client/v3/profile/${people.alice}/displayname`, {displayname: 'x'})).status).toBe(403);
	});

	test('directory, receipts, read markers and typing', async () => {
		expect((await api(server, 'GET', '/_matrix/client/v3/directory/room/%23demo%3Ademo.local')).json).toEqual({room_id: MAIN_ROOM_ID, servers: ['demo.local']});
		const missing = await api(server, 'GET', '/_matrix/client/v3/directory/room/%23nope%3Ademo.local');
		expect([missing.status, missing.json.errcode]).toEqual([404, 'M_NOT_FOUND']);
		const lobby = (rest: string) => roomPath(LOBBY_ROOM_ID, rest);
		expect((await api(server, 'POST', lobby('/receipt/m.read/%24any'), {})).json).toEqual({});
		expect((await api(server, 'POST', lobby('/read_markers'), {'m.fully_read': '$any', 'm.read': '$any'})).json).toEqual({});
		expect((await api(server, 'PUT', lobby(`/typing/${encodeURIComponent(server.userId)}`), {typing: true, timeout: 3000})).json).toEqual({});
	});
});
