import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {HOLD_MS, KeyInput} from '../../src/terminal/key-input.js';

const ESC = '\u001b';

/** The terminal side: emits what `type` is given, as a tty in utf8 mode does. */
class FakeTerminal extends EventEmitter {
	rawMode = false;
	paused = false;
	refs = 0;
	setRawMode(enabled: boolean) {
		this.rawMode = enabled;
		return this;
	}
	setEncoding() {
		return this;
	}
	pause() {
		this.paused = true;
		return this;
	}
	resume() {
		this.paused = false;
		return this;
	}
	ref() {
		this.refs++;
		return this;
	}
	unref() {
		this.refs--;
		return this;
	}
	type(text: string) {
		this.emit('data', text);
	}
}

/** KeyInput on a fake terminal; `reads()`: every read Ink would have got so far (it reads until null). */
function setUp() {
	const terminal = new FakeTerminal();
	const input = new KeyInput(terminal as unknown as NodeJS.ReadStream);
	const got: string[] = [];
	input.setEncoding('utf8');
	input.setRawMode(true);
	const reads = () => {
		let chunk: string | null;
		while ((chunk = input.read() as string | null) !== null) got.push(chunk);
		return got;
	};
	return {terminal, input, reads};
}

// Keys as terminals send them: Shift+Down/Up (what `tmux send-keys S-Down` sends), SS3 arrows,
// bracketed paste markers, Alt+letter, Alt+Up as ESC ESC [ A, Esc then a letter typed at once.
const KEYS = [`${ESC}[1;2A`, `${ESC}[1;2B`, `${ESC}OA`, `${ESC}O1;5P`, `${ESC}[200~`, `${ESC}[201~`, `${ESC}a`, `${ESC}${ESC}[A`, `${ESC}[[5~`, `${ESC}[3~`];

/** Runs what is due at the next turn of the event loop: the immediates set by timers that just ran. */
const nextLoopTurn = () => vi.advanceTimersToNextTimer();

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate']});
});

afterEach(() => {
	vi.useRealTimers();
});

describe('KeyInput', () => {
	test.each(KEYS)('%j split at every byte reaches Ink whole, without waiting', (key) => {
		for (let at = 1; at < key.length; at++) {
			const {terminal, reads} = setUp();
			terminal.type(key.slice(0, at));
			expect(reads(), `split at ${at}`).toEqual([]);
			terminal.type(key.slice(at));
			expect(reads(), `split at ${at}`).toEqual([key]);
			expect(vi.getTimerCount(), `split at ${at}`).toBe(0);
		}
	});

	test('a burst of keys split anywhere reaches Ink as whole keys only', () => {
		const keys = [...KEYS, 'é', '👋', 'x', ...KEYS.toReversed()];
		const burst = keys.join('');
		const keyEnds = new Set(keys.map((_key, index) => keys.slice(0, index + 1).join('').length));
		// Between code points: the terminal stream decodes UTF-8, so a read never ends inside a character.
		const codePointEnds = [...burst].map((_character, index) => [...burst].slice(0, index).join('').length);
		for (const at of codePointEnds.slice(1)) {
			const {terminal, reads} = setUp();
			terminal.type(burst.slice(0, at));
			reads();
			terminal.type(burst.slice(at));
			const chunks = reads();
			expect(chunks.join(''), `split at ${at}`).toBe(burst);
			let end = 0;
			for (const chunk of chunks) {
				end += chunk.length;
				expect(keyEnds.has(end), `split at ${at}: ${JSON.stringify(chunk)} ends inside a key`).toBe(true);
			}
		}
	});

	test('text, UTF-8 and whole keys pass through at once', () => {
		const {terminal, reads} = setUp();
		terminal.type('héllo 👋');
		expect(reads()).toEqual(['héllo 👋']);
		terminal.type(`${ESC}[1;2A${ESC}a`);
		expect(reads()).toEqual(['héllo 👋', `${ESC}[1;2A${ESC}a`]);
		expect(vi.getTimerCount()).toBe(0);
	});

	test('a lone Esc is passed on as Esc once the hold time is over', () => {
		const {terminal, reads} = setUp();
		terminal.type(ESC);
		vi.advanceTimersByTime(HOLD_MS - 1);
		expect(reads()).toEqual([]);
		vi.advanceTimersByTime(1);
		nextLoopTurn();
		expect(reads()).toEqual([ESC]);
		terminal.type('a');
		expect(reads()).toEqual([ESC, 'a']);
	});

	test('Esc followed by a letter in the same hold is Alt+letter', () => {
		const {terminal, reads} = setUp();
		terminal.type(ESC);
		vi.advanceTimersByTime(HOLD_MS - 1);
		terminal.type('b');
		expect(reads()).toEqual([`${ESC}b`]);
	});

	test('an incomplete sequence still open after the hold time is passed on as it is', () => {
		const {terminal, reads} = setUp();
		terminal.type(`x${ESC}[1;`);
		expect(reads()).toEqual(['x']);
		vi.advanceTimersByTime(HOLD_MS);
		nextLoopTurn();
		expect(reads()).toEqual(['x', `${ESC}[1;`]);
	});

	test('the rest read after a late timer, before its flush, still completes the sequence (a busy event loop)', () => {
		const {terminal, reads} = setUp();
		terminal.type(ESC);
		vi.advanceTimersToNextTimer(); // the hold timer fires late; its flush waits for the reads already due
		expect(reads()).toEqual([]);
		terminal.type('[1;2B');
		vi.runAllTimers();
		expect(reads()).toEqual([`${ESC}[1;2B`]);
	});

	test('reads the terminal only while Ink has raw mode on, and forgets what it held', () => {
		const {terminal, input, reads} = setUp();
		expect(terminal.rawMode).toBe(true);
		terminal.type(`${ESC}[1;`);
		input.setRawMode(false);
		expect(terminal.rawMode).toBe(false);
		expect(terminal.paused).toBe(true);
		vi.runAllTimers();
		terminal.type('typed while off');
		expect(reads()).toEqual([]);
		input.ref();
		input.unref();
		input.ref();
		expect(terminal.refs).toBe(1);
	});

	test('a second input on the same terminal reads it once the first has stopped (the login form, then the chat)', async () => {
		vi.useRealTimers();
		// A real stream: one paused by hand does not flow again when a listener is added.
		const terminal = Object.assign(new PassThrough({encoding: 'utf8'}), {setRawMode: () => terminal, ref: () => terminal, unref: () => terminal});
		const source = terminal as unknown as NodeJS.ReadStream;
		const login = new KeyInput(source);
		login.setRawMode(true);
		terminal.write('user');
		await new Promise((resolve) => login.once('data', resolve));
		login.setRawMode(false);
		const chat = new KeyInput(source);
		chat.setEncoding('utf8');
		chat.setRawMode(true);
		const typed = new Promise((resolve) => chat.once('data', resolve));
		terminal.write('/quit');
		await expect(typed).resolves.toBe('/quit');
	});

	test('Ink sees a TTY that supports raw mode', () => {
		const {input} = setUp();
		expect(input.isTTY).toBe(true);
		expect(typeof input.setRawMode).toBe('function');
	});
});
