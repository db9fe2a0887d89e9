/** The whole app's state as plain data, and the named actions that change it. */
import type {DeviceInfo, OutboxStatus, SessionUpdate, SyncStatus, TransferView, VerificationView} from '../matrix/protocol.js';
import type {RoomSnapshot} from './room-snapshot.js';
import type {StateCensus} from '../domain/state-census.js';
import type {Completion, CompletionSources} from './completion.js';
import type {Mention} from '../domain/mentions.js';
import type {ComposerState} from './composer-state.js';
import type {HistoryCursor} from './history.js';
import type {Prompt} from './prompt.js';
import type {DirectoryView} from './directory.js';
import type {SearchPage} from '../domain/message-search.js';
import type {PageAsked, SearchView} from './search.js';
import type {JumpView} from './jump.js';
import type {ThreadAction, ThreadListView, ThreadView} from './threads.js';
import type {RoomListView} from './room-list-view.js';
import type {RoomSection} from './room-order.js';
import type {PictureDrawing, PictureEntry} from './pictures.js';
import type {SpaceChoice} from './space-choice.js';

export type SidePanel = 'members' | 'state' | 'stats';
export type Focus = 'composer' | 'rooms' | 'timeline' | 'side';
export const FOCUS_ORDER: readonly Focus[] = ['composer', 'rooms', 'timeline', 'side'];
export type Notice = {kind: 'error' | 'info'; text: string};

/** Which message an edit replaces, and in which room (switching rooms drops the edit). */
export interface Editing {
	roomId: string;
	eventId: string;
	emote: boolean;
}

export interface AppState {
	userId: string;
	demo: boolean;
	sync: {status: SyncStatus; error?: string};
	/** Messages typed and not stored by the server yet, and those it refused. */
	outbox: OutboxStatus;
	rooms: ReadonlyMap<string, RoomSnapshot>;
	selectedRoomId?: string;
	/** The room pane's typed filter and folded sections (room-list-view.ts). */
	roomList: RoomListView;
	/** A room asked for on the command line (ID, alias or name) that has not been seen yet. */
	requestedRoom?: string;
	sidePanel: SidePanel;
	showDeleted: boolean;
	/** Spoilers in formatted messages are drawn (/spoilers); hidden by default. */
	revealSpoilers: boolean;
	notice?: Notice;
	helpOpen: boolean;
	/** Timeline lines scrolled up from the newest line; 0 follows new messages. */
	timelineScroll: number;
	sideScroll: number;
	reasonMaxWidth: number;
	composer: ComposerState;
	focus: Focus;
	/** What was sent in each room, oldest first, for ↑/↓. */
	history: ReadonlyMap<string, readonly string[]>;
	historyCursor?: HistoryCursor;
	/** Set while Tab is cycling through candidates; any other edit ends it. */
	completion?: Completion;
	/** Members Tab completed into the composer's text: sent as mentions if still there (mentions.ts). */
	mentionPicks: readonly Mention[];
	/** The last /state-stats answer. */
	census?: {roomId: string; census: StateCensus};
	/** The Ctrl+K room switcher, when open. */
	switcher?: {query: string; index: number};
	loggedOut?: string;
	/** The message /edit took into the composer: Enter sends the composer's text as its replacement, Esc drops it. */
	editing?: Editing;
	/** A confirmation or password the composer is asking for (/deactivate, /optimise-room). */
	prompt?: Prompt;
	/**
	 * The recovery key /recovery setup just made, while its panel is open: shown once, in memory
	 * only, and gone when the panel closes (never a notice, history or the timeline).
	 */
	recoveryKey?: string;
	/** Users seen validly deactivating (MSC3759): left out of completion, their direct chats marked. */
	deactivatedUsers: ReadonlySet<string>;
	/** /devices: our account's devices, while the panel is open. */
	devices?: readonly DeviceInfo[];
	/** /explore: the room directory, while its panel is open. */
	directory?: DirectoryView;
	/** /search: the results pane, while it is open. */
	search?: SearchView;
	/** A /search result shown in its context, in place of its room's live timeline. */
	jump?: JumpView;
	/** /threads: the room's threads, while their panel is open. */
	threadList?: ThreadListView;
	/** The thread open in place of the timeline: the composer replies in it. */
	thread?: ThreadView;
	/** Per thread root, the newest reply's timestamp the user has seen (in memory only). */
	threadsSeen: ReadonlyMap<string, number>;
	/** The SAS verification under way (its panel takes the keys), until it is done or fails. */
	verification?: VerificationView;
	/** Users whose identity we verified through cross-signing: marked in the member list. */
	verifiedUsers: ReadonlySet<string>;
	/** The file upload or download under way: the status bar's progress bar, and Esc cancels it. */
	transfer?: TransferView;
	/** How image events are drawn (the `images` setting, for this terminal): kitty's graphics, half-block cells, or their line only (off). */
	images: PictureDrawing;
	/** The pictures the matrix layer answered, by event ID (pictures.ts). */
	pictures: ReadonlyMap<string, PictureEntry>;
}

