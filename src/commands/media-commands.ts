/**
 * /upload, /open and /download: the file work is the matrix layer's (media-upload.ts,
 * media-download.ts); here the nth media event is found in what the timeline shows, and each
 * outcome becomes one line.
 */
import {contentOf} from '../domain/events.js';
import {formatSize} from '../domain/media.js';
import {nthMedia} from '../domain/media-numbers.js';
import {sanitizeInline} from '../domain/sanitize.js';
import type {DownloadTarget} from '../matrix/protocol.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import type {RoomCommand} from './command.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';
import {openThreadTarget} from './thread-commands.js';

export async function uploadCommand(command: Extract<RoomCommand, {name: 'upload'}>, room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	// With the thread pane open, the file goes in the thread, as a message typed there would.
	const thread = openThreadTarget(context.store.getState(), room);
	const result = await context.session.perform({type: 'upload-file', roomId: room.roomId, path: command.path, ...(thread ? {thread} : {})});
	if (!result.ok) return fail(describeError(result.error, {room, userId: context.session.userId, what: 'upload the file', power: {kind: 'message', eventType: 'm.room.message'}}));
	const outcome = result.value;
	if (outcome.kind === 'cancelled') return ok('upload cancelled');
	if (outcome.kind === 'refused') return fail(sanitizeInline(outcome.why));
	return ok(`Uploaded ${sanitizeInline(outcome.name)} (${formatSize(outcome.size)})`);
}

export async function downloadCommand(command: Extract<RoomCommand, {name: 'open' | 'download'}>, room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	const event = nthMedia(room.events, command.n);
	if (!event) return fail(command.n === 1 ? 'No file in this room yet (that the timeline holds — PgUp loads older ones)' : `No file #${command.n} in this room — the files are numbered on their lines, #1 the newest`);
	const target: DownloadTarget = command.name === 'open' ? {kind: 'open'} : command.path === undefined ? {kind: 'save'} : {kind: 'save', path: command.path};
	const result = await context.session.perform({type: 'download-media', roomId: room.roomId, eventType: event.type, content: contentOf(event), target});
	if (!result.ok) return fail(describeError(result.error, {room, userId: context.session.userId, what: 'download the file', notFound: 'The server no longer has that file'}));
	const outcome = result.value;
	if (outcome.kind === 'cancelled') return ok('download cancelled');
	if (outcome.kind === 'refused') return fail(sanitizeInline(outcome.why));
	const path = sanitizeInline(outcome.path);
	if (outcome.opened === 'no-opener') return ok(`No program to open files with (xdg-open or open): the file is at ${path}`);
	return ok(outcome.opened === 'opened' ? `Opened ${path}` : `Saved ${path}`);
}
