/**
 * The terminal's input as Ink reads it, with incomplete escape sequences held back: a read that
 * ends inside one keeps that tail until the rest arrives or HOLD_MS pass, so Ink only ever sees
 * whole sequences. Ink waits 20 ms for the rest itself, but with a plain timer. In a burst the
 * pty hands over 4095 bytes per read, ending inside a key (`…ESC [ 1` | `; 2 B…`), and handling
 * one read's ~680 keys keeps the loop busy for 10–450 ms; the overdue timer then runs before the
 * read that holds the rest, so `ESC [ 1` goes out as a key (`[1`) and `;2B` as text.
 */
import {Readable} from 'node:stream';
import {incompleteEscapeStart} from './incomplete-escape.js';

// Long enough for a slow link; a lone Esc still reads as Esc well under 0.1 s (plus Ink's 20 ms).
export const HOLD_MS = 40;

type TerminalInput = Pick<NodeJS.ReadStream, 'on' | 'off' | 'pause' | 'resume' | 'setEncoding' | 'setRawMode' | 'ref' | 'unref'>;

export class KeyInput extends Readable {
	readonly isTTY = true;
	private held = '';
	private timer: NodeJS.Timeout | undefined;
	private immediate: NodeJS.Immediate | undefined;

	constructor(private readonly source: TerminalInput) {
		super();
	}

	/** Ink turns raw mode on when it starts listening, off when it stops: read the source only in between. */
	setRawMode(enabled: boolean): this {
		this.source.setRawMode(enabled);
		if (enabled) {
			this.source.setEncoding('utf8'); // whole characters, never half of a UTF-8 sequence
			this.source.on('data', this.receive);
			// A stream paused by hand (the login form's input, stopping) stays paused when a listener is added.
			this.source.resume();
		} else {
			this.source.off('data', this.receive);
			this.source.pause();
			this.cancelFlush();
			this.held = '';
		}
		return this;
	}

	ref(): this {
		this.source.ref();
		return this;
	}

	unref(): this {
		this.source.unref();
		return this;
	}

	override _read(): void {
		// Data is pushed as the source delivers it.
	}

	private readonly receive = (chunk: string | Buffer): void => {
		this.cancelFlush();
		const text = this.held + chunk.toString();
		const cut = incompleteEscapeStart(text);
		if (cut > 0) this.push(text.slice(0, cut));
		this.held = text.slice(cut);
		if (this.held) this.timer = setTimeout(this.flushAfterPendingReads, HOLD_MS);
	};

	// A timer that fires late (a busy loop) runs before the reads that came in meanwhile; an
	// immediate runs after them, so the rest of the sequence, if it is there, is taken first.
	private readonly flushAfterPendingReads = (): void => {
		this.timer = undefined;
		this.immediate = setImmediate(() => {
			this.immediate = undefined;
			const held = this.held;
			this.held = '';
			if (held) this.push(held);
		});
	};

	private cancelFlush(): void {
		clearTimeout(this.timer);
		clearImmediate(this.immediate);
		this.timer = undefined;
		this.immediate = undefined;
	}
}
