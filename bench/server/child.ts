/** Starts the server child and wraps its IPC in promises. */
import {fork, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {Scenario} from '../data/generate.ts';
import type {Mark, MarkName} from './server.ts';
import type {ReadyMessage, ServerCommand, ServerMessage} from './protocol.ts';

export interface ServerChild {
	ready: ReadyMessage;
	marks: Mark[];
	/** The first mark of that name (for that room) at or after `after`; waits up to timeoutMs. */
	mark(name: MarkName, options: {after?: number; roomId?: string; timeoutMs: number}): Promise<Mark | null>;
	send(command: ServerCommand): void;
	/** Sends a command and waits for the first reply of `type`. */
	request<T extends ServerMessage['type']>(command: ServerCommand, type: T, timeoutMs?: number): Promise<Extract<ServerMessage, {type: T}>>;
	stop(): void;
}

export function startServerChild(options: {scenario: Scenario; seed: number; storm: boolean}): Promise<ServerChild> {
	const child: ChildProcess = fork(fileURLToPath(new URL('./main.ts', import.meta.url)), [], {
		env: {...process.env, BENCH_SCENARIO: options.scenario, BENCH_SEED: String(options.seed), BENCH_STORM: options.storm ? '1' : '0'},
		execArgv: [],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const marks: Mark[] = [];
	const listeners = new Set<(message: ServerMessage) => void>();
	child.on('message', (message: ServerMessage) => {
		if (message.type === 'mark') marks.push(message.mark);
		for (const listener of listeners) listener(message);
	});
	const next = <T extends ServerMessage['type']>(type: T, timeoutMs: number) =>
		new Promise<Extract<ServerMessage, {type: T}>>((resolve, reject) => {
			const timer = setTimeout(() => {
				listeners.delete(listener);
				reject(new Error(`server: no ${type} within ${timeoutMs} ms`));
			}, timeoutMs);
			const listener = (message: ServerMessage) => {
				if (message.type !== type) return;
				clearTimeout(timer);
				listeners.delete(listener);
				resolve(message as Extract<ServerMessage, {type: T}>);
			};
			listeners.add(listener);
		});
	const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited early (${code})`))));
	exited.catch(() => {});
	return Promise.race([next('ready', 60_000), exited]).then((ready) => ({
		ready,
		marks,
		async mark(name, {after = -Infinity, roomId, timeoutMs}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = marks.find((mark) => mark.name === name && mark.at >= after && (roomId === undefined || mark.roomId === roomId));
				if (found) return found;
				if (Date.now() > deadline) return null;
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		},
		send(command) {
			if (child.connected) child.send(command);
		},
		request(command, type, timeoutMs = 30_000) {
			const reply = next(type, timeoutMs);
			if (child.connected) child.send(command);
			return reply;
		},
		stop() {
			if (child.connected) child.send({type: 'stop'});
			setTimeout(() => child.kill(), 2000).unref();
		},
	}));
}
