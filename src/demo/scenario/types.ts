import type {EventDraft, UnreadCounts} from '../model/types.js';

/** A room to seed: its events in order (state and timeline alike), as the store will append them. */
export interface ScenarioRoom {
	roomId: string;
	events: EventDraft[];
	/** unread_notifications for our user until they send a read receipt. */
	unread?: UnreadCounts;
	/** Our m.tag tags on the room (m.favourite…), each tag's content. */
	tags?: Record<string, Record<string, unknown>>;
}

/** Everything the server starts with. Invites are rooms where our user's membership is `invite`. */
export interface Scenario {
	userId: string;
	accessToken: string;
	deviceId: string;
	profiles: Record<string, {displayname?: string; avatar_url?: string}>;
	rooms: ScenarioRoom[];
	/** The account's global account data (m.direct…), by type. */
	accountData?: Record<string, Record<string, unknown>>;
}
