/** The direct chat with someone, where a user verification takes place: m.direct first, else a room of just the two of us. */
import {EventType, type MatrixClient} from 'matrix-js-sdk';

export function findDirectChat(client: MatrixClient, userId: string): string | undefined {
	const direct = client.getAccountData(EventType.Direct)?.getContent<Record<string, unknown>>()[userId];
	const listed = Array.isArray(direct) ? direct.filter((roomId): roomId is string => typeof roomId === 'string') : [];
	const isOurs = (roomId: string) => {
		const room = client.getRoom(roomId);
		return room?.getMyMembership() === 'join' && room.getMember(userId)?.membership === 'join';
	};
	const fromList = listed.find(isOurs);
	if (fromList) return fromList;
	return client
		.getRooms()
		.find((room) => room.getMyMembership() === 'join' && room.getJoinedMemberCount() === 2 && room.getMember(userId)?.membership === 'join')?.roomId;
}
