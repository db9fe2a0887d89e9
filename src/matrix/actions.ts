/**
 * What each MatrixAction does, as a table from action type to a small handler that answers the
 * action's own result type (protocol.ts ActionValues). Most are one SDK call; those with steps
 * of their own live in their own modules (members-fetch.ts, deactivate-account.ts, recovery.ts).
 */
import {EventType, Method, MsgType, PushRuleKind, type MatrixClient, type Room, type StateEvents} from 'matrix-js-sdk';
import {asObject} from '../domain/events.js';
import {stateCensus} from '../domain/state-census.js';
import {deactivateAccount} from './deactivate-account.js';
import {deleteDevice, listDevices} from './devices.js';
import {messageText} from '../domain/markdown.js';
import {editMentions, mentionsField, type Mention} from '../domain/mentions.js';
import {notifyRuleChange} from '../domain/notify-level.js';
import {openDirectChat} from './direct-chat.js';
import type {HistoryLoader} from './history-loader.js';
import {fetchMembers} from './members-fetch.js';
import {downloadMedia} from './media-download.js';
import {uploadFile} from './media-upload.js';
import {loadPicture} from './picture-loader.js';
import type {Transfers} from './transfers.js';
import type {OutboxSender} from './outbox-sender.js';
import type {ActionType, ActionValues, MatrixAction} from './protocol.js';
import {restoreWithRecoveryKey, setUpRecovery} from './recovery.js';
import {joinRoom, setRoomTag} from './room-placement.js';
import {publicRoomsPage} from '../domain/public-rooms.js';
import {eventContext, searchMessages} from './message-search.js';
import {threadRelation, type ThreadTarget} from '../domain/threads.js';
import {fetchThreadList, fetchThreadPage, sendThreadReceipt} from './threads-fetch.js';
import {hierarchyPage} from '../domain/space-hierarchy.js';

import type {RoomTracker} from './room-tracker.js';
import type {Verifications} from './verification.js';
import type {SecretStorageKey} from './secret-storage-key.js';

/** Rooms per directory page: a screenful or two; the next comes as the user scrolls to the end. */
const DIRECTORY_PAGE = 50;

/** What handlers reach of the running session. */
export interface ActionContext {
	readonly client: MatrixClient;
	readonly userId: string;
	/** Where typed messages go: sent in order, kept on disk, until a sync confirms them. */
	readonly outbox: OutboxSender;
	/** The room we are in, or a throw. */
	room(roomId: string): Room;
	tracker(roomId: string): RoomTracker;
	/** Reads older events into rooms' held timelines (gaps, scrollback). */
	readonly history: HistoryLoader;
	/** The room's next update is due (sent within a frame). */
	changed(roomId: string): void;
	/** Member lists and state views with or without their deleted rows (the UI's /show-deleted). */
	showDeleted(value: boolean): void;
	/** The SAS verification under way, if any (verification.ts). */
	readonly verifications: Verifications;
	/** Where the SDK gets the recovery key while a /recovery step holds it. */
	readonly secretStorageKey: SecretStorageKey;
	/** Room keys came in bulk (a restored backup): what we hold undecrypted gets another try. */
	retryUndecryptable(): void;
	/** The one file upload or download under way (its progress, Esc's cancel). */
	readonly transfers: Transfers;
	/** Resolves once the first sync is in: rooms' membership and encryption are known. */
	firstSync(): Promise<void>;
	/** The room on screen changed (sliding sync subscribes to it). */
	onScreen(roomId: string | undefined): void;
	/** The state panel opens: all of the room's state, where the sync did not bring it (a big room on sliding sync). */
	wholeState(roomId: string): Promise<void>;
}

type ActionOf<Type extends ActionType> = Extract<MatrixAction, {type: Type}>;
/** A handler with nothing to wait for may answer at once. */
type Handler<Type extends ActionType> = (action: ActionOf<Type>, context: ActionContext) => ActionValues[Type] | Promise<ActionValues[Type]>;

/** How long the server shows us typing unless told again (the app says it again well before: state/typing-notices.ts). */
const TYPING_TIMEOUT_MS = 30_000;

