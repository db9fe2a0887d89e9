/** matrix-tui's entry point: flags and config, then the login form or straight into the chat. */
import meow from 'meow';
import {dirname, join} from 'node:path';
import {HELP, MEOW_FLAGS, resolveCliOptions, unknownFlag, type CliOptions} from './cli-options.js';
import {openConfig, type AppConfig} from './config.js';
import type {Credentials} from './matrix/client.js';
import {lockStore, StoreLockedError} from './matrix/crypto-store/store-lock.js';
import {outboxPath} from './matrix/outbox-file.js';
import {clearSyncCache, syncCachePath} from './matrix/sync-cache.js';
import {logSdkTo} from './matrix/sdk-logger.js';
import {WorkerSession} from './matrix/worker-session.js';
import type {WorkerOptions} from './matrix/worker-messages.js';
import {keptKey, keptOrNewKey, osKeyring, outboxKeyName, storeKeyName} from './store-keys.js';
import {KeyInput} from './terminal/key-input.js';
import {createNotifier} from './terminal/notifier.js';
import {KittyImages} from './terminal/kitty-images.js';
import {pictureDrawing} from './terminal/picture-drawing.js';
import {asSyncMode} from './matrix/sync-mode.js';
import type {StoreKeyAnswer} from './ui/StoreKeyChoice.js';

// Checked before meow, whose own unknown-flag message carries no usage.
const unknown = unknownFlag(process.argv.slice(2));
if (unknown) usageError(`unknown flag ${unknown}`);

const cli = meow(HELP, {importMeta: import.meta, allowUnknownFlags: false, flags: MEOW_FLAGS});

function usageError(message: string): never {
	process.stderr.write(`matrix-tui: ${message}\n${HELP.replace(/^\t/gm, '  ')}`);
	process.exit(2);
}

async function main(): Promise<void> {
	if (cli.input.length > 0) usageError(`unexpected argument "${cli.input[0]}"`);
	const resolved = resolveCliOptions(cli.flags, process.env);
	if (!resolved.ok) usageError(resolved.error);
	const options = resolved.options;
	logSdkTo(process.env.MATRIX_TUI_LOG);
	// Stray console output (from any library) would tear the full-screen UI.
	// eslint-disable-next-line no-console -- the one place the UI thread's console is silenced
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => {};
	const config = openConfig(options.configDir);
	// The demo keeps nothing in the config directory but settings; everything else holds it alone.
	if (!options.demo) holdConfigDirectory(dirname(config.path));

	if (options.logout) return logout(config);
	// Both ends are a terminal (checked below), so the renders say interactive: true — Ink would
	// otherwise go quiet whenever CI is set in the environment and draw only at exit.
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		process.stderr.write('matrix-tui: needs an interactive terminal (stdin and stdout must be a TTY)\n');
		process.exit(1);
	}
	if (options.demo) return runDemo(options, config);
	let credentials = commandLineCredentials(options) ?? config.session();
	let prefill: {homeserver?: string; user?: string} = {homeserver: options.homeserver, user: options.user};
	let notice: string | undefined;
	for (;;) {
		// The password goes to this one session, for setting up cross-signing, and no further.
		let loginPassword: string | undefined;
		if (!credentials) {
			const login = await showLogin(prefill, config, notice);
			if (!login) return exitNow();
			({credentials, password: loginPassword} = login);
		}
		const chat = runChat(credentials, options, config, {loginPassword});
		loginPassword = undefined;
		const ended = await chat;
		if (ended === 'quit') return exitNow();
		if (typeof ended === 'object') {
			if ((await askStoreKey(ended.locked)) === 'quit') return exitNow();
			// A new device is a new login: the one whose store is lost is logged out, not left behind.
			await (await import('./matrix/login.js')).logoutToken(credentials);
			config.forgetSession();
			prefill = {homeserver: credentials.homeserver, user: credentials.userId};
			notice = 'Log in again to start a new device (with an encryption store of its own).';
			credentials = undefined;
			continue;
		}
		// The server ended the session (M_UNKNOWN_TOKEN): forget it and ask again, filled in.
		config.forgetSession();
		prefill = {homeserver: credentials.homeserver, user: credentials.userId};
		notice = 'The server ended your session (the access token is no longer valid) — log in again.';
		credentials = undefined;
	}
}

/**
 * One matrix-tui per config directory: two would send one outbox twice over and fight over one
 * crypto store. The kernel holds the lock, so a killed process leaves none behind.
 */
function holdConfigDirectory(directory: string): void {
	try {
		lockStore(directory);
	} catch (error) {
		if (!(error instanceof StoreLockedError)) throw error;
		process.stderr.write(`matrix-tui: ${error.message} — one matrix-tui per config directory (--config-dir picks another)\n`);
		process.exit(2);
	}
}

