/**
 * The direct chat with a user, from the account's m.direct (the rooms each person's direct chats
 * are, by user ID, as every client records them): /dm opens it or makes a new one — encrypted from
 * its first event, as Element makes them — recorded there too; /verify @user runs in it.
 */
import {EventType, Preset, type MatrixClient} from 'matrix-js-sdk';
import {asObject} from '../domain/events.js';
import {withDirectRoom} from '../domain/room-placement.js';

export interface DirectChat {
	roomId: string;
	created: boolean;
}

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

export async function openDirectChat(client: MatrixClient, userId: string): Promise<DirectChat> {
	const existing = directRoomsWith(client, userId).find((roomId) => client.getRoom(roomId)?.getMyMembership() === 'join');
	if (existing) return {roomId: existing, created: false};
	// Only a session that can encrypt makes one: a direct chat is never started in clear.
	if (!client.getCrypto()) throw new Error('encryption is off on this device, and a direct chat is always encrypted');
	// A user who does not exist is a clear 404 here, not a room made for nobody.
	await client.getProfileInfo(userId);
	const {room_id: roomId} = await client.createRoom({is_direct: true, invite: [userId], preset: Preset.TrustedPrivateChat, initial_state: [ENCRYPTION]});
	// Read again just before writing: another client may have recorded a chat meanwhile.
	await client.setAccountData(EventType.Direct, withDirectRoom(client.getAccountData(EventType.Direct)?.getContent(), userId, roomId));
	return {roomId, created: true};
}

function directContent(client: MatrixClient): Record<string, string[]> {
	const content = asObject(client.getAccountData(EventType.Direct)?.getContent());
	const clean: Record<string, string[]> = {};
	for (const [user, rooms] of Object.entries(content)) if (Array.isArray(rooms)) clean[user] = rooms.filter((room): room is string => typeof room === 'string');
	return clean;
}

function directRoomsWith(client: MatrixClient, userId: string): string[] {
	return directContent(client)[userId] ?? [];
}

/** The direct chat where a user verification takes place: m.direct first, else a room of just the two of us. */
export function findDirectChat(client: MatrixClient, userId: string): string | undefined {
	const isOurs = (roomId: string) => {
		const room = client.getRoom(roomId);
		return room?.getMyMembership() === 'join' && room.getMember(userId)?.membership === 'join';
	};
	const fromList = directRoomsWith(client, userId).find(isOurs);
	if (fromList) return fromList;
	return client
		.getRooms()
		.find((room) => room.getMyMembership() === 'join' && room.getJoinedMemberCount() === 2 && room.getMember(userId)?.membership === 'join')?.roomId;
}
