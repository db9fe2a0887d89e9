/**
 * The whole client in-process — SdkSession (the real matrix-js-sdk over HTTP), store, commands,
 * Ink screen — against a fresh scenario server, for the integration tests.
 */
import {cleanup, render} from 'ink-testing-library';
import {createChat, type Chat} from '../../src/chat.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {SdkSession} from '../../src/matrix/sdk-session.js';
import {plain} from './screen.js';
import {waitFor} from './wait.js';

export interface ScenarioApp {
	server: ScenarioServer;
	session: SdkSession;
	chat: Chat;
	/** Function properties, not methods: tests pass them around (`describe: app.screen`). */
	screen: () => string;
	/** The status bar: the screen's last line. */
	status: () => string;
	/** Types keys; a test then waits for what they should show. */
	type: (text: string) => void;
	/** Types `text`, then Enter. */
	submit: (text: string) => void;
}

const running: Array<{server: ScenarioServer; session: SdkSession}> = [];

/** Starts a server and the client on it, opens `room`, and waits until connected and `ready` shows. */
export async function openScenarioApp(options: {room?: string; ready?: string; columns?: number; rows?: number} = {}): Promise<ScenarioApp> {
	const server = await startScenarioServer();
	const session = new SdkSession({homeserver: server.url, userId: server.userId, accessToken: server.accessToken});
	running.push({server, session});
	const chat = createChat(session, {size: {columns: options.columns ?? 150, rows: options.rows ?? 45}, initialRoom: options.room ?? '#demo:demo.local', onQuit: () => {}});
	const rendered = render(chat.element);
	void session.start();
	const screen = () => plain(rendered.lastFrame());
	const ready = options.ready ?? 'Dave deactivated their account';
	await waitFor(() => screen().includes('connected') && screen().includes(ready), {describe: screen});
	return {
		server,
		session,
		chat,
		screen,
		status: () => screen().split('\n').at(-1) ?? '',
		type(text) {
			rendered.stdin.write(text);
		},
		submit(text) {
			rendered.stdin.write(text);
			rendered.stdin.write('\r');
		},
	};
}

export async function closeScenarioApps(): Promise<void> {
	cleanup();
	for (const {server, session} of running.splice(0)) {
		session.stop();
		await server.close();
	}
}
