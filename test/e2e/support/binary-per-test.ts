/**
 * For tests that run the real binary behind the fault proxy: a fresh proxy per test (proxyPerTest),
 * and every binary and config directory the test made, cleaned up after it.
 */
import {expect} from 'vitest';
import {configWithSession, removeConfig, startBinary} from './binary.js';
import type {FaultProxy} from './fault-proxy.js';
import type {RegisteredUser} from './homeserver.js';
import {proxyPerTest} from './outbox-chat.js';
import type {TmuxTerminal} from './tmux.js';

export interface BinaryTest {
	/** This test's proxy. */
	proxy(): FaultProxy;
	/** A config directory holding `user`'s session on the proxy. */
	configFor(user: RegisteredUser): Promise<string>;
	/** The binary in `roomId` with these flags, once the screen is `ready`. */
	launch(configDir: string, roomId: string, ready: (screen: string) => boolean, what: string, args?: string[]): Promise<TmuxTerminal>;
}

export function binaryPerTest(): BinaryTest {
	let proxy: FaultProxy | undefined;
	const terminals: TmuxTerminal[] = [];
	const configDirs: string[] = [];
	proxyPerTest(
		(started) => (proxy = started),
		async () => {
			for (const terminal of terminals.splice(0)) await terminal.kill();
			for (const directory of configDirs.splice(0)) await removeConfig(directory);
		},
	);
	return {
		proxy: () => proxy!,
		async configFor(user) {
			const directory = await configWithSession(user, proxy!.url);
			configDirs.push(directory);
			return directory;
		},
		async launch(configDir, roomId, ready, what, args = []) {
			const app = await startBinary(configDir, {room: roomId, args});
			terminals.push(app);
			await app.waitForScreen(ready, what, 30_000);
			return app;
		},
	};
}

/** /quit, and the program's exit code is 0. */
export async function quitBinary(app: TmuxTerminal): Promise<void> {
	await app.type('/quit');
	await app.waitForText('> /quit');
	await app.press('Enter');
	expect(await app.waitForExit()).toBe(0);
}

/** Types `text` into the composer and sends it. */
export async function sendFromBinary(app: TmuxTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitForText(`> ${text}`);
	await app.press('Enter');
}
