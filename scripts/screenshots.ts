/**
 * `npm run screenshots`: pictures of real screens. Runs the built client with --demo in a detached
 * tmux pane (140×40, TERM=xterm-256color, TZ=UTC, a fresh config dir, the clock pinned), drives it
 * with keystrokes, waits for each screen by polling its text, captures it with colours and writes
 * screenshots/*.svg — plus screenshots/demo.png from main.svg when rsvg-convert is installed.
 *
 * Needs a build first (`npm run screenshots` does it) and tmux.
 */
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {ansiToSvg} from './screenshots/ansi-to-svg.ts';
import {TmuxScreen} from './screenshots/tmux.ts';

const COLUMNS = 140;
const ROWS = 40;
/** The demo seeds its history relative to "now": pin now, and every run shows the same times. */
const FIXED_NOW = '2025-06-02T09:42:00.000Z';
/** The demo posts a live message every 8 s; seeing one means this run was slow (still valid). */
const LIVE_MARKER = 'The demo is live.';
const COMPOSER_EMPTY = 'message Proposals demo, or /help';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'screenshots');

interface Shot {
	/** File name without extension. */
	readonly name: string;
	/** One line: the SVG's <title> and the README caption. */
	readonly caption: string;
	/** Keystrokes that lead from the previous shot to this one. */
	readonly act: (screen: TmuxScreen) => void;
	/** Text that must all be on screen before the capture. */
	readonly expect: readonly string[];
	readonly save?: false;
}

function command(text: string) {
	return (screen: TmuxScreen) => {
		screen.type(text);
		screen.press('Enter');
	};
}

const SHOTS: readonly Shot[] = [
	{
		name: 'main',
		caption: 'The "Proposals demo" room: timeline with leave reasons and deactivations, members panel',
		act: () => {},
		expect: [' connected ', '# Proposals demo', 'Members', 'Joined (4)', '6 departed hidden', 'enough for org.example.admin_only.', COMPOSER_EMPTY],
	},
	{
		name: 'state-hidden',
		caption: '/state: the room-state panel with deleted state hidden (MSC3901)',
		act: command('/state'),
		expect: ['Room state', '9 state events (3 deleted hidden)', 'org.example.flag', COMPOSER_EMPTY],
	},
	{
		name: 'state-revealed',
		caption: '/show-deleted: the deleted, obsolete and redacted state revealed and marked [deleted]',
		act: command('/show-deleted'),
		expect: ['Room state (showing deleted)', 'org.example.poll [deleted]', 'org.example.widget w1 [deleted]', COMPOSER_EMPTY],
	},
	{
		name: 'members-left',
		caption: '/members after /show-deleted: the Left group, reasons trimmed to fit, [deactivated] labels (MSC3759)',
		act: command('/members'),
		expect: ['Members (showing deleted)', 'Left (6)', 'Dave [deactivated]', 'Frank [deactivated]', COMPOSER_EMPTY],
	},
	{
		name: 'help',
		caption: '? on an empty composer: every command and key',
		act: (screen) => screen.press('?'),
		expect: ['matrix-tui help — Esc closes', 'Commands', 'Keys', 'Ctrl+C'],
	},
	{
		name: 'help-closed',
		caption: 'Esc closes the help',
		act: (screen) => screen.press('Escape'),
		expect: ['Members (showing deleted)', COMPOSER_EMPTY],
		save: false,
	},
	{
		name: 'encrypted',
		caption: 'An encrypted room: the lock, messages the demo cannot decrypt with why, and a message refused rather than sent in clear',
		act: (screen) => {
			command('/room Encrypted chat')(screen);
			command('psst')(screen);
		},
		expect: ['# Encrypted chat 🔒', 'unable to decrypt: the sender withheld the key', 'Cannot send the message: this room is encrypted'],
	},
	{
		name: 'formatted',
		caption: 'Formatted messages from other clients: styles, a highlighted code block, nested lists, a table, a quote mentioning you, colours, a hidden spoiler',
		act: (screen) => {
			screen.press('C-u');
			command('/room Formatting')(screen);
		},
		expect: ['# Formatting', 'Client     ┊ Threads ┊ Spaces', '▎ export function retry', 'E = mc²', 'message Formatting, or /help'],
	},
	{
		name: 'image',
		caption: 'An image inline as half blocks (its thumbnail, sized to the pane, a third of its height at most); #n numbers the media for /open and /download',
		act: (screen) => {
			command('/room Proposals demo')(screen);
			screen.press('PPage');
		},
		expect: ['#2 [image] whiteboard.png', '▀▀▀▀▀▀▀▀'],
	},
	{
		name: 'thread',
		caption: '/thread 1: the thread in a pane of its own; what you type there replies in the thread',
		act: (screen) => {
			screen.press('NPage');
			command('/thread 1')(screen);
		},
		expect: ['Thread: Hello everyone', 'With the departures at the bottom'],
	},
	{
		name: 'thread-closed',
		caption: 'Esc closes the thread pane',
		// Seen closed before the next key: Esc and Alt+→ in one read would be one key.
		act: (screen) => screen.press('Escape'),
		expect: ['# Proposals demo', 'message Proposals demo, or /help'],
		save: false,
	},
	{
		name: 'spaces',
		caption: 'Alt+→ chooses a space: the room list shows its rooms and its sub-spaces\' (Favourites, People, Rooms kept)',
		act: (screen) => screen.press('M-Right'),
		expect: ['[Demo space]', 'Formatting', 'Lobby'],
	},
	{
		name: 'search',
		caption: '/search --all: messages holding the text in every room, the match marked; Enter shows one in its room',
		act: command('/search --all demo'),
		expect: ['Search "demo" in every room', 'Enter shows it'],
	},
];

