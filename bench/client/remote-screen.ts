/**
 * The measured process's side of the screen child: Ink's writes are stamped as they are made
 * (FakeStdout) and shipped in batches only when the bench pumps (while it waits for something on
 * screen), so a typing phase that reads its frames afterwards is not disturbed while it runs.
 */
import {fork, type ChildProcess} from 'node:child_process';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import type {ComposerFrame} from './keystrokes.ts';
import type {ScreenPredicate} from './screen-predicates.ts';
import type {ScreenReply, ScreenRequest, ScreenStats} from './screen-protocol.ts';
import type {FakeStdout} from './terminal.ts';

type WithoutId<T> = T extends {id: number} ? Omit<T, 'id'> : never;

export class RemoteScreen {
	private readonly child: ChildProcess;
	private readonly stdout: FakeStdout;
	private readonly pending = new Map<number, (value: ScreenReply['value']) => void>();
	private nextId = 1;

	constructor(stdout: FakeStdout) {
		this.stdout = stdout;
		this.child = fork(fileURLToPath(new URL('./screen-child.ts', import.meta.url)), [], {
			env: {...process.env, BENCH_COLUMNS: String(stdout.columns), BENCH_ROWS: String(stdout.rows)},
			execArgv: [],
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		this.child.on('message', (message: ScreenReply) => {
			const resolve = this.pending.get(message.id);
			this.pending.delete(message.id);
			resolve?.(message.value);
		});
		// A dead child answers nothing: nobody may wait for it forever.
		this.child.on('exit', () => {
			for (const resolve of this.pending.values()) resolve(null);
			this.pending.clear();
		});
	}

	/** Ships the writes made since the last pump. */
	pump(): void {
		const writes = this.stdout.writes.splice(0);
		if (writes.length > 0 && this.child.connected) this.child.send({type: 'writes', writes} satisfies ScreenRequest);
	}

	async caughtUp(): Promise<void> {
		this.pump();
		await this.request({type: 'caught-up'});
	}

	async lines(): Promise<string[]> {
		this.pump();
		return (await this.request({type: 'lines'})) as string[];
	}

	/** Starts watching now (frames not shipped yet included); `result` waits for the answer. */
	watch(predicate: ScreenPredicate, after = -Infinity): Watch {
		const id = this.nextId++;
		const answer = this.answer(id);
		this.send({type: 'watch', id, predicate, after});
		return {id, answer: answer as Promise<number | null>};
	}

	/** The time of the first frame the watch matched, or null after timeoutMs (pumping meanwhile). */
	async result(watch: Watch, timeoutMs: number): Promise<number | null> {
		let settled: number | null | undefined;
		void watch.answer.then((value) => (settled = value));
		await this.caughtUp();
		const deadline = Date.now() + timeoutMs;
		while (settled === undefined && Date.now() < deadline) {
			await sleep(10);
			this.pump();
		}
		if (settled !== undefined) return settled;
		this.send({type: 'cancel', id: watch.id});
		return watch.answer;
	}

	waitFor(predicate: ScreenPredicate, options: {after?: number; timeoutMs: number}): Promise<number | null> {
		return this.result(this.watch(predicate, options.after), options.timeoutMs);
	}

	async frameTimes(from: number, to: number): Promise<number[]> {
		this.pump();
		return (await this.request({type: 'frame-times', from, to})) as number[];
	}

	/** Records the composer's text at every frame from now on; the returned function stops and answers them. */
	async observeComposer(): Promise<() => Promise<ComposerFrame[]>> {
		await this.request({type: 'observe-composer'});
		return async () => {
			this.pump();
			return (await this.request({type: 'stop-composer'})) as ComposerFrame[];
		};
	}

	async stats(): Promise<ScreenStats> {
		this.pump();
		return (await this.request({type: 'stats'})) as ScreenStats;
	}

	close(): void {
		if (this.child.connected) this.child.disconnect();
		this.child.kill();
	}

	private request(request: WithoutId<ScreenRequest>): Promise<ScreenReply['value']> {
		const id = this.nextId++;
		const answer = this.answer(id);
		this.send({...request, id});
		return answer;
	}

	private answer(id: number): Promise<ScreenReply['value']> {
		return new Promise((resolve) => this.pending.set(id, resolve));
	}

	private send(request: ScreenRequest): void {
		if (this.child.connected) this.child.send(request);
	}
}

export interface Watch {
	id: number;
	answer: Promise<number | null>;
}
