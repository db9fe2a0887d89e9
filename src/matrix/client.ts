/** Creating an SDK client the way this app needs it: quiet (sdk-logger.ts), lazy-loading members, no crypto. */
import {createClient, type MatrixClient} from 'matrix-js-sdk';
import type {IStore} from 'matrix-js-sdk/lib/store/index.js';
import type {CryptoCallbacks} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {routeSdkLogging} from './sdk-logger.js';

export interface Credentials {
	homeserver: string;
	userId: string;
	accessToken: string;
	deviceId?: string;
}

export function createQuietClient(options: {baseUrl: string; userId?: string; accessToken?: string; deviceId?: string; fetchFn?: typeof fetch; cryptoCallbacks?: CryptoCallbacks; store?: IStore}): MatrixClient {
	routeSdkLogging();
	// No `logger` of its own: the client logs through the SDK's global logger, routed above.
	return createClient({...options, timelineSupport: true});
}
