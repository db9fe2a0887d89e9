/**
 * Typing notifications from the composer. While the user types a message (not a command, not an
 * answer to a prompt) in a room they are in, the server is told, and told again after 20 s of
 * more typing; it is told they stopped when the composer empties (sent or cleared) or they move
 * to another room. The server ends a notification by itself after 30 s (matrix/actions.ts): one
 * never told "stopped" (a crash) does not stay.
 */
import {selectedRoom} from './selectors.js';
import type {Store} from './store.js';

export type SendTyping = (roomId: string, typing: boolean) => void;

/** Told again while typing goes on, before the server's 30 s are up. */
const AGAIN_AFTER_MS = 20_000;

/** Follows the store; returns the unsubscribe. */
export function followTyping(store: Pick<Store, 'getState' | 'subscribe'>, send: SendTyping, now: () => number = Date.now): () => void {
	let typingIn: string | undefined;
	let toldAt = 0;
	let lastText = '';
	const check = () => {
		const state = store.getState();
		const text = state.composer.text;
		const changed = text !== lastText;
		lastText = text;
		const room = selectedRoom(state);
		const typing = room?.membership === 'join' && state.prompt === undefined && isMessage(text) ? room.roomId : undefined;
		if (typingIn !== undefined && typingIn !== typing) {
			send(typingIn, false);
			typingIn = undefined;
		}
		if (typing === undefined || !changed) return;
		if (typingIn === typing && now() - toldAt < AGAIN_AFTER_MS) return;
		typingIn = typing;
		toldAt = now();
		send(typing, true);
	};
	return store.subscribe(check);
}

/** Text that Enter would send as a message: not blank, not a command (`//` sends a slash). */
function isMessage(text: string): boolean {
	return text.trim() !== '' && (!text.startsWith('/') || text.startsWith('//'));
}