export type AppAction =
	| {type: 'session-update'; update: SessionUpdate}
	| {type: 'select-room'; roomId: string}
	| {type: 'select-relative-room'; delta: number}
	/** Typed in the room pane: narrows the list to the rooms whose name holds it. */
	| {type: 'set-room-filter'; filter: string}
	/** ← / →: fold or unfold the selected room's section. */
	| {type: 'fold-section'; fold: boolean}
	/** The selector above the room list: a space (space-choice.ts) chosen by `/space <name>`, or stepped through by its keys. */
	| {type: 'choose-space'; choice: SpaceChoice}
	| {type: 'cycle-space'; delta: number}
	/** Enter in the room pane: open the room the filter shows (room-list-view.ts), back to the composer. */
	| {type: 'open-listed-room'}
	| {type: 'request-room'; query: string}
	| {type: 'set-side-panel'; panel: SidePanel}
	| {type: 'set-show-deleted'; value: boolean}
	| {type: 'set-reveal-spoilers'; value: boolean}
	| {type: 'show-notice'; notice: Notice}
	| {type: 'clear-notice'}
	| {type: 'set-help-open'; open: boolean}
	| {type: 'scroll-timeline'; delta: number}
	| {type: 'scroll-side'; delta: number}
	/** `mentions`: the composer's mentions with it (text given back); else kept, or dropped when it empties. */
	| {type: 'set-composer'; composer: ComposerState; mentions?: readonly Mention[]}
	| {type: 'set-focus'; focus: Focus}
	| {type: 'cycle-focus'; delta: 1 | -1}
	| {type: 'remember-input'; roomId: string; text: string}
	/** /edit: the message's text into the composer, to replace it. */
	| {type: 'start-edit'; editing: Editing; text: string; mentions?: readonly Mention[]}
	/** The edit is sent (the composer emptied with it) or, with `cancelled`, dropped by Esc. */
	| {type: 'end-edit'; cancelled?: boolean}
	| {type: 'history-step'; delta: 1 | -1}
	| {type: 'complete'; sources: CompletionSources}
	| {type: 'set-census'; roomId: string; census: StateCensus}
	| {type: 'open-switcher'}
	| {type: 'switcher-query'; query: string}
	| {type: 'switcher-move'; delta: number}
	| {type: 'close-switcher'}
	/** Opens a prompt (or moves its flow to the next step): the composer is emptied for the answer. */
	| {type: 'open-prompt'; prompt: Prompt}
	/** The flow with this id is done; a newer prompt stays. */
	| {type: 'close-prompt'; id: number}
	/** Esc: the prompt goes, with whatever was typed into it. */
	| {type: 'cancel-prompt'}
	/** Opens (or refreshes) the /devices panel. */
	| {type: 'show-devices'; devices: readonly DeviceInfo[]}
	| {type: 'close-devices'}
	/** /explore's answer (a new list), or the next page of it (`append`). */
	| {type: 'show-directory'; page: Omit<DirectoryView, 'index'>; append?: boolean}
	/** A next page asked for, or (false) its request failed. */
	| {type: 'directory-loading'; loading: boolean}
	| {type: 'directory-move'; delta: number}
	| {type: 'close-directory'}
	| {type: 'show-search'; view: SearchView}
	/** The server's next page for the search with this term. */
	| {type: 'search-page'; asked: PageAsked; page: SearchPage}
	| {type: 'search-loading'; loading: boolean}
	| {type: 'search-move'; delta: number}
	| {type: 'close-search'}
	| {type: 'show-jump'; jump: JumpView}
	/** Back to the live timeline. */
	| {type: 'close-jump'}
	| {type: 'show-recovery-key'; recoveryKey: string}
	| {type: 'close-recovery-key'}
	/** The matrix layer's answer for an image event's picture. */
	| {type: 'set-picture'; eventId: string; entry: PictureEntry}
	| ThreadAction;

export function initialAppState(options: {userId: string; demo?: boolean; reasonMaxWidth?: number; initialRoom?: string; foldedSections?: readonly RoomSection[]; images?: PictureDrawing; space?: SpaceChoice}): AppState {
	return {
		userId: options.userId,
		demo: options.demo ?? false,
		sync: {status: 'connecting'},
		outbox: {waiting: 0, notSent: 0},
		rooms: new Map(),
		requestedRoom: options.initialRoom,
		roomList: {filter: '', folded: new Set(options.foldedSections), ...(options.space === undefined ? {} : {space: options.space})},
		sidePanel: 'members',
		showDeleted: false,
		revealSpoilers: false,
		helpOpen: false,
		timelineScroll: 0,
		sideScroll: 0,
		reasonMaxWidth: options.reasonMaxWidth ?? 80,
		composer: {text: '', cursor: 0},
		mentionPicks: [],
		focus: 'composer',
		history: new Map(),
		deactivatedUsers: new Set(),
		verifiedUsers: new Set(),
		images: options.images ?? 'cells',
		pictures: new Map(),
		threadsSeen: new Map(),
	};
}
