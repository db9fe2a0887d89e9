/**
 * The one place that knows which MatrixSession the bench drives, from the built dist/. To try
 * another implementation, add a line to SESSIONS; BENCH_SESSION picks one (default: the worker
 * session once it is built, else the SDK session). BENCH_DIST points at another build (say, of an
 * older commit, for before/after figures) instead of this checkout's dist/.
 */
import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {MatrixSession} from '../../src/matrix/protocol.js';

export interface Credentials {
	homeserver: string;
	userId: string;
	accessToken: string;
	deviceId?: string;
}

export const SESSIONS = {
	worker: {module: 'matrix/worker-session.js', exportName: 'WorkerSession'},
	sdk: {module: 'matrix/sdk-session.js', exportName: 'SdkSession'},
} as const;

export type SessionKind = keyof typeof SESSIONS;

export function distUrl(file: string, env: NodeJS.ProcessEnv = process.env): URL {
	const dist = env['BENCH_DIST'];
	return dist ? pathToFileURL(resolve(dist, file)) : new URL(`../../dist/${file}`, import.meta.url);
}

/** BENCH_SESSION if it names a known session, else worker when built, else sdk. */
export function chooseSessionKind(requested: string | undefined, workerBuilt: boolean): SessionKind {
	if (requested === 'worker' || requested === 'sdk') return requested;
	if (requested) throw new Error(`BENCH_SESSION must be worker or sdk, not ${JSON.stringify(requested)}`);
	return workerBuilt ? 'worker' : 'sdk';
}

export function sessionKindFromEnv(env: NodeJS.ProcessEnv = process.env): SessionKind {
	return chooseSessionKind(env['BENCH_SESSION'] || undefined, existsSync(fileURLToPath(distUrl(SESSIONS.worker.module))));
}

type SessionClass = new (credentials: Credentials) => MatrixSession;

export async function createSession(kind: SessionKind, credentials: Credentials): Promise<MatrixSession> {
	const {module, exportName} = SESSIONS[kind];
	const exports = (await import(distUrl(module).href)) as Record<string, unknown>;
	const Session = (exports[exportName] ?? exports['default']) as SessionClass | undefined;
	if (typeof Session !== 'function') throw new Error(`dist/${module} exports no ${exportName}`);
	return new Session(credentials);
}
