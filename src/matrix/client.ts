/** Creating an SDK client the way this app needs it: quiet (sdk-logger.ts), lazy-loading members, no crypto. */
import {createClient, type MatrixClient} from 'matrix-js-sdk';
import {routeSdkModuleLogging, sdkLogger} from './sdk-logger.js';

export interface Credentials {
	homeserver: string;
	userId: string;
	accessToken: string;
	deviceId?: string;
}

export function createQuietClient(options: {baseUrl: string; userId?: string; accessToken?: string; deviceId?: string; fetchFn?: typeof fetch}): MatrixClient {
	routeSdkModuleLogging();
	return createClient({...options, logger: sdkLogger, timelineSupport: true});
}
