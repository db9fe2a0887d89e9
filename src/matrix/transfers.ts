/**
 * The one file transfer under way (an upload or a download): its progress for the status bar, at
 * most a few updates a second, and Esc's cancel, which aborts its request. One at a time keeps the
 * bar and Esc unambiguous.
 */
import type {TransferView} from './protocol.js';

/** The user cancelled the transfer (Esc): not a failure to report as one. */
class TransferCancelled extends Error {
	constructor() {
		super('cancelled');
	}
}

export interface Transfer {
	readonly signal: AbortSignal;
	/** `bytes` more are done. */
	progress(bytes: number): void;
	/** Done, failed or cancelled: the bar goes. */
	end(): void;
}

const EMIT_EVERY_MS = 100;

export class Transfers {
	private nextId = 1;
	private current: {view: TransferView; controller: AbortController; emittedAt: number} | undefined;

	constructor(private readonly emit: (transfer: TransferView | undefined) => void) {}

	/** A new transfer, or undefined while another is under way. */
	begin(direction: TransferView['direction'], name: string, total?: number): Transfer | undefined {
		if (this.current) return undefined;
		const controller = new AbortController();
		const view: TransferView = {id: this.nextId++, direction, name, done: 0, ...(total === undefined ? {} : {total})};
		const current = {view, controller, emittedAt: Date.now()};
		this.current = current;
		this.emit({...view});
		return {
			signal: controller.signal,
			progress: (bytes) => {
				view.done += bytes;
				const now = Date.now();
				if (this.current !== current || now - current.emittedAt < EMIT_EVERY_MS) return;
				current.emittedAt = now;
				this.emit({...view});
			},
			end: () => {
				if (this.current !== current) return;
				this.current = undefined;
				this.emit(undefined);
			},
		};
	}

	/** Esc: aborts the transfer under way. False if there was none. */
	cancel(): boolean {
		if (!this.current) return false;
		this.current.controller.abort(new TransferCancelled());
		return true;
	}
}
