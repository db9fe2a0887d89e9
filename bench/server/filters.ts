/**
 * The sync filters the client posts (`POST user/{u}/filter`), kept as sent and read back by id or
 * inline (the spec allows both as `?filter=`): the server honours their timeline limit and
 * lazy-loaded members, as Synapse does.
 */

export interface SyncFilter {
	/** Synapse's default when the filter sets none: 10. */
	timelineLimit: number;
	lazyLoadMembers: boolean;
}

const DEFAULT_TIMELINE_LIMIT = 10;

const asObject = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export class FilterStore {
	private readonly bodies = new Map<string, unknown>();

	add(body: unknown): string {
		const id = String(this.bodies.size + 1);
		this.bodies.set(id, body);
		return id;
	}

	get(id: string): unknown {
		return this.bodies.get(id);
	}

	/** `param`: a filter id or inline JSON; anything else reads as no filter. */
	resolve(param: string | null): SyncFilter {
		return readFilter(param?.trimStart().startsWith('{') ? parseJson(param) : param === null ? undefined : this.bodies.get(param));
	}
}

function readFilter(filter: unknown): SyncFilter {
	const room = asObject(asObject(filter)['room']);
	const limit = asObject(room['timeline'])['limit'];
	return {
		timelineLimit: typeof limit === 'number' && limit > 0 ? Math.min(Math.trunc(limit), 1000) : DEFAULT_TIMELINE_LIMIT,
		lazyLoadMembers: asObject(room['state'])['lazy_load_members'] === true,
	};
}

/** /messages' `filter` param is a RoomEventFilter: lazy_load_members sits at its top level. */
export function lazyInEventFilter(param: string | null): boolean {
	return param !== null && asObject(parseJson(param))['lazy_load_members'] === true;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
