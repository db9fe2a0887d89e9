/**
 * The matrix layer's thread. matrix-js-sdk ingests syncs here — a 60,000-member-change sync costs
 * it seconds — so the UI thread only ever receives finished RoomUpdates and never misses a frame.
 */
import {parentPort, workerData} from 'node:worker_threads';
import type {Credentials} from './client.js';
import {logSdkTo} from './sdk-logger.js';
import {SdkSession} from './sdk-session.js';
import {giveWayToTheUiThread} from './thread-priority.js';
import type {FromWorker, ToWorker, WorkerOptions} from './worker-messages.js';

const port = parentPort!;
const options = workerData as {credentials: Credentials} & WorkerOptions;
// The SDK is all that logs here, and never to the console (sdk-logger.ts).
logSdkTo(options.logFile);
giveWayToTheUiThread();

const session = new SdkSession(options.credentials, {reasonMaxWidth: options.reasonMaxWidth, outbox: options.outbox, crypto: options.crypto, loginPassword: options.loginPassword, cache: options.cache, sync: options.sync, firstRoom: options.firstRoom});
// The session holds the password until it has used it; this copy goes now.
delete options.loginPassword;
const post = (message: FromWorker) => port.postMessage(message);
// JSON crosses the thread boundary several times faster than a structured clone of the same rows
// (50,000 member rows: ~50 ms against ~145 ms), and the UI thread pays only the parse.
session.subscribe((update) => post({kind: 'update', json: JSON.stringify(update)}));

port.on('message', (message: ToWorker) => {
	switch (message.kind) {
		case 'start':
			session.start().then(
				() => post({kind: 'reply', id: message.id, result: {ok: true}}),
				(error: unknown) => post({kind: 'reply', id: message.id, result: {ok: false, error: {kind: 'other', message: error instanceof Error ? error.message : String(error)}}}),
			);
			return;
		case 'perform':
			void session.perform(message.action).then((result) => post({kind: 'reply', id: message.id, result}));
			return;
		case 'stop':
			session.stop();
			post({kind: 'reply', id: message.id, result: {ok: true}});
			return;
	}
});
