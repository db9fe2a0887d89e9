/**
 * What the room list needs to place a room (room-order.ts): whether it is a direct chat, with whom,
 * and its Favourite / Low priority tags. m.direct is read once per change of it, not per room.
 * A change of the push rules (another client's notification setting) also sends every room again,
 * as each room's meta carries its notification level.
 */
import {ClientEvent, EventType, RoomEvent, type MatrixClient, type Room} from 'matrix-js-sdk';
import {asObject} from '../domain/events.js';
import {directPeers, FAVOURITE_TAG, LOW_PRIORITY_TAG, roomTags, withDirectRoom} from '../domain/room-placement.js';
import type {RoomMeta} from './protocol.js';

export class RoomPlacement {
	private peers = new Map<string, string>();

	constructor(private readonly client: MatrixClient) {}

	/** `changed` gets the rooms whose place may have moved: all of them when m.direct changes. */
	listen(changed: (roomIds: readonly string[] | 'all') => void): void {
		this.read();
		this.client.on(ClientEvent.AccountData, (event) => {
			const type = event.getType();
			if (type === (EventType.PushRules as string)) changed('all');
			if (type !== (EventType.Direct as string)) return;
			this.read();
			changed('all');
		});
		this.client.on(RoomEvent.Tags, (_event, room) => changed([room.roomId]));
	}

	/** The room's place: set only where it has one, so most rooms' meta stays as it was. */
	of(room: Room): Pick<RoomMeta, 'direct' | 'tags'> {
		const placed: Pick<RoomMeta, 'direct' | 'tags'> = {};
		const direct = this.peers.get(room.roomId) ?? directInviter(room, this.client.getUserId());
		if (direct !== undefined) placed.direct = direct;
		const tags = roomTags(room.tags);
		if (tags.favourite || tags.lowPriority) placed.tags = tags;
		return placed;
	}

	private read(): void {
		this.peers = directPeers(this.client.getAccountData(EventType.Direct)?.getContent());
	}
}

/** Who invited us to a direct chat (their invite says is_direct), while it is an invite. */
function directInviter(room: Room, myUserId: string | null): string | undefined {
	if (room.getMyMembership() !== 'invite' || !myUserId) return undefined;
	const invite = room.getMember(myUserId)?.events.member;
	if (asObject(invite?.getContent()).is_direct !== true) return undefined;
	return invite?.getSender() ?? undefined;
}

/**
 * Joins a room; if it was an invite to a direct chat, records it in m.direct as the inviter's
 * client did on their side (as Element does), so it stays a direct chat on every device.
 */
export async function joinRoom(client: MatrixClient, roomIdOrAlias: string, via?: readonly string[]): Promise<string> {
	const invited = client.getRoom(roomIdOrAlias);
	const inviter = invited ? directInviter(invited, client.getUserId()) : undefined;
	const {roomId} = await client.joinRoom(roomIdOrAlias, via?.length ? {viaServers: [...via]} : undefined);
	if (inviter !== undefined) {
		const direct = client.getAccountData(EventType.Direct)?.getContent();
		await client.setAccountData(EventType.Direct, withDirectRoom(direct, inviter, roomId));
	}
	return roomId;
}

/** Favourite and Low priority exclude each other, as in Element: setting one takes the other off. */
export async function setRoomTag(client: MatrixClient, roomId: string, tag: 'favourite' | 'low-priority', on: boolean): Promise<void> {
	const [name, other] = tag === 'favourite' ? [FAVOURITE_TAG, LOW_PRIORITY_TAG] : [LOW_PRIORITY_TAG, FAVOURITE_TAG];
	if (!on) {
		await client.deleteRoomTag(roomId, name);
		return;
	}
	await client.setRoomTag(roomId, name, {});
	if (client.getRoom(roomId)?.tags[other]) await client.deleteRoomTag(roomId, other);
}
