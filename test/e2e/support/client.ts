/**
 * The real app against the real Synapse: createChat over an SdkSession, rendered by
 * ink-testing-library into a virtual terminal of a fixed size, read back as plain text.
 *
 *   const me = await startClient(alice, {columns: 160, rows: 40});
 *   await me.waitForText('Bob: hello');
 *   await me.submit('/leave see you');
 *
 * Every client started here is stopped (unmounted, session stopped) by stopClients(), which each
 * e2e file calls in afterEach.
 */
import {render} from 'ink-testing-library';
import {createChat, type Chat} from '../../../src/chat.js';
import {SdkSession} from '../../../src/matrix/sdk-session.js';
import {asSyncMode, type SyncMode} from '../../../src/matrix/sync-mode.js';
import {homeserverUrl, type RegisteredUser} from './homeserver.js';
import type {CryptoOptions} from '../../../src/matrix/session-crypto.js';
import {plain, waitFor} from './screen-text.js';

export interface ClientOptions {
	columns?: number;
	rows?: number;
	reasonMaxWidth?: number;
	initialRoom?: string;
	/** The base URL to talk to instead of the test homeserver's (a fault proxy in front of it). */
	homeserver?: string;
	/** The persistent crypto store to decrypt with (none: encrypted rooms stay unreadable). */
	crypto?: CryptoOptions;
	/** The password of the login that made this device, as the login form hands it on (cross-signing). */
	loginPassword?: string;
	/** Wait until the status bar says "connected" (default true). */
	waitConnected?: boolean;
	/** This sync path rather than the suite's (E2E_SYNC). */
	sync?: SyncMode;
	/** Sliding sync: rooms of up to this many members get all their state in their subscription. */
	wholeStateUpTo?: number;
}

export interface TestClient {
	readonly user: RegisteredUser;
	readonly session: SdkSession;
	readonly chat: Chat;
	/** The last frame as plain text (SGR colour codes removed). */
	screen(): string;
	/** Every frame drawn so far, oldest first, as plain text: what the user could have seen. */
	frames(): string[];
	/** Writes raw input, as a terminal would send it; wait for what it should show with waitForScreen. */
	type(text: string): void;
	/** Types `text`, then Enter. */
	submit(text: string): void;
	/** Polls the screen until `predicate` holds; returns that screen, or throws showing the last one. */
	waitForScreen(predicate: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	/** waitForScreen for a piece of text (or a pattern) anywhere on the screen. */
	waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
	quitCalls(): number;
	stop(): void;
}

const running = new Set<TestClient>();

/** E2E_SYNC=auto|classic|sliding runs the suite on that sync path (unset: the default, auto). */
function syncMode(): SyncMode | undefined {
	return asSyncMode(process.env['E2E_SYNC']);
}

export async function startClient(user: RegisteredUser, options: ClientOptions = {}): Promise<TestClient> {
	const session = new SdkSession({homeserver: options.homeserver ?? homeserverUrl(), userId: user.userId, accessToken: user.accessToken, deviceId: user.deviceId}, {reasonMaxWidth: options.reasonMaxWidth, crypto: options.crypto, loginPassword: options.loginPassword, sync: options.sync ?? syncMode(), wholeStateUpTo: options.wholeStateUpTo, firstRoom: options.initialRoom?.startsWith('!') ? options.initialRoom : undefined});
	let quitCalls = 0;
	const chat = createChat(session, {
		size: {columns: options.columns ?? 160, rows: options.rows ?? 40},
		reasonMaxWidth: options.reasonMaxWidth,
		initialRoom: options.initialRoom,
		onQuit: () => quitCalls++,
	});
	const rendered = render(chat.element);
	let stopped = false;
	const screen = () => plain(rendered.lastFrame());
	const client: TestClient = {
		user,
		session,
		chat,
		screen,
		frames: () => rendered.frames.map(plain),
		type(text) {
			rendered.stdin.write(text);
		},
		submit(text) {
			rendered.stdin.write(text);
			rendered.stdin.write('\r');
		},
		waitForScreen: (predicate, what, timeoutMs = 15_000) => waitFor(screen, predicate, what, timeoutMs),
		waitForText: (text, timeoutMs) =>
			client.waitForScreen((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), `the screen to show ${String(text)}`, timeoutMs),
		quitCalls: () => quitCalls,
		stop() {
			if (stopped) return;
			stopped = true;
			running.delete(client);
			chat.detach();
			session.stop();
			rendered.unmount();
			rendered.cleanup();
		},
	};
	running.add(client);
	await session.start();
	if (options.waitConnected ?? true) await client.waitForScreen(isConnected, 'the status bar to say "connected"', 20_000);
	return client;
}

/** Stops every client still running: call it in afterEach. */
export function stopClients(): void {
	for (const client of [...running]) client.stop();
}

/** The status bar (the screen's last line) says connected — not "disconnected — retrying". */
export function isConnected(screen: string): boolean {
	return /(^|\s)connected\s/.test(statusLine(screen));
}

export function statusLine(screen: string): string {
	return screen.split('\n').at(-1) ?? '';
}

/** The composer line (second from the bottom). */
export function composerLine(screen: string): string {
	return screen.split('\n').at(-2) ?? '';
}
