/**
 * Enter in the composer: parse, clear the composer, run the command, report. On any failure the
 * typed text comes back, so nothing the user wrote is ever lost — but a recovery key, which is
 * neither remembered nor given back. While a prompt is open (a
 * confirmation, a password), Enter answers it instead, and the answer never comes back.
 */
import type {Editing} from '../state/app-state.js';
import type {Prompt} from '../state/prompt.js';
import {isWorking} from '../state/prompt.js';
import type {Mention} from '../domain/mentions.js';
import {carriesSecret, type Command} from './command.js';
import type {CommandContext, Outcome} from './command-context.js';
import {executeCommand} from './execute.js';
import {answerFlow} from './flows.js';
import {parseInput} from './parse.js';

export async function submitComposer(context: CommandContext): Promise<void> {
	const {store} = context;
	const text = store.getState().composer.text;
	if (!text.trim()) return;
	const prompt = store.getState().prompt;
	if (prompt) return answerPrompt(prompt, text, context);
	const editing = store.getState().editing;
	if (editing) return sendEdit(editing, text, context);
	const parsed = parseInput(text);
	if (!parsed.ok) {
		store.dispatch({type: 'show-notice', notice: {kind: 'error', text: parsed.error}});
		return;
	}
	const mentions = store.getState().mentionPicks;
	const command = withMentions(parsed.command, mentions);
	const secret = carriesSecret(command);
	const roomId = store.getState().selectedRoomId;
	if (roomId && !secret) store.dispatch({type: 'remember-input', roomId, text});
	store.dispatch({type: 'set-composer', composer: {text: '', cursor: 0}});
	store.dispatch({type: 'clear-notice'});
	const outcome = await guarded(() => executeCommand(command, context));
	// A secret, like a prompt's answer, does not come back: it is typed (or pasted) again.
	if (report(outcome, context) || secret) return;
	// Give the text back (with its mentions) unless the user has already started typing something new.
	if (!store.getState().composer.text) store.dispatch({type: 'set-composer', composer: {text, cursor: text.length}, mentions});
}

/** A command not typed (a panel's Enter): run, and its outcome shown, like a typed one. */
export async function runCommand(command: Command, context: CommandContext): Promise<void> {
	report(await guarded(() => executeCommand(command, context)), context);
}

/** The outcome of a step taken outside the composer (the next directory page), on the status line. */
export async function reportOutcome(run: () => Promise<Outcome>, context: CommandContext): Promise<void> {
	report(await guarded(run), context);
}

async function answerPrompt(prompt: Prompt, answer: string, context: CommandContext): Promise<void> {
	const {store} = context;
	if (isWorking(prompt)) {
		store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'Still working — Esc stops after the current step'}});
		return;
	}
	// The answer leaves the store before anything else happens: a password must not outlive Enter.
	store.dispatch({type: 'set-composer', composer: {text: '', cursor: 0}});
	store.dispatch({type: 'clear-notice'});
	const outcome = await guarded(() => answerFlow(prompt, answer, context));
	// Whatever went wrong, a flow that threw must not leave its prompt stuck open.
	if (!outcome.ok && store.getState().prompt?.id === prompt.id && isWorking(store.getState().prompt!)) store.dispatch({type: 'close-prompt', id: prompt.id});
	report(outcome, context);
}

/** While editing, the text is the message's new text as it stands: a leading "/" is part of it, not a command. */
async function sendEdit(editing: Editing, text: string, context: CommandContext): Promise<void> {
	const {store} = context;
	const mentions = store.getState().mentionPicks;
	store.dispatch({type: 'end-edit'});
	store.dispatch({type: 'clear-notice'});
	const outcome = await guarded(() => executeCommand({name: 'replace', eventId: editing.eventId, body: text.trim(), emote: editing.emote, ...(mentions.length > 0 ? {mentions: [...mentions]} : {})}, context));
	// Not sent: the edit comes back as it was, unless the user has started something else meanwhile.
	if (!report(outcome, context) && !store.getState().composer.text && store.getState().selectedRoomId === editing.roomId) store.dispatch({type: 'start-edit', editing, text, mentions});
}

/** A message carries the members Tab completed into it; other commands have no use for them. */
function withMentions(command: Command, mentions: readonly Mention[]): Command {
	if (mentions.length === 0) return command;
	if (command.name === 'send' || command.name === 'me') return {...command, mentions: [...mentions]};
	return command;
}

async function guarded(run: () => Promise<Outcome> | Outcome): Promise<Outcome> {
	try {
		return await run();
	} catch (error) {
		return {ok: false, error: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`};
	}
}

/** Shows the outcome on the status line; true when it succeeded. */
function report(outcome: Outcome, context: CommandContext): boolean {
	const {store} = context;
	if (outcome.ok) {
		if (outcome.info) store.dispatch({type: 'show-notice', notice: {kind: 'info', text: outcome.info}});
		return true;
	}
	store.dispatch({type: 'show-notice', notice: {kind: 'error', text: outcome.error}});
	return false;
}
