/** The IPC between a measured process and its screen child (screen-child.ts). */
import type {ComposerFrame} from './keystrokes.ts';
import type {ScreenPredicate} from './screen-predicates.ts';
import type {Write} from './terminal.ts';

export type ScreenRequest =
	/** Ink's writes since the last batch, with the times Ink made them. */
	| {type: 'writes'; writes: Write[]}
	/** Answers (reply value: the frame's time, or null once cancelled) with the first frame at or after `after` that matches. */
	| {type: 'watch'; id: number; predicate: ScreenPredicate; after: number}
	| {type: 'cancel'; id: number}
	/** Answers once every write so far is on screen. */
	| {type: 'caught-up'; id: number}
	| {type: 'lines'; id: number}
	/** Records the composer's text at every frame until stop-composer, which answers with them. */
	| {type: 'observe-composer'; id: number}
	| {type: 'stop-composer'; id: number}
	/** Times of the writes that put text on screen, in [from, to]. */
	| {type: 'frame-times'; id: number; from: number; to: number}
	/** What parsing has cost the child so far: the CPU the measured process no longer spends on it. */
	| {type: 'stats'; id: number};

export interface ScreenStats {
	cpuMs: number;
	writes: number;
	megabytes: number;
}

export interface ScreenReply {
	type: 'reply';
	id: number;
	value: number | null | string[] | ComposerFrame[] | number[] | ScreenStats | true;
}
