import {appendFromOthers} from './incoming.js';
import type {Session} from './model/session.js';
import type {DemoStore} from './model/store.js';

const LINES: ReadonlyArray<readonly [speaker: 'alice' | 'bob', body: string]> = [
	['alice', 'Anyone around? The demo is live.'],
	['bob', 'Here! Scrolling back through the history now.'],
	['alice', 'Try leaving with a reason — it shows up for everyone.'],
	['bob', 'The deleted poll is hidden, nice.'],
	['alice', 'And the forged deactivation on the kick shows no label, as it should.'],
	['bob', 'Mallory could not retitle my terminal this time 😄'],
];

/**
 * `--demo` feels alive: alice and bob take turns posting into `roomId` every `intervalMs`, skipping
 * anyone who has left. Returns the stop function; the timer never keeps the process alive.
 */
export function startLiveActivity(store: DemoStore, session: Session, roomId: string, intervalMs = 8000): () => void {
	const domain = session.userId.slice(session.userId.indexOf(':') + 1);
	let turn = 0;
	const timer = setInterval(() => {
		const [speaker, body] = LINES[turn++ % LINES.length]!;
		const sender = `@${speaker}:${domain}`;
		if (store.rooms.get(roomId)?.membership(sender) !== 'join') return;
		appendFromOthers(store, session, roomId, {type: 'm.room.message', sender, content: {msgtype: 'm.text', body}});
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
