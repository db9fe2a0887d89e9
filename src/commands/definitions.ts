/**
 * Every slash command: its usage line, what /help says of it, and how its arguments become a
 * Command. Data first, so /help, completion and the parser all read the same table.
 */
import type {NotifyLevel} from '../domain/notify-level.js';
import type {Command} from './command.js';

export interface CommandDefinition {
	name: string;
	usage: string;
	summary: string;
	/** Returns the command, or a usage error message. `rest` is everything after the name, trimmed. */
	parse(rest: string): Command | string;
}

const noArguments = (command: Command) => (rest: string) => (rest ? `takes no arguments` : command);
const NOTIFY_LEVELS: readonly NotifyLevel[] = ['all', 'mentions', 'off'];

function parseNotify(rest: string): Command | string {
	const level = NOTIFY_LEVELS.find((candidate) => candidate === rest.toLowerCase());
	return level ? {name: 'notify', level} : 'needs all, mentions or off';
}

const required = (what: string, make: (rest: string) => Command) => (rest: string) => (rest ? make(rest) : `needs ${what}`);

/** Splits "first the rest" into the first word and the rest (trimmed, maybe empty). */
export function firstWord(rest: string): [string, string] {
	const match = /^(\S+)\s*(.*)$/su.exec(rest);
	return match ? [match[1]!, match[2]!.trim()] : ['', ''];
}

function userAndReason(name: 'kick' | 'ban') {
	return (rest: string): Command | string => {
		const [user, reason] = firstWord(rest);
		if (!user) return 'needs a user';
		return reason ? {name, user, reason} : {name, user};
	};
}

function stateTarget(name: 'delete-state' | 'undelete-state') {
	return (rest: string): Command | string => {
		const [eventType, after] = firstWord(rest);
		if (!eventType) return 'needs an event type';
		const [stateKey, extra] = firstWord(after);
		if (extra) return 'takes an event type and at most one state key';
		return {name, eventType, stateKey};
	};
}

/** A full user ID: a direct chat is with someone who may share no room with you yet. */
function parseDm(rest: string): Command | string {
	if (!rest) return 'needs a user ID';
	if (!/^@[^\s:]+:\S+$/u.test(rest)) return `needs a full user ID like @name:server, not "${rest}"`;
	return {name: 'dm', userId: rest};
}

/** "/explore [term] [server]": a last word that names a server (a dot, a port, localhost) is the server. */
function explore(rest: string): Command | string {
	const words = rest.split(/\s+/u).filter(Boolean);
	const last = words.at(-1);
	const server = last !== undefined && /^(localhost|[\w-]+(\.[\w-]+)+|[\w.-]+:\d+)$/u.test(last) ? words.pop() : undefined;
	const term = words.join(' ');
	return {name: 'explore', ...(term ? {term} : {}), ...(server ? {server} : {})};
}

/** "/search [--all] <text>": the flag first; the rest, spaces and all, is the text. */
function search(rest: string): Command | string {
	const [first, after] = firstWord(rest);
	const all = first === '--all';
	const term = all ? after : rest;
	return term ? {name: 'search', term, all} : 'needs some text to look for';
}

/** "/devices" lists; "/devices delete <id>" deletes one. */
function devices(rest: string): Command | string {
	if (!rest) return {name: 'devices'};
	const [verb, after] = firstWord(rest);
	if (verb.toLowerCase() !== 'delete') return `does not know "${verb}"`;
	const [deviceId, extra] = firstWord(after);
	if (!deviceId) return 'delete needs a device ID';
	return extra ? 'delete takes one device ID' : {name: 'delete-device', deviceId};
}

/** "/verify", "/verify <device>", "/verify @user", "/verify @user <device>". */
function verify(rest: string): Command | string {
	const words = rest.split(/\s+/u).filter(Boolean);
	const userId = words[0]?.startsWith('@') ? words.shift() : undefined;
	if (userId !== undefined && !/^@[^:\s]+:\S+$/u.test(userId)) return `needs a user ID like @name:server, not "${userId}"`;
	if (words.length > 1) return 'takes at most a user and a device ID';
	const deviceId = words[0];
	return {name: 'verify', ...(userId ? {userId} : {}), ...(deviceId ? {deviceId} : {})};
}

/** "setup" sets recovery up, "reset" replaces its key; anything else is a recovery key (its groups may be spaced). */
function recovery(rest: string): Command | string {
	if (!rest) return 'needs "setup", "reset" or your recovery key';
	const verb = rest.toLowerCase();
	if (verb === 'setup') return {name: 'recovery-setup'};
	if (verb === 'reset') return {name: 'recovery-reset'};
	return {name: 'recovery-restore', recoveryKey: rest};
}

