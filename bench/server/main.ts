/**
 * The server as a child process (forked by each measured client, so its memory and CPU stay out of
 * the client's numbers). Builds the data for BENCH_SCENARIO (big | idle) from BENCH_SEED, serves it,
 * and talks to its parent over IPC: marks out, commands in. Ends with its parent, or by itself.
 */
import {BIG_ROOM, CONTROL_ROOM, USER_ID, ACCESS_TOKEN, generateBenchData, membersBody, type Scenario} from '../data/generate.ts';
import {median} from '../stats.ts';
import {startBenchServer} from './server.ts';
import type {ServerCommand, ServerMessage} from './protocol.ts';

const send = (message: ServerMessage) => process.send?.(message);
const scenario = (process.env['BENCH_SCENARIO'] ?? 'big') as Scenario;
const seed = Number(process.env['BENCH_SEED'] ?? 4);

const data = generateBenchData({seed, scenario, withStorm: process.env['BENCH_STORM'] !== '0'});
// The floor parses exactly the bodies the issue counts: the initial sync and the full /members.
const fullMembers = scenario === 'big' ? membersBody(data.members.get(BIG_ROOM.id) ?? []) : '';

const server = await startBenchServer(data, {
	onMark: (mark) => send({type: 'mark', mark}),
	onClose: () => process.exit(0),
});

process.on('disconnect', () => void server.close());
process.on('message', (command: ServerCommand) => {
	switch (command.type) {
		case 'storm':
			server.storm();
			break;
		case 'messages':
			void server.messages(command).then((result) => send({type: 'messages-done', ...result}));
			break;
		case 'sync-like-synapse':
			server.syncLikeSynapse(command.on);
			break;
		case 'timeline-ids':
			send({type: 'timeline-ids', ids: server.timelineIds(BIG_ROOM.id, command.from)});
			break;
		case 'floor': {
			const samples: number[] = [];
			for (let index = 0; index < command.repeat; index++) {
				const start = performance.now();
				JSON.parse(data.initialSync);
				if (fullMembers) JSON.parse(fullMembers);
				samples.push(performance.now() - start);
			}
			send({type: 'floor', floorMs: median(samples) ?? 0, samples});
			break;
		}
		case 'requests':
			send({type: 'requests', requests: Object.fromEntries(server.requests)});
			break;
		case 'member-filters':
			server.honourMemberFilters(command.honour);
			break;
		case 'stop':
			void server.close();
			break;
	}
});

send({
	type: 'ready',
	url: server.url,
	userId: USER_ID,
	accessToken: ACCESS_TOKEN,
	bigRoom: BIG_ROOM,
	controlRoom: CONTROL_ROOM,
	serials: data.serials,
	controlNames: (data.members.get(CONTROL_ROOM.id) ?? []).map((event) => (typeof event.content['displayname'] === 'string' ? event.content['displayname'] : '')).filter((name) => name !== '' && name !== 'Bench Runner'),
	payloadBytes: {initialSync: Buffer.byteLength(data.initialSync), members: Buffer.byteLength(fullMembers), storm: data.storm ? Buffer.byteLength(data.storm.roomJson) : 0},
	counts: {
		members: data.members.get(BIG_ROOM.id)?.length ?? 0,
		stormChanges: data.storm?.events.length ?? 0,
	},
});
