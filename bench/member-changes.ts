/**
 * `npm run bench:members`: what one sync carrying k member changes costs, against the room's size.
 *
 * The member path of one room, without the network or the SDK: the worker's store and member-list
 * diff (what a sync's member events go through), the crossing (JSON out, JSON in, as the worker
 * thread's updates travel), and the UI's merge of the update into the room and the member panel's
 * rows for one screen. Rooms of 1,000 to 50,000 members (half of them departed, hidden as by
 * default, or shown), syncs of 1 to 100 changes (new senders joining, renames, leaves). Prints the
 * median ms of each part and the bytes that crossed, and the slope per 10,000 members.
 */
import {pathToFileURL} from 'node:url';
import type {RoomUpdate} from '../src/matrix/protocol.ts';
import type {RoomSnapshot} from '../src/state/room-snapshot.ts';
import type {RawEvent} from '../src/domain/events.ts';
import {median} from './stats.ts';

// The built code (dist/, or BENCH_DIST for another build), as the other bench processes run it.
const dist = pathToFileURL(`${process.env['BENCH_DIST'] ?? new URL('../dist', import.meta.url).pathname}/`);
const load = async <Module>(path: string) => (await import(new URL(path, dist).href)) as Module;
const {MemberEventStore} = await load<typeof import('../src/matrix/member-store.ts')>('matrix/member-store.js');
const {MemberListDiff} = await load<typeof import('../src/matrix/room-diffs.ts')>('matrix/room-diffs.js');
const {mergeRoomUpdate} = await load<typeof import('../src/state/merge-room.ts')>('state/merge-room.js');
const {memberRows} = await load<typeof import('../src/ui/side-rows.ts')>('ui/side-rows.js');
type Store = InstanceType<typeof MemberEventStore>;

const SIZES = (process.env['BENCH_MEMBER_SIZES'] ?? '1000,10000,50000').split(',').map(Number);
const CHANGES = [1, 10, 100];
const SYNCS = Number(process.env['BENCH_MEMBER_SYNCS'] ?? 40);
const PANEL = {width: 30, rows: 40};
const META: RoomUpdate['meta'] = {name: 'Big', membership: 'join', unread: 0, highlights: 0, canPaginateBack: true, membersLoaded: true};

const member = (serial: number, membership: string, extra: Record<string, unknown> = {}): RawEvent => ({
	type: 'm.room.member',
	state_key: `@user${serial}:example.org`,
	sender: `@user${serial}:example.org`,
	event_id: `$m${serial}-${Math.random().toString(36).slice(2)}`,
	origin_server_ts: 1_700_000_000_000 + serial,
	content: {membership, displayname: `Member ${serial}`, ...extra},
});

interface Sample {
	workerMs: number;
	crossMs: number;
	uiMs: number;
	bytes: number;
}

function roomOf(size: number, showDeleted: boolean) {
	const store = new MemberEventStore();
	store.beginFetch();
	store.addFetched(Array.from({length: size}, (_, serial) => member(serial, serial % 2 === 0 ? 'join' : 'leave', serial % 10 === 1 ? {reason: 'moving on'} : {})));
	store.finishPart('present');
	store.endFetch();
	const diff = new MemberListDiff();
	const options = {powerLevels: {users: {'@user0:example.org': 100}}, reasonMaxWidth: 80, showDeleted};
	let room: RoomSnapshot | undefined;
	let version = 0;
	/** One flush: the worker's part, the crossing, the UI's part. */
	const flush = (): Sample => {
		const start = performance.now();
		const update: RoomUpdate = {roomId: '!big:example.org', version: ++version, meta: META, ...withoutFlushAgain(diff.take(store, options))};
		const taken = performance.now();
		const json = JSON.stringify(update);
		const received = JSON.parse(json) as RoomUpdate;
		const crossed = performance.now();
		room = mergeRoomUpdate(room, received);
		memberRows(room.memberList, PANEL.width, showDeleted).slice(0, PANEL.rows);
		return {workerMs: taken - start, crossMs: crossed - taken, uiMs: performance.now() - crossed, bytes: json.length};
	};
	flush(); // a big list goes out as a head first…
	flush(); // …then whole, as after the /members fetch
	return {store, flush};
}

function withoutFlushAgain<T extends {flushAgain: boolean}>(taken: T): Omit<T, 'flushAgain'> {
	const {flushAgain: _ignored, ...parts} = taken;
	return parts;
}

/** k changes as a busy sync brings them: new people joining, a rename, a leave, a return. */
function changes(store: Store, size: number, k: number, round: number): void {
	for (let index = 0; index < k; index++) {
		const serial = (round * 7919 + index * 104_729) % size;
		const kind = index % 4;
		if (kind === 0) store.upsert(member(size + round * 1000 + index, 'join'));
		else if (kind === 1) store.upsert(member(serial - (serial % 2), 'join', {displayname: `Renamed ${round}-${index}`}));
		else if (kind === 2) store.upsert(member(serial - (serial % 2), 'leave', {reason: 'bye'}));
		else store.upsert(member(serial | 1, 'join'));
	}
}

const rows: Array<Record<string, string | number>> = [];
for (const showDeleted of [false, true]) {
	for (const size of SIZES) {
		for (const k of CHANGES) {
			const {store, flush} = roomOf(size, showDeleted);
			const samples: Sample[] = [];
			for (let round = 0; round < SYNCS; round++) {
				changes(store, size, k, round);
				samples.push(flush());
			}
			const steady = samples.slice(Math.min(5, samples.length - 1)); // first flushes warm the JIT up
			const med = (pick: (sample: Sample) => number) => median(steady.map(pick)) ?? NaN;
			rows.push({departed: showDeleted ? 'shown' : 'hidden', members: size, changes: k, workerMs: round3(med((s) => s.workerMs)), crossMs: round3(med((s) => s.crossMs)), uiMs: round3(med((s) => s.uiMs)), bytes: med((s) => s.bytes)});
		}
	}
}
console.table(rows);

/** ms per 10,000 members of each part, from the smallest to the largest room, per k. */
for (const showDeleted of ['hidden', 'shown']) {
	for (const k of CHANGES) {
		const of = (size: number) => rows.find((row) => row.departed === showDeleted && row.members === size && row.changes === k)!;
		const small = of(SIZES[0]!);
		const big = of(SIZES.at(-1)!);
		const per10k = (key: string) => round3(((big[key] as number) - (small[key] as number)) / ((SIZES.at(-1)! - SIZES[0]!) / 10_000));
		console.log(`departed ${showDeleted}, k=${k}: slope per 10,000 members — worker ${per10k('workerMs')} ms, crossing ${per10k('crossMs')} ms, UI ${per10k('uiMs')} ms, ${per10k('bytes')} bytes`);
	}
}

function round3(value: number): number {
	return Math.round(value * 1000) / 1000;
}