/**
 * A path as typed: in "double" or 'single' quotes (for spaces), or the rest of the line as it is.
 * Returns the path and what follows a quoted one; an unclosed quote is an error.
 */
function pathArgument(rest: string): {path: string; after: string} | string {
	const quote = rest[0];
	if (quote !== '"' && quote !== "'") return {path: rest, after: ''};
	const end = rest.indexOf(quote, 1);
	if (end === -1) return `has an unclosed ${quote === '"' ? 'double' : 'single'} quote`;
	return {path: rest.slice(1, end), after: rest.slice(end + 1).trim()};
}

function upload(rest: string): Command | string {
	if (!rest) return 'needs a file path';
	const parsed = pathArgument(rest);
	if (typeof parsed === 'string') return parsed;
	if (parsed.after) return 'takes one path (put it in quotes if it has spaces)';
	return parsed.path ? {name: 'upload', path: parsed.path} : 'needs a file path';
}

/** "", "3": which media event, counted from the newest (the "#n" on its line). */
function mediaNumber(word: string): number | string {
	if (!word) return 1;
	if (!/^[1-9]\d{0,5}$/.test(word)) return `needs a number like 1 (the newest file) or 2, not "${word}"`;
	return Number(word);
}

function open(rest: string): Command | string {
	const [word, extra] = firstWord(rest);
	if (extra) return 'takes at most one number';
	const n = mediaNumber(word);
	return typeof n === 'string' ? n : {name: 'open', n};
}

/** "/download", "/download 2", "/download 2 ~/x.png", "/download ~/Desktop" (a path alone is for the newest). */
function download(rest: string): Command | string {
	const [word, after] = firstWord(rest);
	const numbered = /^\d+$/.test(word);
	const n = mediaNumber(numbered ? word : '');
	if (typeof n === 'string') return n;
	const pathText = numbered ? after : rest;
	if (!pathText) return {name: 'download', n};
	const parsed = pathArgument(pathText);
	if (typeof parsed === 'string') return parsed;
	if (parsed.after) return 'takes a number and one path (put it in quotes if it has spaces)';
	return parsed.path ? {name: 'download', n, path: parsed.path} : {name: 'download', n};
}

/** "", "2": which thread, counted from the newest root (the "#n" on its 🧵 line). */
function thread(rest: string): Command | string {
	if (!rest) return {name: 'thread', n: 1};
	if (!/^[1-9]\d{0,5}$/.test(rest)) return `needs a number like 1 (the newest thread) or 2, not "${rest}"`;
	return {name: 'thread', n: Number(rest)};
}

