/** Turns whatever the SDK or fetch threw into a plain ActionError the UI can put on one line. */
import {ConnectionError, MatrixError} from 'matrix-js-sdk';
import type {ActionError} from './protocol.js';

export function toActionError(error: unknown): ActionError {
	if (error instanceof MatrixError) {
		const status = error.httpStatus;
		const errcode = error.errcode;
		const message = typeof error.data?.error === 'string' ? error.data.error : error.message;
		const retry: unknown = error.data?.retry_after_ms;
		const retryAfterMs = typeof retry === 'number' ? retry : undefined;
		return {kind: kindOf(status, errcode), message, status, errcode, retryAfterMs};
	}
	if (error instanceof ConnectionError || isFetchFailure(error)) {
		return {kind: 'network', message: 'cannot reach the homeserver'};
	}
	return {kind: 'other', message: error instanceof Error ? error.message : String(error)};
}

function kindOf(status: number | undefined, errcode: string | undefined): ActionError['kind'] {
	if (errcode === 'M_UNKNOWN_TOKEN') return 'unknown-token';
	if (errcode === 'M_LIMIT_EXCEEDED' || status === 429) return 'rate-limited';
	if (status === 403 || errcode === 'M_FORBIDDEN') return 'forbidden';
	if (status === 404 || errcode === 'M_NOT_FOUND') return 'not-found';
	if (status === 400) return 'bad-request';
	if (status === undefined) return 'network';
	return 'other';
}

function isFetchFailure(error: unknown): boolean {
	return error instanceof TypeError && /fetch failed|network/i.test(error.message);
}
