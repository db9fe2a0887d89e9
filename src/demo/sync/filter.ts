import {asObject} from '../../domain/events.js';
import type {Session} from '../model/session.js';

/** The parts of a sync filter this server honours. */
export interface SyncOptions {
	timelineLimit: number;
	lazyLoadMembers: boolean;
}

/** Synapse's default timeline limit when the filter sets none. */
const DEFAULT_TIMELINE_LIMIT = 10;

/** `filter` is a stored filter id or inline JSON (both are allowed by the spec). */
export function syncOptions(session: Session, filterParam: string | null): SyncOptions {
	let filter: unknown;
	if (filterParam?.trimStart().startsWith('{')) {
		try {
			filter = JSON.parse(filterParam);
		} catch {
			filter = undefined;
		}
	} else if (filterParam !== null) {
		filter = session.filters.get(filterParam);
	}
	const room = asObject(asObject(filter)['room']);
	const limit = asObject(room['timeline'])['limit'];
	return {
		timelineLimit: typeof limit === 'number' && limit > 0 ? Math.min(Math.trunc(limit), 1000) : DEFAULT_TIMELINE_LIMIT,
		lazyLoadMembers: asObject(room['state'])['lazy_load_members'] === true,
	};
}
