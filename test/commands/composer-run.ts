/**
 * Commands driven the way the app drives them: text in the composer, Enter (submitComposer), a
 * FakeSession answering the matrix actions and a real store. Only public entry points, so these
 * tests read the same whatever shape the commands layer takes inside.
 */
import {submitComposer} from '../../src/commands/submit.js';
import type {MatrixAction, ResultOf} from '../../src/matrix/protocol.js';
import {initialAppState} from '../../src/state/app-state.js';
import {createStore} from '../../src/state/store.js';
import {FakeSession} from '../support/fake-session.js';

export const ME = '@me:example.org';

/** A FakeSession that lets a test act while an action is in flight (Esc in the middle of a flow…). */
class WatchedSession extends FakeSession {
	onPerform: ((action: MatrixAction) => void) | undefined;
	override async perform<Action extends MatrixAction>(action: Action): Promise<ResultOf<Action>> {
		this.onPerform?.(action);
		return super.perform(action);
	}
}

export function setUp(userId = ME) {
	const session = new WatchedSession(userId);
	const store = createStore(initialAppState({userId}));
	session.subscribe((update) => store.dispatch({type: 'session-update', update}));
	let quits = 0;
	const context = {session, store, quit: () => quits++};
	return {
		session,
		store,
		quits: () => quits,
		/** Types `text` into the composer and presses Enter; resolves once the command is done. */
		async enter(text: string): Promise<void> {
			store.dispatch({type: 'set-composer', composer: {text, cursor: text.length}});
			await submitComposer(context);
		},
		notice: () => store.getState().notice,
		composer: () => store.getState().composer.text,
		/** The actions sent, without the read-only ones a test does not care about. */
		sent: (type?: MatrixAction['type']) => session.actions.filter((action) => type === undefined || action.type === type),
	};
}

export const info = (text: string) => ({kind: 'info', text}) as const;
export const error = (text: string) => ({kind: 'error', text}) as const;
