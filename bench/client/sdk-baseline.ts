/**
 * sdkBaselineMs, in a process of its own: what a client built only on matrix-js-sdk pays for the
 * same member list. A plain SDK client (no app, no UI) does the initial sync with lazy-loaded
 * members, then room.loadMembersIfNeeded() and reads every member from room.getMembers(). Timed
 * like firstFrameMs: from when the server starts writing /members to the last member read.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {ClientEvent, createClient, SyncState, type MatrixClient} from 'matrix-js-sdk';
import type {Logger} from 'matrix-js-sdk/lib/logger.js';
import {routeSdkLogging} from '../../src/matrix/sdk-logger.ts';
import {epochNow} from '../clock.ts';
import {startServerChild, type ServerChild} from '../server/child.ts';
import {exitWithParent, reportAndExit, type SdkRunResult} from './result.ts';

const seed = Number(process.env['BENCH_SEED'] ?? 4);
const gc = (globalThis as {gc?: () => void}).gc ?? (() => {});

const silent: Logger = {trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => silent};

interface Measured {
	/** From the start of the /members response to the last member read; null if no request was seen. */
	ms: number | null;
	details: Record<string, unknown>;
}

/** One fresh SDK client: initial sync, then the member list the SDK's own way. */
async function measure(server: ServerChild): Promise<Measured> {
	const {ready} = server;
	const client: MatrixClient = createClient({baseUrl: ready.url, userId: ready.userId, accessToken: ready.accessToken, logger: silent, timelineSupport: true});
	try {
		const prepared = new Promise<void>((resolve) => {
			client.on(ClientEvent.Sync, (state) => {
				if (state === SyncState.Prepared) resolve();
			});
		});
		const startedAt = epochNow();
		// The same options the app's SdkSession uses.
		await client.startClient({lazyLoadMembers: true, initialSyncLimit: 30});
		await Promise.race([prepared, sleep(120_000)]);
		const syncedAt = epochNow();
		await sleep(500);
		gc();

		const room = client.getRoom(ready.bigRoom.id);
		if (!room) throw new Error('the big room is not in the initial sync');
		const lazyMembers = room.getMembers().length;
		const askedAt = epochNow();
		await room.loadMembersIfNeeded();
		let read = 0;
		let joined = 0;
		const members = room.getMembers();
		for (const member of members) {
			read += member.name.length + member.userId.length;
			if (member.membership === 'join') joined++;
		}
		const doneAt = epochNow();
		const mark = await server.mark('members-start', {after: askedAt, roomId: ready.bigRoom.id, timeoutMs: 5000});
		return {
			ms: mark ? doneAt - mark.at : null,
			details: {
				initialSyncMs: syncedAt - startedAt,
				callToDoneMs: doneAt - askedAt,
				lazyMembers,
				members: members.length,
				joined,
				charactersRead: read,
				membersServed: mark ? {bytes: mark.bytes, query: mark.query ?? ''} : null,
			},
		};
	} finally {
		client.stopClient();
	}
}

async function main(): Promise<SdkRunResult> {
	const notes: string[] = [];
	const server = await startServerChild({scenario: 'big', seed, storm: false});
	// The SDK's module-level logger writes to the console whatever the client's logger says.
	routeSdkLogging();
	try {
		// The SDK asks for not_membership=leave, and Synapse honours it: the peer gets the 25,000 joined.
		const own = await measure(server);
		if (own.ms === null) notes.push('no /members request was seen');
		const peakRssMb = process.resourceUsage().maxRSS / 1024;
		// For reference: the same client if it had to take all 50,000 (what a client showing leaves fetches).
		gc();
		server.send({type: 'member-filters', honour: false});
		const all = await measure(server);
		return {sdkBaselineMs: own.ms, notes, details: {...own.details, peakRssMb, allMembers: {ms: all.ms, ...all.details}}};
	} finally {
		server.stop();
	}
}

exitWithParent();
void main()
	.catch((error: unknown): SdkRunResult => ({sdkBaselineMs: null, notes: [`crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], details: {}}))
	.then((result) => reportAndExit({type: 'sdk-result', result}));