function requireTool(name: string, why: string): void {
	const result = spawnSync(name, ['-V'], {stdio: 'ignore'});
	if (result.error) throw new Error(`${name} not found: ${why}`);
}

async function capture(tmp: string): Promise<Array<{shot: Shot; ansi: string}>> {
	const home = join(tmp, 'home');
	const configDir = join(tmp, 'config');
	mkdirSync(home);
	mkdirSync(configDir);
	const screen = TmuxScreen.start({
		socket: join(tmp, 'tmux.sock'),
		columns: COLUMNS,
		rows: ROWS,
		cwd: root,
		configFile: join(tmp, 'tmux.conf'),
		command: [
			'env',
			'-i', // nothing of ours leaks in: no CI (Ink renders differently), NO_COLOR, FORCE_COLOR, NODE_OPTIONS…
			`PATH=${process.env.PATH ?? '/usr/bin:/bin'}`,
			`HOME=${home}`,
			'LANG=C.UTF-8',
			'TERM=xterm-256color',
			'TZ=UTC',
			`MATRIX_TUI_CONFIG_DIR=${configDir}`,
			`MATRIX_TUI_FIXED_NOW=${FIXED_NOW}`,
			process.execPath,
			'--import',
			pathToFileURL(join(root, 'scripts/screenshots/fixed-clock.ts')).href,
			'bin/matrix-tui.js',
			'--demo',
		],
	});
	const stop = () => {
		screen.kill();
		rmSync(tmp, {recursive: true, force: true});
		process.exit(130);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	try {
		const captures: Array<{shot: Shot; ansi: string}> = [];
		for (const shot of SHOTS) {
			shot.act(screen);
			const ansi = await screen.waitFor(`the ${shot.name} screen (${shot.expect.map((text) => JSON.stringify(text)).join(', ')})`, (text) => shot.expect.every((expected) => text.includes(expected)));
			if (ansi.includes(LIVE_MARKER)) console.warn(`note: a live demo message is on the ${shot.name} screen (a slow run); it is still a real screen`);
			captures.push({shot, ansi});
		}
		screen.press('C-c');
		return captures;
	} finally {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		screen.kill();
	}
}

function renderPng(svgFile: string, pngFile: string): void {
	const result = spawnSync('rsvg-convert', ['--zoom', '2', '--format', 'png', '--output', pngFile, svgFile], {encoding: 'utf8'});
	if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
		console.log(`skipped ${relative(root, pngFile)}: rsvg-convert not found (Debian: apt-get install librsvg2-bin)`);
		return;
	}
	if (result.error || result.status !== 0) throw new Error(`rsvg-convert failed: ${result.error?.message ?? result.stderr}`);
	console.log(`wrote ${relative(root, pngFile)}`);
}

async function main(): Promise<void> {
	requireTool('tmux', 'screenshots run the client in a tmux pane (Debian: apt-get install tmux)');
	const tmp = mkdtempSync(join(tmpdir(), 'matrix-tui-screenshots-'));
	try {
		const captures = await capture(tmp);
		mkdirSync(outDir, {recursive: true});
		for (const {shot, ansi} of captures) {
			if (shot.save === false) continue;
			const file = join(outDir, `${shot.name}.svg`);
			writeFileSync(file, ansiToSvg(ansi, {columns: COLUMNS, rows: ROWS, title: `matrix-tui — ${shot.caption}`}));
			console.log(`wrote ${relative(root, file)}`);
		}
		renderPng(join(outDir, 'main.svg'), join(outDir, 'demo.png'));
	} finally {
		rmSync(tmp, {recursive: true, force: true});
	}
}

await main();