/** The SDK leaves timers behind after stopClient(): exit rather than wait ~2 minutes for them. */
function exitNow(): never {
	process.exit(0);
}

function commandLineCredentials(options: CliOptions): Credentials | undefined {
	if (!options.homeserver || !options.user || !options.accessToken) return undefined;
	return {homeserver: options.homeserver, userId: options.user, accessToken: options.accessToken};
}

async function logout(config: AppConfig): Promise<void> {
	const session = config.session();
	if (!session) {
		process.stdout.write('matrix-tui: no saved session — nothing to log out\n');
		return;
	}
	const result = await (await import('./matrix/login.js')).logoutToken(session);
	config.forgetSession();
	// What the cache kept of the account goes with the session (the outbox stays: it may hold unsent words).
	clearSyncCache(syncCachePath(join(dirname(config.path), 'cache'), session.userId, session.deviceId));
	if (result.ok || result.error.kind === 'unknown-token') process.stdout.write(`Logged out ${session.userId}; the session was removed from ${config.path}\n`);
	else process.stdout.write(`Forgot the session locally, but the server could not be told (${result.error.message}); the token may still be valid\n`);
	process.exit(0);
}

async function showLogin(prefill: {homeserver?: string; user?: string}, config: AppConfig, notice?: string): Promise<{credentials: Credentials; password: string} | undefined> {
	const last = config.lastLogin();
	const [{render}, {LoginForm}] = await Promise.all([import('ink'), import('./ui/LoginForm.js')]);
	return new Promise((resolve) => {
		const instance = render(
			<LoginForm
				initial={{homeserver: prefill.homeserver ?? last.homeserver, user: prefill.user ?? last.user}}
				notice={notice}
				onCancel={() => {
					instance.unmount();
					resolve(undefined);
				}}
				onSubmit={async (values) => {
					// matrix-js-sdk loads on this thread only now: the form is drawn without it.
					const {loginWithPassword} = await import('./matrix/login.js');
					const result = await loginWithPassword(values.homeserver, values.user, values.password);
					if (!result.ok) return result.message;
					config.saveSession(result.credentials);
					instance.unmount();
					resolve({credentials: result.credentials, password: values.password});
					return undefined;
				}}
			/>,
			{stdin: new KeyInput(process.stdin), exitOnCtrlC: false, patchConsole: false, interactive: true},
		);
	});
}

async function runDemo(options: CliOptions, config: AppConfig): Promise<void> {
	const {startScenarioServer} = await import('./demo/server.js');
	const server = await startScenarioServer({liveActivity: true});
	// The tour starts in the room that shows the proposals.
	const demoOptions = {...options, room: options.room ?? '#demo:demo.local'};
	await runChat({homeserver: server.url, userId: server.userId, accessToken: server.accessToken}, demoOptions, config, {demo: true});
	await server.close();
	exitNow();
}

/** How a chat ended; `locked`: this device's encryption store cannot be opened (why, in one line). */
type ChatEnd = 'quit' | 'logged-out' | {locked: string};

/** Runs the chat until the user quits, the server ends the session, or the crypto store will not open. */
async function runChat(credentials: Credentials, options: CliOptions, config: AppConfig, extra: {demo?: boolean; loginPassword?: string}): Promise<ChatEnd> {
	// The demo's server forgets everything when it stops: so does the demo (no outbox, no crypto store).
	if (extra.demo) return chatUntilEnd(credentials, options, config, {demo: true});
	const configDirectory = dirname(config.path);
	const keyring = osKeyring();
	const outbox = {file: outboxPath(join(configDirectory, 'outbox'), credentials.userId), key: await keptOrNewKey(config, keyring, outboxKeyName(credentials.userId))};
	const cacheFile = syncCachePath(join(configDirectory, 'cache'), credentials.userId, credentials.deviceId);
	if (options.clearCache) clearSyncCache(cacheFile);
	const cache = {file: cacheFile, eventsPerRoom: config.cacheEventsPerRoom()};
	// A device of its own is what a crypto store is for: a session given as a bare token has none
	// (its cache is sealed with the outbox's key).
	if (!credentials.deviceId) return chatUntilEnd(credentials, options, config, {outbox, cache: {...cache, key: outbox.key}});
	const storeKey = await keptKey(config, keyring, storeKeyName(credentials.userId, credentials.deviceId));
	if ('missing' in storeKey) return {locked: `This device's encryption store cannot be opened: ${storeKey.missing}`};
	return chatUntilEnd(credentials, options, config, {outbox, cache: {...cache, key: storeKey.key}, crypto: {directory: join(configDirectory, 'crypto'), storageKey: storeKey.key, expectStore: !storeKey.made}, loginPassword: extra.loginPassword});
}

