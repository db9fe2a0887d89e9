/** What the composer can ask for, as values: parsed in one place, executed in another. */
import type {Mention} from '../domain/mentions.js';
import type {NotifyLevel} from '../domain/notify-level.js';

/** Commands that act on the selected room: they run only when one is selected, and are given it. */
export type RoomCommand =
	/** `plain`: without markdown formatting (/plain). `mentions`: members completed with Tab (mentions.ts). */
	| {name: 'send'; body: string; plain?: true; mentions?: Mention[]}
	| {name: 'me'; text: string; mentions?: Mention[]}
	| {name: 'leave'; reason?: string}
	| {name: 'delete-state'; eventType: string; stateKey: string}
	| {name: 'undelete-state'; eventType: string; stateKey: string}
	| {name: 'state-stats'}
	| {name: 'invite'; user: string}
	| {name: 'kick'; user: string; reason?: string}
	| {name: 'ban'; user: string; reason?: string}
	| {name: 'topic'; text: string}
	/** /fav and /lowpriority: the tag on, or off if the room has it already. */
	| {name: 'tag'; tag: 'favourite' | 'low-priority'}
	/** The room's notification setting, written to the account's push rules. */
	| {name: 'notify'; level: NotifyLevel}
	| {name: 'optimise-room'}
	| {name: 'retry'}
	| {name: 'discard'}
	| {name: 'edit-unsent'}
	/** Your last message into the composer, to be replaced. */
	| {name: 'edit'}
	/** What Enter sends while editing: the replacement of `eventId`. */
	| {name: 'replace'; eventId: string; body: string; emote: boolean; mentions?: Mention[]}
	/** A file from disk (the path as typed: ~ and quotes already read, ~ expanded by the matrix layer). */
	| {name: 'upload'; path: string}
	/** The nth newest media event of the room (1 = newest), to a temp file and the system's opener. */
	| {name: 'open'; n: number}
	/** The nth newest media event, saved to `path` (a file or a folder) or the default folder. */
	| {name: 'download'; n: number; path?: string}
	/** The room's threads, newest activity first, in a panel. */
	| {name: 'threads'}
	/** The nth newest thread root of the timeline (1 = newest), in the thread pane. */
	| {name: 'thread'; n: number};

/** Commands that run without a room (/join alone looks at the selected one, an invite to accept). */
export type RoomlessCommand =
	| {name: 'state'}
	| {name: 'members'}
	| {name: 'show-deleted'}
	| {name: 'spoilers'}
	| {name: 'hide-deleted'}
	| {name: 'room'; query: string}
	/** `via` and `name`: from /space's panel, the servers a space names for the room, and its name for the line after. */
	| {name: 'join'; target?: string; via?: readonly string[]; label?: string}
	/** A space's name: choose it above the room list; none: its rooms not joined, in a panel. */
	| {name: 'space'; query?: string}
	| {name: 'dm'; userId: string}
	/** The room directory: of our server or `server`, matching `term`. */
	| {name: 'explore'; term?: string; server?: string}
	/** Messages holding `term`: in the open room, or in every joined room (`all`). */
	| {name: 'search'; term: string; all: boolean}
	| {name: 'nick'; displayName: string}
	| {name: 'deactivate'; reason?: string}
	| {name: 'devices'}
	| {name: 'delete-device'; deviceId: string}
	| {name: 'verify'; userId?: string; deviceId?: string}
	| {name: 'recovery-setup'}
	/** A new recovery key in place of the account's, once confirmed. */
	| {name: 'recovery-reset'}
	/** Carries the recovery key: never kept in the input history (carriesSecret). */
	| {name: 'recovery-restore'; recoveryKey: string}
	| {name: 'help'}
	| {name: 'quit'};

export type Command = RoomCommand | RoomlessCommand;

export type ParseResult = {ok: true; command: Command} | {ok: false; error: string};

// A record, not a list: the compiler checks it names every roomless command and nothing else.
const ROOMLESS: Record<RoomlessCommand['name'], true> = {
	state: true,
	members: true,
	'show-deleted': true,
	spoilers: true,
	'hide-deleted': true,
	room: true,
	join: true,
	space: true,
	dm: true,
	explore: true,
	search: true,
	nick: true,
	deactivate: true,
	devices: true,
	'delete-device': true,
	verify: true,
	'recovery-setup': true,
	'recovery-reset': true,
	'recovery-restore': true,
	help: true,
	quit: true,
};

/** A command whose text holds a secret (a recovery key): it leaves the composer on Enter and is never remembered. */
export function carriesSecret(command: Command): boolean {
	return command.name === 'recovery-restore';
}

export function needsRoom(command: Command): command is RoomCommand {
	return !Object.hasOwn(ROOMLESS, command.name);
}
