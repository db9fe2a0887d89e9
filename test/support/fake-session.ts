/**
 * A MatrixSession for component tests: records every action and answers with scripted results;
 * the test pushes room snapshots as the real session would.
 */
import {isRoomSetting, type RawEvent} from '../../src/domain/events.js';
import {buildMemberList} from '../../src/domain/member-list.js';
import {buildStateView} from '../../src/domain/state-view.js';
import type {ActionResult, LocalEcho, MatrixAction, MatrixSession, ResultOf, RoomUpdate, SessionUpdate} from '../../src/matrix/protocol.js';

export class FakeSession implements MatrixSession {
	readonly actions: MatrixAction[] = [];
	/** What the app reported it shows (view-timeline), apart: it follows scrolling, not commands. */
	readonly views: Array<Extract<MatrixAction, {type: 'view-timeline'}>> = [];
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

	/** The next action matching `match` gets `result` (once); any other action succeeds with no value. */
	answer(match: (action: MatrixAction) => boolean, result: ActionResult): void {
		this.answers.push({match, result});
	}

	async perform<Action extends MatrixAction>(action: Action): Promise<ResultOf<Action>> {
		if (action.type === 'view-timeline') {
			this.views.push(action);
			return {ok: true} as ResultOf<Action>;
		}
		this.actions.push(action);
		const index = this.answers.findIndex((answer) => answer.match(action));
		// A scripted answer is the test's word for what this action returns.
		if (index === -1) return defaultAnswer(action) as ResultOf<Action>;
		const [answer] = this.answers.splice(index, 1);
		return answer!.result as ResultOf<Action>;
	}

	push(update: SessionUpdate): void {
		for (const listener of this.listeners) listener(update);
	}

	/**
	 * Sends a whole room, as the real session does on first sight: events, state, the member events
	 * (as upserts, the only kind the real tracker sends) and the sorted member list built by the same
	 * domain rule the matrix layer uses.
	 */
	pushRoom(room: Partial<RoomUpdate['meta']> & {roomId: string; events?: RawEvent[]; pending?: LocalEcho[]; reasonMaxWidth?: number}): RoomUpdate {
		const events = room.events ?? [];
		const state = latestState(events.filter((event) => event.type !== 'm.room.member' && typeof event.state_key === 'string'));
		const members = latestState(events.filter((event) => event.type === 'm.room.member'));
		const powerLevels = state.find((event) => event.type === 'm.room.power_levels')?.content;
		const update: RoomUpdate = {
			roomId: room.roomId,
			version: ++this.version,
			meta: {
				name: room.name ?? room.roomId,
				membership: room.membership ?? 'join',
				unread: room.unread ?? 0,
				highlights: room.highlights ?? 0,
				inviter: room.inviter,
				canPaginateBack: room.canPaginateBack ?? false,
				membersLoaded: room.membersLoaded ?? true,
				...(room.direct === undefined ? {} : {direct: room.direct}),
				...(room.tags === undefined ? {} : {tags: room.tags}),
				...(room.space === undefined ? {} : {space: room.space}),
			},
			events: {mode: 'replace', events},
			pending: room.pending ?? [],
			// As the matrix layer sends them: the settings as events, all other state as view rows.
			state: state.filter(isRoomSetting),
			stateView: buildStateView(state, {showDeleted: true}),
			members,
			memberList: buildMemberList(members, powerLevels, {showDeleted: true, reasonMaxWidth: room.reasonMaxWidth}),
		};
		this.push({kind: 'rooms', rooms: [update]});
		return update;
	}
}

function latestState(events: RawEvent[]): RawEvent[] {
	const byKey = new Map<string, RawEvent>();
	for (const event of events) byKey.set(`${event.type}\u0000${event.state_key}`, event);
	return [...byKey.values()];
}

/** Unscripted, an action succeeds; those whose value says what happened answer as a session with no files would. */
function defaultAnswer(action: MatrixAction): ActionResult {
	switch (action.type) {
		case 'upload-file':
		case 'download-media':
			return {ok: true, value: {kind: 'refused', why: 'the fake session holds no files'}};
		case 'cancel-transfer':
			return {ok: true, value: false};
		case 'load-picture':
			return {ok: true, value: {kind: 'none'}};
		default:
			return {ok: true};
	}
}
