import {asObject} from '../../domain/events.js';
import {notFound} from '../http/errors.js';
import type {DemoStore} from '../model/store.js';
import type {DemoRoute} from './context.js';

/** Aliases come from each room's m.room.canonical_alias (alias and alt_aliases): no separate table. */
export function roomIdForAlias(store: DemoStore, alias: string): string | undefined {
	for (const room of store.rooms.values()) {
		const content = asObject(room.getState('m.room.canonical_alias')?.event.content);
		const alt = Array.isArray(content['alt_aliases']) ? content['alt_aliases'] : [];
		if (content['alias'] === alias || alt.includes(alias)) return room.roomId;
	}
	return undefined;
}

export const directoryRoutes: DemoRoute[] = [
	{
		method: 'GET',
		path: 'directory/room/:alias',
		handler: ({context: {store, session}, params: {alias = ''}}) => {
			const roomId = roomIdForAlias(store, alias);
			if (roomId === undefined) throw notFound(`Room alias ${alias} not found`);
			return {room_id: roomId, servers: [session.userId.slice(session.userId.indexOf(':') + 1)]};
		},
	},
];
