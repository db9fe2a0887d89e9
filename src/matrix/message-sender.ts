/**
 * Sending messages so that an outage loses nothing and a refusal blocks nothing.
 *
 * The SDK gives up on a send at the first connection error and marks it NOT_SENT. Failing it would
 * hand the text back to the composer while the echo stays in the timeline, inviting a second copy.
 * Instead it stays queued (shown as sending) and goes out once a sync succeeds, with its original
 * transaction ID, so the server dedupes it even if the first attempt landed.
 */
import {EventStatus, EventType, type MatrixClient, type MatrixEvent, type TimelineEvents} from 'matrix-js-sdk';
import {toActionError} from './errors.js';
import type {SentMessage} from './protocol.js';

export class MessageSender {
	private readonly unsent = new Set<MatrixEvent>();

	constructor(private readonly client: MatrixClient) {}

	get waiting(): number {
		return this.unsent.size;
	}

	async send(roomId: string, content: TimelineEvents[EventType.RoomMessage]): Promise<SentMessage> {
		const txnId = this.client.makeTxnId();
		try {
			return {eventId: (await this.client.sendEvent(roomId, EventType.RoomMessage, content, txnId)).event_id};
		} catch (error) {
			const echo = this.client.getRoom(roomId)?.getPendingEvents().find((event) => event.getTxnId() === txnId);
			if (echo?.status === EventStatus.NOT_SENT && toActionError(error).kind === 'network') {
				this.queue(echo);
				return {queued: true};
			}
			// Refused for good (403, 400…): the text goes back to the composer, so drop the echo — a
			// NOT_SENT event left pending would block every later send in this room.
			if (echo?.status === EventStatus.NOT_SENT) this.client.cancelPendingEvent(echo);
			throw error;
		}
	}

	/** After a successful sync: send what the outage held back, once each. */
	resendQueued(): void {
		for (const event of this.unsent) {
			this.unsent.delete(event);
			const room = this.client.getRoom(event.getRoomId());
			// Cancelled, or already on its way: sending it again could duplicate it.
			if (!room || event.status !== EventStatus.QUEUED) continue;
			this.client.resendEvent(event, room).catch((error: unknown) => {
				if (toActionError(error).kind === 'network') this.queue(event);
			});
		}
	}

	clear(): void {
		this.unsent.clear();
	}

	private queue(event: MatrixEvent): void {
		const room = this.client.getRoom(event.getRoomId());
		if (!room || event.status !== EventStatus.NOT_SENT) return;
		room.updatePendingEvent(event, EventStatus.QUEUED);
		this.unsent.add(event);
	}
}