async function askStoreKey(problem: string): Promise<StoreKeyAnswer> {
	const [{render}, {StoreKeyChoice}] = await Promise.all([import('ink'), import('./ui/StoreKeyChoice.js')]);
	return new Promise((resolve) => {
		const instance = render(
			<StoreKeyChoice
				problem={problem}
				onChoice={(answer) => {
					instance.unmount();
					resolve(answer);
				}}
			/>,
			{stdin: new KeyInput(process.stdin), exitOnCtrlC: false, patchConsole: false, interactive: true},
		);
	});
}

async function chatUntilEnd(credentials: Credentials, options: CliOptions, config: AppConfig, extra: {demo?: boolean; outbox?: WorkerOptions['outbox']; cache?: WorkerOptions['cache']; crypto?: WorkerOptions['crypto']; loginPassword?: string}): Promise<ChatEnd> {
	const {outbox, cache, crypto} = extra;
	const sync = asSyncMode(options.sync) ?? config.syncMode();
	const firstRoom = options.room?.startsWith('!') ? options.room : undefined;
	const session = new WorkerSession(credentials, {reasonMaxWidth: config.reasonMaxWidth(), logFile: process.env.MATRIX_TUI_LOG, outbox, cache, crypto, loginPassword: extra.loginPassword, sync, firstRoom});
	// The worker has its copy: none stays on this thread for the chat's lifetime.
	delete extra.loginPassword;
	// The session starts (its thread loads, reads the cache, asks the server) while this thread
	// loads the UI; what it says meanwhile waits for the UI to listen.
	session.holdUpdates();
	// Settles with what went wrong, if anything: said on screen once the chat is there.
	const started = session.start().then(
		() => undefined,
		(error: unknown) => (error instanceof Error ? error.message : String(error)),
	);
	const [{render}, {createChat}] = await Promise.all([import('ink'), import('./chat.js')]);
	return new Promise((resolve) => {
		let ended = false;
		const end = (how: ChatEnd) => {
			if (ended) return;
			ended = true;
			session.stop();
			instance.unmount();
			// The terminal keeps a picture until told: ours go with us.
			kitty?.freeAll();
			process.off('SIGTERM', quit);
			process.off('SIGHUP', quit);
			// What the session still writes (the local cache) is on disk before the process may exit.
			void session.stopped().then(() => resolve(how));
		};
		const quit = () => end('quit');
		session.subscribe((update) => {
			// Let the status line say why for a moment before the login form replaces the chat.
			if (update.kind === 'logged-out') setTimeout(() => end('logged-out'), 1500);
			if (update.kind === 'crypto-locked') end({locked: update.text});
		});
		const bell = config.bell();
		const images = pictureDrawing(config.images(), process.env, Boolean(process.stdout.isTTY));
		const kitty = images === 'kitty' ? new KittyImages({write: (bytes) => process.stdout.write(bytes), tmux: Boolean(process.env.TMUX)}) : undefined;
		const chat = createChat(session, {
			demo: extra.demo,
			reasonMaxWidth: config.reasonMaxWidth(),
			initialRoom: options.room,
			onQuit: quit,
			privateReceipts: config.privateReceipts(),
			images,
			kitty,
			foldedSections: config.foldedSections(),
			onFoldedSections: (sections) => config.setFoldedSections(sections),
			space: config.space(),
			onSpace: (space) => config.setSpace(space),
			onNotify: createNotifier({env: process.env, bell, write: (bytes) => process.stdout.write(bytes)}),
		});
		// 120 fps: Ink holds a frame until 1/maxFps after the last one, so a key pressed just after a
		// message was drawn waited up to 17 ms at 60 fps; a frame here costs ~5 ms, and frames are
		// drawn only when something changed (typing p95 under traffic 39 → 28 ms). Incremental
		// rendering writes only the lines that changed: a key is ~100 bytes to the terminal, not the
		// whole 7.5 KB screen (tmux, a slow SSH link).
		const instance = render(chat.element, {stdin: new KeyInput(process.stdin), exitOnCtrlC: false, patchConsole: false, interactive: true, alternateScreen: true, maxFps: 120, incrementalRendering: true});
		process.on('SIGTERM', quit);
		process.on('SIGHUP', quit);
		session.releaseUpdates();
		void started.then((problem) => {
			if (problem) chat.store.dispatch({type: 'show-notice', notice: {kind: 'error', text: `Cannot start syncing: ${problem}`}});
		});
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`matrix-tui: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