const handlers: {[Type in ActionType]: Handler<Type>} = {
	'send-text': ({roomId, body, plain, mentions = [], thread}, {outbox}) => ({txnId: outbox.add(roomId, EventType.RoomMessage, {msgtype: MsgType.Text, ...textContent(body, mentions, plain === true), ...inThread(thread)})}),
	'send-emote': ({roomId, body, mentions = [], thread}, {outbox}) => ({txnId: outbox.add(roomId, EventType.RoomMessage, {msgtype: MsgType.Emote, ...textContent(body, mentions, false), ...inThread(thread)})}),
	'send-edit': ({roomId, eventId, body, emote, mentions = []}, context) =>
		({txnId: context.outbox.add(roomId, EventType.RoomMessage, replacement(eventId, body, emote, mentions, originalContent(context, roomId, eventId)))}),
	'retry-unsent': ({roomId}, {outbox}) => outbox.retry(roomId),
	'newest-unsent'({roomId}, {outbox}) {
		const entry = outbox.newestRefused(roomId);
		return entry && {txnId: entry.txnId, eventType: entry.eventType, content: entry.content};
	},
	'drop-unsent': ({txnId}, {outbox}) => outbox.drop(txnId) !== undefined,
	async leave({roomId, reason}, {client}) {
		// The SDK's leave() cannot carry a reason; the endpoint can (leave-reasons proposal).
		await client.http.authedRequest(Method.Post, `/rooms/${encodeURIComponent(roomId)}/leave`, undefined, reason ? {reason} : {});
		return undefined;
	},
	join: ({roomIdOrAlias, via}, {client}) => joinRoom(client, roomIdOrAlias, via),
	'open-dm': ({userId}, {client}) => openDirectChat(client, userId),
	async invite({roomId, userId}, {client}) {
		await client.invite(roomId, userId);
		return undefined;
	},
	async kick({roomId, userId, reason}, {client}) {
		await client.kick(roomId, userId, reason);
		return undefined;
	},
	async ban({roomId, userId, reason}, {client}) {
		await client.ban(roomId, userId, reason);
		return undefined;
	},
	async 'set-topic'({roomId, topic}, {client}) {
		await client.setRoomTopic(roomId, topic);
		return undefined;
	},
	async 'set-room-tag'({roomId, tag, on}, {client}) {
		await setRoomTag(client, roomId, tag, on);
		return undefined;
	},
	async 'public-rooms'({term, server, since}, {client}) {
		const body = {limit: DIRECTORY_PAGE, ...(since ? {since} : {}), ...(term ? {filter: {generic_search_term: term}} : {})};
		return publicRoomsPage(await client.http.authedRequest(Method.Post, '/publicRooms', server ? {server} : undefined, body));
	},
	'search-messages': ({term, roomIds, next}, {client}) => searchMessages(client, term, roomIds, next),
	'event-context': ({roomId, eventId}, {client}) => eventContext(client, roomId, eventId),
	'thread-list': ({roomId, from}, context) => fetchThreadList(context.client, context.room(roomId).roomId, from),
	'thread-page': ({roomId, rootId, from}, context) => fetchThreadPage(context.client, context.room(roomId).roomId, rootId, from),
	async 'read-thread'({roomId, rootId, eventId, private: privately}, context) {
		await sendThreadReceipt(context.client, context.room(roomId).roomId, rootId, eventId, privately);
		return undefined;
	},
	'space-hierarchy': async ({spaceId, from}, {client}) => hierarchyPage(await client.getRoomHierarchy(spaceId, DIRECTORY_PAGE, undefined, false, from)),
	async 'set-display-name'({name}, {client}) {
		await client.setDisplayName(name);
		return undefined;
	},
	'get-state': async ({roomId, eventType, stateKey}, {client}) => asObject(await client.getStateEvent(roomId, eventType, stateKey)),
	async 'put-state'({roomId, eventType, stateKey, content}, {client}) {
		// Custom state types are not in the SDK's map of state events.
		await client.sendStateEvent(roomId, eventType as keyof StateEvents, content, stateKey);
		return undefined;
	},
	async 'paginate-back'({roomId, gap}, context) {
		await context.history.pageBack(context.room(roomId).roomId, gap);
		return undefined;
	},
	'view-timeline'({roomId, atEnd}, context) {
		context.history.view(roomId, atEnd);
		context.onScreen(roomId);
		return undefined;
	},
	async 'load-members'({roomId}, context) {
		const room = context.room(roomId);
		try {
			await fetchMembers(context.client, room.roomId, context.tracker(room.roomId).memberFetch, () => context.changed(room.roomId));
		} finally {
			// Done or failed: the whole list goes out (after a head, it waits for this).
			context.changed(room.roomId);
		}
		return undefined;
	},
	async 'load-state-view'({roomId}, context) {
		context.tracker(context.room(roomId).roomId).wantStateView();
		context.changed(roomId);
		await context.wholeState(roomId);
		return undefined;
	},
	'set-show-deleted'({value}, context) {
		context.showDeleted(value);
		return undefined;
	},
	async 'mark-read'({roomId, private: privately}, context) {
		const last = context.room(roomId).getLiveTimeline().getEvents().at(-1);
		const lastId = last?.getId();
		// The read marker (m.fully_read) moves with the receipt, as in Element; a private receipt is seen by no one else.
		if (last && lastId) await context.client.setRoomReadMarkers(roomId, lastId, privately ? undefined : last, privately ? last : undefined);
		return undefined;
	},
	async typing({roomId, typing}, {client}) {
		await client.sendTyping(roomId, typing, TYPING_TIMEOUT_MS);
		return undefined;
	},
	async 'set-notify-level'({roomId, level}, context) {
		const change = notifyRuleChange(roomId, level);
		const {conditions, ...rest} = change.put;
		// One rule per room: the other kind goes, whether it was there or not.
		await context.client.deletePushRule('global', kindOf(change.remove), roomId).catch(ignoreNotFound);
		await context.client.addPushRule('global', kindOf(change.put.kind), roomId, {...rest, ...(conditions ? {conditions} : {})} as Parameters<MatrixClient['addPushRule']>[3]);
		// The SDK's copy of the rules follows with the next sync; the room's meta says the new level now.
		context.client.pushRules = await context.client.getPushRules();
		context.changed(roomId);
		return undefined;
	},
	// The server's own copy, whole: we keep members cut down, and only the ones we fetched.
	'state-census': async ({roomId}, {client}) => stateCensus(await client.roomState(roomId)),
	// Plain JSON from the server, so it crosses the worker boundary as it is.
	'room-state': ({roomId}, {client}) => client.roomState(roomId),
	'upgrade-room': async ({roomId, newVersion}, {client}) => (await client.upgradeRoom(roomId, newVersion)).replacement_room,
	'deactivate-account': ({password}, {client, userId}) => deactivateAccount(client, userId, password),
	'list-devices': (_action, {client}) => listDevices(client),
	'delete-device': ({deviceId, password}, {client}) => deleteDevice(client, deviceId, password),
	async verify({userId, deviceId}, {verifications}) {
		await verifications.start({...(userId ? {userId} : {}), ...(deviceId ? {deviceId} : {})});
		return undefined;
	},
	async 'answer-verification'({id, answer}, {verifications}) {
		await verifications.answer(id, answer);
		return undefined;
	},
	'set-up-recovery': ({password, replace}, {client, secretStorageKey}) => setUpRecovery(client, secretStorageKey, {password, replace: replace === true}),
	async 'restore-recovery'({recoveryKey}, context) {
		const result = await restoreWithRecoveryKey(context.client, context.secretStorageKey, recoveryKey);
		if (result.kind === 'restored') context.retryUndecryptable();
		return result;
	},
	'upload-file': ({roomId, path, thread}, context) => uploadFile(roomId, path, context, inThread(thread)),
	'download-media': ({eventType, content, target}, {client, transfers}) => downloadMedia(client, transfers, {eventType, content, target}),
	'cancel-transfer': (_action, {transfers}) => transfers.cancel(),
	'load-picture': ({eventType, content, maxCols, maxRows, pixels}, {client}) => loadPicture(client, {eventType, content, maxCols, maxRows, pixels}),
};

