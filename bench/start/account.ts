/**
 * The big account of issue 17's start benchmark, made from a seed: ROOMS rooms (1,000), the first
 * BIG_ROOMS (10) with BIG_MEMBERS (5,000) members each, the next ENCRYPTED (300) encrypted (their
 * messages are m.room.encrypted, undecryptable here), the rest small rooms of a few people. Each
 * room has EVENTS_PER_ROOM messages after its state; room 0 is the most recently active, room 999
 * the least. `addMessages` brings new ones (the warm start's "20 new messages since").
 */
import {createRandom, type Random} from '../data/random.ts';

export const ME = '@bench:bench.example';
export const ACCESS_TOKEN = 'bench-start-token';

export interface AccountShape {
	rooms: number;
	bigRooms: number;
	bigMembers: number;
	encrypted: number;
	eventsPerRoom: number;
}

export const ACCOUNT_SHAPE: AccountShape = {rooms: 1000, bigRooms: 10, bigMembers: 5000, encrypted: 300, eventsPerRoom: 40};

export interface BenchEvent {
	type: string;
	event_id: string;
	sender: string;
	origin_server_ts: number;
	content: Record<string, unknown>;
	state_key?: string;
	unsigned?: Record<string, unknown>;
}

export interface BenchRoom {
	id: string;
	name: string;
	/** The room's state: create, name, rules, power levels, (encryption), every member. */
	state: BenchEvent[];
	/** Its messages, oldest first, each with its stream position. */
	timeline: Array<{event: BenchEvent; position: number}>;
	memberCount: number;
}

const BASE_TS = 1_790_000_000_000;

export class BenchAccount {
	readonly rooms: BenchRoom[] = [];
	readonly byId = new Map<string, BenchRoom>();
	/** The newest stream position: every message has one, in order. */
	position = 0;
	private readonly random: Random;
	private eventCount = 0;
	private now: number;

	constructor(shape: AccountShape = ACCOUNT_SHAPE, seed = 17) {
		this.random = createRandom(seed);
		this.now = BASE_TS;
		// Made oldest activity first, so room 0 ends up the newest.
		for (let index = shape.rooms - 1; index >= 0; index--) {
			const room = this.makeRoom(index, shape);
			this.rooms.unshift(room);
			this.byId.set(room.id, room);
		}
	}

	/** `count` new messages, in the newest rooms (a third of them in room 0, the one a start opens). */
	addMessages(count: number): BenchEvent[] {
		const added: BenchEvent[] = [];
		for (let index = 0; index < count; index++) {
			const room = this.rooms[index % 3 === 0 ? 0 : 1 + (index % 5)]!;
			added.push(this.message(room, `new message ${index + 1} since the last start`));
		}
		return added;
	}

	/** The members a room's events were sent by, as their member events (lazy-loaded members). */
	membersOf(room: BenchRoom, senders: Iterable<string>): BenchEvent[] {
		const wanted = new Set([...senders, ME]);
		return room.state.filter((event) => event.type === 'm.room.member' && wanted.has(event.state_key ?? ''));
	}

	private makeRoom(index: number, shape: AccountShape): BenchRoom {
		const id = `!room${index}:bench.example`;
		const name = `Bench room ${index}`;
		const big = index < shape.bigRooms;
		const encrypted = !big && index < shape.bigRooms + shape.encrypted;
		const others = big ? shape.bigMembers : 2 + this.random.int(4);
		const members = [ME, ...Array.from({length: others}, (_, n) => `@user${big ? n : (index * 7 + n) % 4000}:bench.example`)];
		const state: BenchEvent[] = [
			this.event('m.room.create', ME, {room_version: '10', creator: ME}, ''),
			this.event('m.room.name', ME, {name}, ''),
			this.event('m.room.join_rules', ME, {join_rule: big ? 'public' : 'invite'}, ''),
			this.event('m.room.power_levels', ME, {users: {[ME]: 100}}, ''),
			this.event('m.room.history_visibility', ME, {history_visibility: 'shared'}, ''),
			...(encrypted ? [this.event('m.room.encryption', ME, {algorithm: 'm.megolm.v1.aes-sha2'}, '')] : []),
			...members.map((userId) => this.event('m.room.member', userId, {membership: 'join', displayname: userId.slice(1, userId.indexOf(':'))}, userId)),
		];
		const room: BenchRoom = {id, name, state, timeline: [], memberCount: members.length};
		for (let n = 0; n < shape.eventsPerRoom; n++) {
			const sender = members[1 + this.random.int(Math.min(members.length - 1, 30))]!;
			if (encrypted) this.push(room, this.event('m.room.encrypted', sender, {algorithm: 'm.megolm.v1.aes-sha2', ciphertext: this.random.token(120), sender_key: this.random.token(43), session_id: this.random.token(43), device_id: 'PEER'}));
			else this.push(room, this.event('m.room.message', sender, {msgtype: 'm.text', body: `message ${n + 1} in ${name}`}));
		}
		return room;
	}

	private message(room: BenchRoom, body: string): BenchEvent {
		const event = this.event('m.room.message', room.state.find((e) => e.type === 'm.room.member' && e.state_key !== ME)?.state_key ?? ME, {msgtype: 'm.text', body});
		this.push(room, event);
		return event;
	}

	private push(room: BenchRoom, event: BenchEvent): void {
		room.timeline.push({event, position: ++this.position});
	}

	private event(type: string, sender: string, content: Record<string, unknown>, stateKey?: string): BenchEvent {
		this.now += 1000;
		return {type, event_id: `$e${++this.eventCount}_${this.random.token(12)}`, sender, origin_server_ts: this.now, content, ...(stateKey === undefined ? {} : {state_key: stateKey})};
	}
}
