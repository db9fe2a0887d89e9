/** The composer's text and cursor, and the pure edits keys make to it. */
import {graphemes} from '../domain/graphemes.js';

export interface ComposerState {
	text: string;
	/** Cursor position in UTF-16 units, always on a grapheme boundary. */
	cursor: number;
}

export type ComposerEdit =
	| {type: 'insert'; text: string}
	| {type: 'backspace'}
	| {type: 'delete'}
	| {type: 'left'}
	| {type: 'right'}
	/** To the start or end of the cursor's line. */
	| {type: 'home'}
	| {type: 'end'}
	/** To a position found on the screen (↑/↓ between rows): a grapheme boundary. */
	| {type: 'move'; cursor: number}
	| {type: 'delete-word-back'}
	| {type: 'clear'};

export function editComposer(state: ComposerState, edit: ComposerEdit): ComposerState {
	const {text, cursor} = state;
	switch (edit.type) {
		case 'insert': {
			// A terminal's paste ends its lines in \r (tmux, most terminals), a file's in \n or \r\n: all become \n.
			const inserted = edit.text.replace(/\r\n?/g, '\n');
			return {text: text.slice(0, cursor) + inserted + text.slice(cursor), cursor: cursor + inserted.length};
		}
		case 'backspace': {
			const start = previousBoundary(text, cursor);
			return {text: text.slice(0, start) + text.slice(cursor), cursor: start};
		}
		case 'delete': {
			const end = nextBoundary(text, cursor);
			return {text: text.slice(0, cursor) + text.slice(end), cursor};
		}
		case 'left':
			return {text, cursor: previousBoundary(text, cursor)};
		case 'right':
			return {text, cursor: nextBoundary(text, cursor)};
		case 'home':
			return {text, cursor: cursor === 0 ? 0 : text.lastIndexOf('\n', cursor - 1) + 1};
		case 'end': {
			const lineEnd = text.indexOf('\n', cursor);
			return {text, cursor: lineEnd === -1 ? text.length : lineEnd};
		}
		case 'move':
			return {text, cursor: Math.max(0, Math.min(edit.cursor, text.length))};
		case 'delete-word-back': {
			const before = text.slice(0, cursor).replace(/\S+\s*$/u, '');
			return {text: before + text.slice(cursor), cursor: before.length};
		}
		case 'clear':
			return {text: '', cursor: 0};
	}
}

function previousBoundary(text: string, cursor: number): number {
	let last = 0;
	for (const {index} of graphemes(text)) {
		if (index >= cursor) break;
		last = index;
	}
	return last;
}

function nextBoundary(text: string, cursor: number): number {
	for (const {index, segment} of graphemes(text)) {
		if (index >= cursor) return index + segment.length;
	}
	return text.length;
}
