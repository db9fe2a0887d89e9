/**
 * What the fault proxy (fault-proxy.ts) can do to a request, and which requests it does it to:
 * a method and a path pattern. The routes the outbox proofs fault are named here.
 */

export type Fault =
	/** Answer with this status and a Matrix error body, without forwarding. */
	| {kind: 'status'; status: number; errcode?: string; error?: string}
	/** 429 M_LIMIT_EXCEEDED with retry_after_ms, without forwarding. */
	| {kind: 'rate-limit'; retryAfterMs: number}
	/**
	 * Forward, let Synapse answer in full, then destroy the client's socket: stored, answer lost.
	 * With `after`, the answer is kept back until it settles (say, until the sync has shown the event).
	 */
	| {kind: 'reset-after-forward'; after?: Promise<unknown>}
	/** Forward, send the status, headers and only the first `keepBytes` of the body (default half), then destroy. */
	| {kind: 'truncate-after-forward'; keepBytes?: number}
	/** Never answer, until the fault is cleared (then the socket is destroyed) or the client gives up. */
	| {kind: 'hang'}
	/** Destroy the socket before forwarding anything. */
	| {kind: 'reset'};

export interface Match {
	/** Exact method (any when absent). */
	method?: string;
	/** Tested against the path without its query string. */
	path: RegExp;
}

export const SEND_MESSAGE: Match = {method: 'PUT', path: /\/rooms\/[^/]+\/send\/m\.room\.message\/[^/]+$/};
/** Every sync: classic (GET /sync) and sliding (POST to the simplified sliding sync path). */
export const SYNC: Match = {path: /\/sync$/};
export const CLASSIC_SYNC: Match = {method: 'GET', path: /\/sync$/};
export const EVERYTHING: Match = {path: /^/};

export function matches(match: Match, method: string, path: string): boolean {
	return (match.method === undefined || match.method === method) && match.path.test(path);
}

export function describeMatch(match: Match): string {
	return `${match.method ?? '*'} ${String(match.path)}`;
}

const DEFAULT_ERRORS: Record<number, [string, string]> = {
	400: ['M_BAD_JSON', 'Bad request'],
	403: ['M_FORBIDDEN', 'Forbidden'],
	404: ['M_NOT_FOUND', 'Not found'],
	413: ['M_TOO_LARGE', 'Request too large'],
	500: ['M_UNKNOWN', 'Internal server error'],
	502: ['M_UNKNOWN', 'Bad gateway'],
	503: ['M_UNKNOWN', 'Service unavailable'],
};

/** The Matrix error body of a status fault: its own errcode and error, or the usual ones for the status. */
export function errorBody(fault: Extract<Fault, {kind: 'status'}>): {errcode: string; error: string} {
	const [errcode, error] = DEFAULT_ERRORS[fault.status] ?? ['M_UNKNOWN', 'Error'];
	return {errcode: fault.errcode ?? errcode, error: fault.error ?? error};
}