export const COMMANDS: readonly CommandDefinition[] = [
	{name: 'leave', usage: '/leave [reason]', summary: 'leave this room (or decline its invite), optionally saying why', parse: (rest) => (rest ? {name: 'leave', reason: rest} : {name: 'leave'})},
	{name: 'delete-state', usage: '/delete-state <type> [state_key]', summary: 'mark a state event deleted (MSC3901)', parse: stateTarget('delete-state')},
	{name: 'undelete-state', usage: '/undelete-state <type> [state_key]', summary: 'restore a deleted state event', parse: stateTarget('undelete-state')},
	{name: 'state', usage: '/state', summary: 'show the room-state panel', parse: noArguments({name: 'state'})},
	{name: 'state-stats', usage: '/state-stats', summary: 'census of room state: live vs deleted, per type, in events and bytes', parse: noArguments({name: 'state-stats'})},
	{name: 'members', usage: '/members', summary: 'show the member list', parse: noArguments({name: 'members'})},
	{name: 'show-deleted', usage: '/show-deleted', summary: 'reveal (or hide again) deleted state and departed members', parse: noArguments({name: 'show-deleted'})},
	{name: 'spoilers', usage: '/spoilers', summary: 'reveal (or hide again) the spoilers in formatted messages', parse: noArguments({name: 'spoilers'})},
	{name: 'hide-deleted', usage: '/hide-deleted', summary: 'hide deleted state and departed members', parse: noArguments({name: 'hide-deleted'})},
	{name: 'room', usage: '/room <id|alias|name>', summary: 'switch to a room', parse: required('a room', (query) => ({name: 'room', query}))},
	{name: 'dm', usage: '/dm <@user:server>', summary: 'open your direct chat with someone (a new one is encrypted)', parse: parseDm},
	{name: 'explore', usage: '/explore [term] [server]', summary: 'the public room directory (of another server if named): ↑↓ choose, Enter joins, Esc closes', parse: explore},
	{name: 'search', usage: '/search [--all] <text>', summary: 'messages holding the text, in this room or (--all) every room; encrypted rooms: the messages loaded. Enter shows one in its room', parse: search},
	{name: 'space', usage: '/space [name|all|other]', summary: "show one space's rooms in the list (all: every room; other: those in no space); alone: the chosen space's rooms you have not joined, Enter joins", parse: (rest) => (rest ? {name: 'space', query: rest} : {name: 'space'})},
	{name: 'join', usage: '/join [id|alias]', summary: 'join a room (no argument: accept this invite)', parse: (rest) => (rest ? {name: 'join', target: rest} : {name: 'join'})},
	{name: 'invite', usage: '/invite <user>', summary: 'invite a user to this room', parse: required('a user ID', (user) => ({name: 'invite', user}))},
	{name: 'kick', usage: '/kick <user> [reason]', summary: 'remove a user from this room', parse: userAndReason('kick')},
	{name: 'ban', usage: '/ban <user> [reason]', summary: 'ban a user from this room', parse: userAndReason('ban')},
	{name: 'topic', usage: '/topic <text>', summary: "set this room's topic", parse: required('a topic', (text) => ({name: 'topic', text}))},
	{name: 'fav', usage: '/fav', summary: 'list this room under Favourites (again: take it off)', parse: noArguments({name: 'tag', tag: 'favourite'})},
	{name: 'lowpriority', usage: '/lowpriority', summary: 'list this room under Low priority (again: take it off)', parse: noArguments({name: 'tag', tag: 'low-priority'})},
	{name: 'notify', usage: '/notify all|mentions|off', summary: "this room's notifications, kept in your account's push rules", parse: parseNotify},
	{name: 'nick', usage: '/nick <name>', summary: 'set your display name', parse: required('a name', (displayName) => ({name: 'nick', displayName}))},
	{name: 'me', usage: '/me <text>', summary: 'send an emote', parse: required('some text', (text) => ({name: 'me', text}))},
	{name: 'plain', usage: '/plain <text>', summary: 'send text as typed, without markdown formatting', parse: required('some text', (body) => ({name: 'send', body, plain: true}))},
	{name: 'retry', usage: '/retry', summary: 'send again the messages of this room the server refused ("not sent")', parse: noArguments({name: 'retry'})},
	{name: 'edit', usage: '/edit', summary: 'your last message here into the composer: Enter sends it edited, Esc cancels', parse: noArguments({name: 'edit'})},
	{name: 'edit-unsent', usage: '/edit-unsent', summary: 'take the newest message not sent back into the composer, to edit it', parse: noArguments({name: 'edit-unsent'})},
	{name: 'discard', usage: '/discard', summary: 'drop the newest message not sent', parse: noArguments({name: 'discard'})},
	{name: 'optimise-room', usage: '/optimise-room', summary: 'MSC3901 Optimise Room: a new room with only the live state, members invited; asks first', parse: noArguments({name: 'optimise-room'})},
	{name: 'deactivate', usage: '/deactivate [reason]', summary: 'deactivate your account, leaving every room labelled (MSC3759); asks twice', parse: (rest) => (rest ? {name: 'deactivate', reason: rest} : {name: 'deactivate'})},
	{name: 'devices', usage: '/devices [delete <id>]', summary: 'list your devices (verified or not); delete another one (asks your password)', parse: devices},
	{name: 'verify', usage: '/verify [@user] [device]', summary: 'verify another of your devices, or a user, by comparing emoji', parse: verify},
	{name: 'recovery', usage: '/recovery setup|reset|<key>', summary: 'setup: back up your keys under a recovery key (shown once); reset: replace that key (asks first); <key>: verify this device, restore the backup', parse: recovery},
	{name: 'upload', usage: '/upload <path>', summary: 'send a file (encrypted in an encrypted room); quotes for spaces, ~ for home; Esc cancels', parse: upload},
	{name: 'open', usage: '/open [n]', summary: 'open the nth newest file of this room (its #n; 1 = newest) with the system opener', parse: open},
	{name: 'download', usage: '/download [n] [path]', summary: 'save the nth newest file (default: ~/Downloads, else here); never overwrites', parse: download},
	{name: 'threads', usage: '/threads', summary: "this room's threads, newest activity first: ↑↓ choose, Enter opens, Esc closes", parse: noArguments({name: 'threads'})},
	{name: 'thread', usage: '/thread [n]', summary: 'open the nth newest thread (its 🧵 #n; 1 = newest): what you type there replies in it, Esc closes', parse: thread},
	{name: 'help', usage: '/help', summary: 'list commands and keys', parse: noArguments({name: 'help'})},
	{name: 'quit', usage: '/quit', summary: 'quit matrix-tui', parse: noArguments({name: 'quit'})},
];

export function findCommand(name: string): CommandDefinition | undefined {
	return COMMANDS.find((command) => command.name === name);
}
