/**
 * The peer of the start benchmark, in a process of its own: a plain matrix-js-sdk client (no app,
 * no UI, no cache: in Node the SDK has none, so every start of it is a first one) does its initial
 * sync with lazy-loaded members and 30 events a room, as the client asks for. Prints "prepared" once
 * the SDK says PREPARED (its rooms are ready to draw), then exits.
 * Usage: node bench/start/sdk-peer.ts URL USER_ID TOKEN
 */
import {ClientEvent, createClient, SyncState} from 'matrix-js-sdk';
import type {Logger} from 'matrix-js-sdk/lib/logger.js';

const [baseUrl, userId, accessToken] = process.argv.slice(2);
const silent: Logger = {trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => silent};
const client = createClient({baseUrl: baseUrl!, userId: userId!, accessToken: accessToken!, logger: silent});
client.on(ClientEvent.Sync, (state) => {
	if (state !== SyncState.Prepared) return;
	process.stdout.write(`prepared ${client.getRooms().length}\n`);
	client.stopClient();
	process.exit(0);
});
await client.startClient({initialSyncLimit: 30, lazyLoadMembers: true});
