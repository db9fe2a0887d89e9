/** The store: listeners hear of real changes only, once per batch, and can leave. */
import {describe, expect, test} from 'vitest';
import {initialAppState} from '../../src/state/app-state.js';
import {createStore} from '../../src/state/store.js';

const setUp = () => {
	const store = createStore(initialAppState({userId: '@me:example.org'}));
	const heard: string[] = [];
	const unsubscribe = store.subscribe(() => heard.push(store.getState().notice?.text ?? '-'));
	return {store, heard, unsubscribe};
};
const notice = (text: string) => ({type: 'show-notice', notice: {kind: 'info', text}}) as const;

describe('createStore', () => {
	test('starts from the given state; each change is heard once, with the new state in place', () => {
		const initial = initialAppState({userId: '@me:example.org'});
		const store = createStore(initial);
		expect(store.getState()).toBe(initial);
		const heard: string[] = [];
		store.subscribe(() => heard.push(store.getState().notice?.text ?? '-'));
		store.dispatch(notice('one'));
		store.dispatch(notice('two'));
		expect(heard).toEqual(['one', 'two']);
	});

	test('an action that changes nothing is not heard', () => {
		const {store, heard} = setUp();
		store.dispatch({type: 'clear-notice'});
		expect(heard).toEqual([]);
	});

	test('a batch is heard once, at its end, with the last state; nested batches at the outer end', () => {
		const {store, heard} = setUp();
		store.batch(() => {
			store.dispatch(notice('one'));
			store.batch(() => store.dispatch(notice('two')));
			expect(heard).toEqual([]);
			store.dispatch(notice('three'));
		});
		expect(heard).toEqual(['three']);
		store.dispatch(notice('four'));
		expect(heard).toEqual(['three', 'four']);
	});

	test('a batch that changes nothing is not heard, even after one that did', () => {
		const {store, heard} = setUp();
		store.batch(() => store.dispatch({type: 'clear-notice'}));
		expect(heard).toEqual([]);
		store.batch(() => store.dispatch(notice('one')));
		store.dispatch({type: 'clear-notice'});
		store.batch(() => store.dispatch({type: 'clear-notice'}));
		expect(heard).toEqual(['one', '-']);
	});

	test('a batch that throws still ends: what it changed is heard and later dispatches are heard at once', () => {
		const {store, heard} = setUp();
		expect(() =>
			store.batch(() => {
				store.dispatch(notice('one'));
				throw new Error('boom');
			}),
		).toThrow('boom');
		expect(heard).toEqual(['one']);
		store.dispatch(notice('two'));
		expect(heard).toEqual(['one', 'two']);
	});

	test('every listener hears; one that unsubscribed does not', () => {
		const {store, heard, unsubscribe} = setUp();
		const other: number[] = [];
		store.subscribe(() => other.push(1));
		store.dispatch(notice('one'));
		unsubscribe();
		store.dispatch(notice('two'));
		expect(heard).toEqual(['one']);
		expect(other).toEqual([1, 1]);
	});
});
