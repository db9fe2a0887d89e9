/** The prompt in the store: what opening, answering and cancelling one do to the composer and history. */
import {describe, expect, test} from 'vitest';
import {initialAppState, type AppState} from '../../src/state/app-state.js';
import type {Prompt} from '../../src/state/prompt.js';
import {reduce} from '../../src/state/reducer.js';

const password: Prompt = {flow: 'deactivate', step: 'password', id: 7, text: 'Password?', placeholder: 'password (hidden)', secret: true};

function withPrompt(): AppState {
	let state = initialAppState({userId: '@me:example.org'});
	state = {...state, selectedRoomId: '!r:x', history: new Map([['!r:x', ['hello']]])};
	state = reduce(state, {type: 'set-composer', composer: {text: 'draft', cursor: 5}});
	state = reduce(state, {type: 'show-notice', notice: {kind: 'info', text: 'old'}});
	return reduce(state, {type: 'open-prompt', prompt: password});
}

describe('prompts', () => {
	test('opening one empties the composer for the answer and clears the status line', () => {
		const state = withPrompt();
		expect(state.prompt).toBe(password);
		expect(state.composer).toEqual({text: '', cursor: 0});
		expect(state.notice).toBeUndefined();
	});

	test('while open: no input history (↑ would park the answer in the draft), no completion, nothing remembered', () => {
		let state = reduce(withPrompt(), {type: 'set-composer', composer: {text: 's3cret', cursor: 6}});
		expect(reduce(state, {type: 'history-step', delta: -1})).toBe(state);
		expect(reduce(state, {type: 'complete', sources: {commands: ['leave'], members: [{userId: '@s3:x', name: 's3cretive'}], aliases: []}})).toBe(state);
		state = reduce(state, {type: 'remember-input', roomId: '!r:x', text: 's3cret'});
		expect(state.history.get('!r:x')).toEqual(['hello']);
	});

	test('Esc cancels: the prompt and what was typed into it go, the notice says so', () => {
		let state = reduce(withPrompt(), {type: 'set-composer', composer: {text: 's3cret', cursor: 6}});
		state = reduce(state, {type: 'cancel-prompt'});
		expect(state.prompt).toBeUndefined();
		expect(state.composer.text).toBe('');
		expect(state.notice).toEqual({kind: 'info', text: 'Deactivation cancelled — your account is still active'});
		expect(JSON.stringify({...state, rooms: [], history: [...state.history]})).not.toContain('s3cret');
	});

	test('close-prompt only closes the flow that asks', () => {
		const state = withPrompt();
		expect(reduce(state, {type: 'close-prompt', id: 8})).toBe(state);
		expect(reduce(state, {type: 'close-prompt', id: 7}).prompt).toBeUndefined();
	});
});
