/**
 * Whether a failed send is worth another attempt. Sending again is always safe (the transaction ID
 * makes the server store it once), so anything that may pass by itself is temporary: no answer, a
 * broken or cut answer, 5xx, 429. Only a clear refusal of this message (4xx) is for good — the
 * user then decides what to do with it.
 */
import type {ActionError} from './protocol.js';

export type SendFailure = {temporary: true; why: string; afterMs?: number} | {temporary: false; why: string};

export function classifySendError(error: ActionError): SendFailure {
	const status = error.status;
	if (error.kind === 'rate-limited') return {temporary: true, why: 'the server is rate-limiting', ...(error.retryAfterMs === undefined ? {} : {afterMs: error.retryAfterMs})};
	if (error.kind === 'network') return {temporary: true, why: 'cannot reach the homeserver'};
	// A lost session stops the client; what waits stays on disk for the next login of this device.
	if (error.kind === 'unknown-token') return {temporary: true, why: 'the session has ended'};
	if (status === undefined) return {temporary: true, why: `no usable answer (${error.message})`};
	if (status >= 500 || status === 408) return {temporary: true, why: `the server answered ${status}${serverSays(error)}`};
	return {temporary: false, why: refusal(error)};
}

function refusal(error: ActionError): string {
	if (error.status === 413 || error.errcode === 'M_TOO_LARGE') return 'too large for the server';
	if (error.kind === 'forbidden') return `not allowed${serverSays(error)}`;
	if (error.kind === 'not-found') return 'the room was not found';
	return `refused${serverSays(error) || ` (${error.status})`}`;
}

function serverSays(error: ActionError): string {
	const message = error.message.slice(0, 120);
	return message ? `: ${message}${error.errcode ? ` (${error.errcode})` : ''}` : '';
}