export async function runAction<Type extends ActionType>(action: ActionOf<Type>, context: ActionContext): Promise<ActionValues[Type]> {
	const handler: Handler<Type> = handlers[action.type];
	return handler(action, context);
}

/**
 * A message's text and its m.mentions, which every message carries (empty: it mentions nobody),
 * as the spec asks, so that no client guesses mentions from the body.
 */
function textContent(body: string, mentions: readonly Mention[], plain: boolean) {
	return {...(plain ? {body} : messageText(body, mentions)), 'm.mentions': mentionsField(body, mentions)};
}

/** A message in a thread carries its relation (the outbox sends it, encrypted in an encrypted room, like any other). */
function inThread(thread: ThreadTarget | undefined) {
	return thread ? {'m.relates_to': threadRelation(thread)} : {};
}

/** The content of the message an edit replaces, if the room holds it: whom it mentioned already. */
function originalContent(context: ActionContext, roomId: string, eventId: string): Record<string, unknown> | undefined {
	try {
		return context.room(roomId).findEventById(eventId)?.getContent();
	} catch {
		return undefined;
	}
}

/** An edit as the spec has it: the new content under m.new_content, and a body with "* " for clients that do not apply edits. */
function replacement(eventId: string, body: string, emote: boolean, mentions: readonly Mention[], original: Record<string, unknown> | undefined) {
	const msgtype = emote ? MsgType.Emote : MsgType.Text;
	// The new text formatted as a new message would be; the fallback for clients without edits starred.
	const newContent = {msgtype, ...textContent(body, mentions, false)};
	const fallback = newContent.formatted_body === undefined ? {} : {format: newContent.format, formatted_body: `* ${newContent.formatted_body}`};
	return {
		msgtype,
		body: `* ${body}`,
		...fallback,
		// Only the people the original did not mention yet are notified of the edit.
		'm.mentions': editMentions(newContent['m.mentions'], original),
		'm.new_content': newContent,
		'm.relates_to': {rel_type: 'm.replace', event_id: eventId},
	};
}

function kindOf(kind: 'override' | 'room'): PushRuleKind {
	return kind === 'override' ? PushRuleKind.Override : PushRuleKind.RoomSpecific;
}

/** Deleting a rule that is not there is no failure: the room simply had none of that kind. */
function ignoreNotFound(error: unknown): void {
	if ((error as {httpStatus?: number}).httpStatus !== 404) throw error;
}
