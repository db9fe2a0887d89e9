/**
 * Enter in the composer: parse, clear the composer, run the command, report. On any failure the
 * typed text comes back, so nothing the user wrote is ever lost.
 */
import type {CommandContext} from './execute.js';
import {executeCommand} from './execute.js';
import {parseInput} from './parse.js';

export async function submitComposer(context: CommandContext): Promise<void> {
	const {store} = context;
	const text = store.getState().composer.text;
	if (!text.trim()) return;
	const parsed = parseInput(text);
	if (!parsed.ok) {
		store.dispatch({type: 'show-notice', notice: {kind: 'error', text: parsed.error}});
		return;
	}
	const roomId = store.getState().selectedRoomId;
	if (roomId) store.dispatch({type: 'remember-input', roomId, text});
	store.dispatch({type: 'set-composer', composer: {text: '', cursor: 0}});
	store.dispatch({type: 'clear-notice'});
	let outcome;
	try {
		outcome = await executeCommand(parsed.command, context);
	} catch (error) {
		outcome = {ok: false as const, error: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`};
	}
	if (outcome.ok) {
		if (outcome.info) store.dispatch({type: 'show-notice', notice: {kind: 'info', text: outcome.info}});
		return;
	}
	// Give the text back unless the user has already started typing something new.
	if (!store.getState().composer.text) store.dispatch({type: 'set-composer', composer: {text, cursor: text.length}});
	store.dispatch({type: 'show-notice', notice: {kind: 'error', text: outcome.error}});
}
