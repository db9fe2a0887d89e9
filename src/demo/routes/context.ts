import {asObject} from '../../domain/events.js';
import {badJson, missingParam} from '../http/errors.js';
import type {Request, Route} from '../http/router.js';
import type {Session} from '../model/session.js';
import type {DemoStore} from '../model/store.js';

/** What every handler works on: the rooms and our one account. */
export interface DemoContext {
	store: DemoStore;
	session: Session;
}

export type DemoRoute = Route<DemoContext>;
export type DemoRequest = Request<DemoContext>;

/** A required string field of a JSON body (user_id for invite/kick/ban…). */
export function requiredString(body: unknown, field: string): string {
	const value = asObject(body)[field];
	if (value === undefined) throw missingParam(`Missing params: ['${field}']`);
	if (typeof value !== 'string') throw badJson(`'${field}' must be a string`);
	return value;
}

/** An optional `reason`: absent stays absent, anything but a string is a 400 (as in Synapse). */
export function optionalReason(body: unknown): {reason?: string} {
	const reason = asObject(body)['reason'];
	if (reason === undefined) return {};
	if (typeof reason !== 'string') throw badJson("'reason' must be a string");
	return {reason};
}

/** A positive integer query parameter with a default and an upper bound. */
export function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
	const raw = query.get(name);
	const value = raw === null ? fallback : Number.parseInt(raw, 10);
	return Number.isFinite(value) && value >= 0 ? Math.min(value, max) : fallback;
}
