/**
 * The pictures this process has sent to the terminal by kitty's graphics protocol: each gets a
 * number of its own (never one of another program's: they start at a random point), goes out once,
 * wrapped for tmux when inside it, and is freed when no entry draws it any more, the oldest first
 * past a bound, and all of them at exit. Only this module writes these sequences, and only ours.
 */
import {deleteImage, MAX_IMAGE_ID, transmitImage, type PixelImage} from '../domain/kitty-graphics.js';
import {throughTmux} from './tmux-passthrough.js';

/** Pictures kept in the terminal at once (the timeline keeps as many entries): ~300 KB each there. */
const MAX_KEPT = 256;

export interface KittyOutput {
	write: (bytes: string) => void;
	/** Inside tmux: every sequence wrapped to pass through it. */
	tmux: boolean;
}

export class KittyImages {
	private next: number;
	/** Sent and not freed, oldest first. */
	private readonly kept = new Set<number>();

	constructor(
		private readonly output: KittyOutput,
		first = 1 + Math.floor(Math.random() * (MAX_IMAGE_ID / 2)),
	) {
		this.next = first;
	}

	/** Sends `image` as a placement of cols × rows cells; its number, for the placeholders. */
	show(image: PixelImage, cols: number, rows: number): number {
		const id = this.next;
		this.next = id >= MAX_IMAGE_ID ? 1 : id + 1;
		for (const oldest of this.kept) {
			if (this.kept.size < MAX_KEPT) break;
			this.free(oldest);
		}
		for (const chunk of transmitImage(id, image, cols, rows)) this.send(chunk);
		this.kept.add(id);
		return id;
	}

	free(id: number): void {
		if (!this.kept.delete(id)) return;
		this.send(deleteImage(id));
	}

	freeAll(): void {
		for (const id of [...this.kept]) this.free(id);
	}

	private send(sequence: string): void {
		this.output.write(this.output.tmux ? throughTmux(sequence) : sequence);
	}
}
