/** The React bridge: hooks read the store and the actions given to AppProviders, re-render on change, and refuse to work outside. */
import React from 'react';
import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {initialAppState} from '../../src/state/app-state.js';
import {AppProviders, useAppState, useStore, useUiActions, type UiActions} from '../../src/state/hooks.js';
import {createStore} from '../../src/state/store.js';
import {waitFor} from '../support/wait.js';

afterEach(() => cleanup());

const actions: UiActions = {submit() {}, quit() {}, loadOlder() {}, loadMembers() {}, loadStateView() {}, markRead() {}, join() {}, exploreMore() {}, searchMore() {}, searchEveryRoom() {}, jumpTo() {}, openThread() {}, threadsMore() {}, threadOlder() {}, readThread() {}, answerVerification() {}, cancelTransfer() {}, loadPicture() {}};

function Notice() {
	const text = useAppState((state) => state.notice?.text ?? 'none');
	const store = useStore();
	const ui = useUiActions();
	return <Text>{`${text} ${store.getState().userId} ${ui === actions}`}</Text>;
}

describe('AppProviders and the hooks', () => {
	test('a component sees the state, the store and the actions, and is drawn again on a change', async () => {
		const store = createStore(initialAppState({userId: '@me:x'}));
		const app = render(
			<AppProviders store={store} actions={actions}>
				<Notice />
			</AppProviders>,
		);
		expect(app.lastFrame()).toBe('none @me:x true');
		store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'hello'}});
		await waitFor(() => app.lastFrame() === 'hello @me:x true', {describe: () => app.lastFrame() ?? ''});
	});

	test.each([
		['useStore', () => useStore(), 'useStore must be used inside AppProviders'],
		['useUiActions', () => useUiActions(), 'useUiActions must be used inside AppProviders'],
	])('%s outside the providers throws', (_name, hook, message) => {
		function Outside() {
			hook();
			return <Text>drawn</Text>;
		}
		const errors: unknown[] = [];
		class Boundary extends React.Component<{children: React.ReactNode}, {failed: boolean}> {
			override state = {failed: false};
			static getDerivedStateFromError() {
				return {failed: true};
			}
			override componentDidCatch(error: unknown) {
				errors.push(error);
			}
			override render() {
				return this.state.failed ? <Text>failed</Text> : this.props.children;
			}
		}
		const app = render(
			<Boundary>
				<Outside />
			</Boundary>,
		);
		expect(app.lastFrame()).toBe('failed');
		expect(errors).toEqual([new Error(message)]);
	});
});
