/**
 * /deactivate [reason]: MSC3759 done by the client, since no homeserver sends the flag. Asks twice
 * (type your user ID), leaves every joined room with our own leave carrying both flags, then asks
 * for the password the interactive-auth step needs and deactivates. Rooms that could not be left
 * are named, and nothing is deactivated until the user confirms once more.
 */
import {deactivationLeaveContent} from '../domain/deactivation.js';
import {sanitizeInline} from '../domain/sanitize.js';
import type {ActionError} from '../matrix/protocol.js';
import type {AppState} from '../state/app-state.js';
import {nextPromptId, type Prompt} from '../state/prompt.js';
import {fail, ok, promptGone, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type DeactivatePrompt = Extract<Prompt, {flow: 'deactivate'}>;
type Step = DeactivatePrompt['step'];

export function startDeactivation(reason: string | undefined, context: CommandContext): Outcome {
	const rooms = joinedRooms(context.store.getState()).length;
	const base = {id: nextPromptId(), ...(reason ? {reason} : {})};
	// Instructions first: a narrow status line cuts the end.
	ask(context, base, 'confirm', `Deactivate your account for good? Type your user ID to confirm (1 of 2, Esc cancels) — you leave ${plural(rooms, 'room')}, marked deactivated`);
	return ok();
}

export async function answerDeactivation(prompt: DeactivatePrompt, answer: string, context: CommandContext): Promise<Outcome> {
	const {userId} = context.session;
	const isMe = answer.trim() === userId;
	switch (prompt.step) {
		case 'confirm':
			if (!isMe) return refuse(prompt, context);
			ask(context, prompt, 'confirm-again', 'Type your user ID once more (2 of 2, Esc cancels) — then every room is left and your password asked');
			return ok();
		case 'confirm-again':
			return isMe ? leaveRooms(prompt, context) : refuse(prompt, context);
		case 'after-failure':
			if (!isMe) return refuse(prompt, context);
			askPassword(context, prompt);
			return ok();
		case 'password':
			return deactivate(prompt, answer, context);
		case 'working':
			return ok();
	}
}

/** A wrong answer ends the flow. The answer is not echoed: it may be a password typed too early. */
function refuse(prompt: DeactivatePrompt, context: CommandContext): Outcome {
	context.store.dispatch({type: 'close-prompt', id: prompt.id});
	return fail(`Not deactivated: that is not your user ID (${context.session.userId}) — your account is still active`);
}

async function leaveRooms(prompt: DeactivatePrompt, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	const rooms = joinedRooms(store.getState());
	ask(context, prompt, 'working', 'Leaving your rooms… Esc stops after the current one');
	const failed: string[] = [];
	for (const [index, room] of rooms.entries()) {
		if (promptGone(prompt, context)) return fail(`Deactivation stopped after ${index} of ${plural(rooms.length, 'room')} — your account is still active`);
		store.dispatch({type: 'show-notice', notice: {kind: 'info', text: `Leaving rooms ${index + 1}/${rooms.length}… (${room.name})`}});
		const content = deactivationLeaveContent(prompt.reason);
		const result = await session.perform({type: 'put-state', roomId: room.roomId, eventType: 'm.room.member', stateKey: session.userId, content});
		if (!result.ok) failed.push(`${room.name} (${shortReason(result.error)})`);
	}
	if (promptGone(prompt, context)) return fail(`Deactivation stopped: rooms left, but your account is still active`);
	if (failed.length > 0) {
		ask(context, prompt, 'after-failure', `Type your user ID to deactivate anyway (Esc cancels) — could not leave ${failed.length} of ${plural(rooms.length, 'room')}: ${failed.join(', ')}`);
		return ok();
	}
	askPassword(context, prompt, rooms.length > 0 ? `left ${plural(rooms.length, 'room')}` : undefined);
	return ok();
}

async function deactivate(prompt: DeactivatePrompt, password: string, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	ask(context, prompt, 'working', 'Deactivating your account…');
	store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'Deactivating your account…'}});
	const result = await session.perform({type: 'deactivate-account', password});
	if (result.ok) {
		store.dispatch({type: 'close-prompt', id: prompt.id});
		return ok(`Account ${session.userId} deactivated — the homeserver ends this session`);
	}
	const line = describeError(result.error, {userId: session.userId, what: 'deactivate the account'});
	if (promptGone(prompt, context) || result.error.kind === 'unknown-token') {
		store.dispatch({type: 'close-prompt', id: prompt.id});
		return fail(line);
	}
	// A wrong password (or a network blip) is worth another try without starting over.
	askPassword(context, prompt, line);
	return ok();
}

function askPassword(context: CommandContext, prompt: DeactivatePrompt, lead?: string): void {
	const question = `Your password to deactivate ${context.session.userId} (hidden, Esc cancels)`;
	ask(context, prompt, 'password', lead ? `${question} — ${lead}` : question);
}

function ask(context: CommandContext, base: Pick<DeactivatePrompt, 'id' | 'reason'>, step: Step, text: string): void {
	const secret = step === 'password';
	const placeholder = secret ? 'password (hidden)' : step === 'working' ? 'working… (Esc stops)' : 'type your user ID';
	const prompt: DeactivatePrompt = {flow: 'deactivate', step, id: base.id, text, placeholder, secret, ...(base.reason ? {reason: base.reason} : {})};
	context.store.dispatch({type: 'open-prompt', prompt});
}

function joinedRooms(state: AppState): Array<{roomId: string; name: string}> {
	return [...state.rooms.values()].filter((room) => room.membership === 'join').map((room) => ({roomId: room.roomId, name: sanitizeInline(room.name) || room.roomId}));
}

function shortReason(error: ActionError): string {
	switch (error.kind) {
		case 'forbidden':
			return 'not allowed';
		case 'not-found':
			return 'not found';
		case 'rate-limited':
			return 'rate-limited';
		case 'network':
			return 'homeserver unreachable';
		case 'unknown-token':
			return 'session ended';
		default:
			return sanitizeInline(error.message).slice(0, 60) || 'failed';
	}
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
