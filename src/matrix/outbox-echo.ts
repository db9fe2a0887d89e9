/** An outbox message as the timeline draws it until its sync brings the real event (a local echo). */
import type {OutboxEntry} from './outbox.js';
import type {LocalEcho} from './protocol.js';

/** Echo event IDs: never an event ID a server makes (those start with `$`). */
const ECHO_ID_PREFIX = '~';

export function echoOf(entry: OutboxEntry, userId: string): LocalEcho {
	const event = {
		type: entry.eventType,
		event_id: `${ECHO_ID_PREFIX}${entry.txnId}`,
		sender: userId,
		room_id: entry.roomId,
		origin_server_ts: entry.typedAt,
		content: entry.content,
		unsigned: {transaction_id: entry.txnId},
	};
	if (entry.state === 'sent') return entry.eventId === undefined ? {event} : {event, storedAs: entry.eventId};
	const echo: LocalEcho = {event, pending: entry.state === 'refused' ? 'failed' : 'sending'};
	if (entry.reason) echo.reason = entry.reason;
	return echo;
}
