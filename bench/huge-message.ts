/**
 * `npm run bench:huge` (issue 13): what the terminal is sent while one huge message is on screen.
 * Per variant, a fresh demo homeserver (src/demo, in this process) and the built app (dist/, as
 * the bench runs it: session, createChat, Ink at 120×40 with cli.js's options) open the demo's
 * main room; the variant's message arrives from another user and is drawn as the newest. Then:
 * - keystroke: 30 letters and a Ctrl+U, one every 50 ms, the bytes Ink wrote ÷ the keys;
 * - newMessage: a short message arrives, the timeline shifts up and every row of it is drawn again;
 * - pageUp, pageDown: the timeline scrolled away from the end and back;
 * - firstDrawMs: from the huge message's arrival at the server to its first row on screen;
 *   newMessageMs: from the short message's arrival to its row on screen (every row drawn again).
 * Each figure is the median over BENCH_RUNS runs (3 by default). BENCH_DIST measures another build;
 * BENCH_HUGE=zwj,zalgo picks messages; BENCH_OUT=file.json keeps the figures and every run's.
 */
import {writeFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import type {Instance, RenderOptions} from 'ink';
import {TERMINAL} from './config.ts';
import {median} from './stats.ts';
import {CLEAR} from './client/keystrokes.ts';
import {appRenderOptions} from './client/render-options.ts';
import {TerminalScreen} from './client/screen.ts';
import {createSession, distUrl, sessionKindFromEnv} from './client/session-factory.ts';
import {FakeStdin, FakeStdout} from './client/terminal.ts';
import {Typist} from './client/typist.ts';
import {HUGE_MESSAGES, type HugeMessage} from './data/huge-messages.ts';

type ChatModule = typeof import('../src/chat.js');
type ServerModule = typeof import('../src/demo/server.js');
type ScenarioModule = typeof import('../src/demo/scenario.js');

const PAGE_UP = '\u001b[5~';
const PAGE_DOWN = '\u001b[6~';
const SENDER = '@alice:demo.local';
const LAST_WORDS = 'the last word here';
const KEY_INTERVAL_MS = 50;
const QUIET_MS = 400;
const TIMEOUT_MS = 20_000;
const POLL_MS = 5;

interface Figures {
	firstDrawMs: number;
	newMessageMs: number;
	keystroke: number;
	newMessage: number;
	pageUp: number;
	pageDown: number;
}

async function measure(message: HugeMessage): Promise<Figures> {
	const {startScenarioServer} = (await import(distUrl('demo/server.js').href)) as ServerModule;
	const {MAIN_ROOM_ID} = (await import(distUrl('demo/scenario.js').href)) as ScenarioModule;
	const {createChat} = (await import(distUrl('chat.js').href)) as ChatModule;
	const {render} = await import('ink');
	const appOptions = await appRenderOptions(distUrl('cli.js'));

	const server = await startScenarioServer();
	const session = await createSession(sessionKindFromEnv(), {homeserver: server.url, userId: server.userId, accessToken: server.accessToken});
	const stdout = new FakeStdout(TERMINAL.columns, TERMINAL.rows);
	const screen = new TerminalScreen(TERMINAL.columns, TERMINAL.rows);
	const write = stdout.write;
	stdout.write = (chunk, ...rest) => {
		screen.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		return write(chunk, ...rest);
	};
	const stdin = new FakeStdin();
	const chat = createChat(session, {size: {...TERMINAL}, onQuit: () => {}, initialRoom: MAIN_ROOM_ID});
	const options: RenderOptions = {
		...(appOptions.options as Partial<RenderOptions>),
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout(TERMINAL.columns, TERMINAL.rows) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: false,
		interactive: true,
	};
	const instance: Instance = render(chat.element, options);
	const typist = new Typist((key) => stdin.write(key));

	/** Resolves once the screen shows `text`; throws after TIMEOUT_MS. */
	const shows = async (text: string) => {
		const deadline = Date.now() + TIMEOUT_MS;
		for (;;) {
			await screen.settled();
			if (screen.lines().some((line) => line.includes(text))) return;
			if (Date.now() > deadline) throw new Error(`never shown: ${JSON.stringify(text)}\n${screen.lines().join('\n')}`);
			await sleep(POLL_MS);
		}
	};
	/** Resolves once Ink has written nothing for QUIET_MS. */
	const quiet = async () => {
		let seen = -1;
		while (seen !== stdout.writes.length) {
			seen = stdout.writes.length;
			await sleep(QUIET_MS);
		}
	};
	/** Bytes Ink writes for `act` and what follows it until the screen is quiet again. */
	const bytesFor = async (act: () => Promise<void>) => {
		await quiet();
		const before = stdout.bytesWritten;
		await act();
		await quiet();
		return stdout.bytesWritten - before;
	};

	try {
		void session.start();
		await shows('connected');
		const formatted = message.formatted === undefined ? {} : {format: 'org.matrix.custom.html', formatted_body: message.formatted};
		const arrived = performance.now();
		server.injectEvent(MAIN_ROOM_ID, {type: 'm.room.message', sender: SENDER, content: {msgtype: 'm.text', body: message.body, ...formatted}});
		await shows(message.shownAs);
		const firstDrawMs = performance.now() - arrived;

		const keys = [...Array.from({length: 30}, (_, index) => String.fromCharCode(97 + (index % 26))), CLEAR];
		const typed = await bytesFor(() => typist.type(keys, KEY_INTERVAL_MS));
		let newMessageMs = 0;
		const newMessage = await bytesFor(async () => {
			const sent = performance.now();
			server.injectEvent(MAIN_ROOM_ID, {type: 'm.room.message', sender: SENDER, content: {msgtype: 'm.text', body: LAST_WORDS}});
			await shows(LAST_WORDS);
			newMessageMs = performance.now() - sent;
		});
		const pageUp = await bytesFor(async () => {
			stdin.write(PAGE_UP);
			await shows('rows up');
		});
		const pageDown = await bytesFor(async () => {
			stdin.write(PAGE_DOWN);
			await sleep(QUIET_MS);
		});
		return {firstDrawMs, newMessageMs, keystroke: typed / keys.length, newMessage, pageUp, pageDown};
	} finally {
		await typist.terminate();
		chat.detach();
		session.stop();
		instance.unmount();
		await server.close();
	}
}

const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const only = process.env['BENCH_HUGE'];
const table: Record<string, Record<keyof Figures, number | null>> = {};
const everyRun: Record<string, Figures[]> = {};
for (const message of HUGE_MESSAGES.filter((candidate) => !only || only.split(',').includes(candidate.name))) {
	const all: Figures[] = [];
	for (let run = 0; run < runs; run++) all.push(await measure(message));
	const of = (key: keyof Figures) => {
		const value = median(all.map((figures) => figures[key]));
		return value === null ? null : Math.round(value);
	};
	const size = Buffer.byteLength(message.formatted ?? message.body);
	table[`${message.name} (${size} B)`] = {firstDrawMs: of('firstDrawMs'), newMessageMs: of('newMessageMs'), keystroke: of('keystroke'), newMessage: of('newMessage'), pageUp: of('pageUp'), pageDown: of('pageDown')};
	everyRun[message.name] = all;
}
const measured = process.env['BENCH_DIST'] ?? 'dist/';
console.info(`bytes written and ms to draw, median of ${runs} run(s), ${measured}`);
console.table(table);
const out = process.env['BENCH_OUT'];
if (out) writeFileSync(out, `${JSON.stringify({measured, runs, session: sessionKindFromEnv(), terminal: TERMINAL, medians: table, everyRun}, null, '\t')}\n`);
process.exit(0);
