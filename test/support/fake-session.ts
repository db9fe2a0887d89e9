/**
 * A MatrixSession for component tests: records every action and answers with scripted results;
 * the test pushes room snapshots as the real session would.
 */
import type {RawEvent} from '../../src/domain/events.js';
import type {ActionResult, MatrixAction, MatrixSession, RoomSnapshot, SessionUpdate} from '../../src/matrix/protocol.js';

export class FakeSession implements MatrixSession {
	readonly actions: MatrixAction[] = [];
	private readonly listeners = new Set<(update: SessionUpdate) => void>();
	private readonly answers: Array<{match: (action: MatrixAction) => boolean; result: ActionResult}> = [];
	private version = 0;

	constructor(readonly userId = '@me:example.org') {}

	subscribe(listener: (update: SessionUpdate) => void) {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async start() {}
	stop() {}
	async logout(): Promise<ActionResult> {
		return {ok: true};
	}

	/** The next action matching `match` gets `result` (once). */
	answer(match: (action: MatrixAction) => boolean, result: ActionResult): void {
		this.answers.push({match, result});
	}

	async perform(action: MatrixAction): Promise<ActionResult> {
		this.actions.push(action);
		const index = this.answers.findIndex((answer) => answer.match(action));
		if (index === -1) return {ok: true};
		const [answer] = this.answers.splice(index, 1);
		return answer!.result;
	}

	push(update: SessionUpdate): void {
		for (const listener of this.listeners) listener(update);
	}

	pushRoom(room: Partial<RoomSnapshot> & {roomId: string; events?: RawEvent[]}): RoomSnapshot {
		const events = room.events ?? [];
		const snapshot: RoomSnapshot = {
			name: room.roomId,
			membership: 'join',
			unread: 0,
			highlights: 0,
			timeline: events.map((event) => ({event, edited: false})),
			state: latestState(events.filter((event) => event.type !== 'm.room.member' && typeof event.state_key === 'string')),
			members: latestState(events.filter((event) => event.type === 'm.room.member')),
			canPaginateBack: false,
			membersLoaded: true,
			version: ++this.version,
			...room,
		};
		this.push({kind: 'rooms', rooms: [snapshot]});
		return snapshot;
	}
}

function latestState(events: RawEvent[]): RawEvent[] {
	const byKey = new Map<string, RawEvent>();
	for (const event of events) byKey.set(`${event.type}\u0000${event.state_key}`, event);
	return [...byKey.values()];
}
