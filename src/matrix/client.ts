/** Creating an SDK client the way this app needs it: quiet, lazy-loading members, no crypto. */
import {createClient, type MatrixClient} from 'matrix-js-sdk';
import {quietLogger, silenceSdkRootLogger} from './sdk-logger.js';

export interface Credentials {
	homeserver: string;
	userId: string;
	accessToken: string;
	deviceId?: string;
}

export function createQuietClient(options: {baseUrl: string; userId?: string; accessToken?: string; deviceId?: string; fetchFn?: typeof fetch}): MatrixClient {
	silenceSdkRootLogger();
	return createClient({...options, logger: quietLogger, timelineSupport: true});
}
