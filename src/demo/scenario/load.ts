import {Session} from '../model/session.js';
import {DemoStore} from '../model/store.js';
import type {Scenario} from './types.js';

/** Builds the server's state from a scenario by appending its events in order, like a live server would. */
export function loadScenario(scenario: Scenario): {store: DemoStore; session: Session} {
	const session = new Session(scenario.userId, scenario.accessToken, scenario.deviceId);
	for (const [user, profile] of Object.entries(scenario.profiles)) session.profiles.set(user, {...profile});
	const store = new DemoStore();
	for (const seed of scenario.rooms) {
		const room = store.createRoom(seed.roomId);
		for (const draft of seed.events) store.append(seed.roomId, draft);
		if (seed.unread) room.unread = {...seed.unread};
		for (const [tag, content] of Object.entries(seed.tags ?? {})) store.setTag(room, tag, content);
	}
	for (const [type, content] of Object.entries(scenario.accountData ?? {})) store.setAccountData(type, content);
	return {store, session};
}
