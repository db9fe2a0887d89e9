/**
 * The bench's virtual terminal, in a process of its own: the measured process only stamps Ink's
 * writes and sends them here in batches; parsing them (@xterm/headless) and checking what the
 * frames show happens here, so it costs the measured event loop nothing and its RSS stays the
 * app's. Ends with its parent.
 */
import {composerText} from './detect.ts';
import {FrameWatcher, type WriteSource} from './frames.ts';
import type {ComposerFrame} from './keystrokes.ts';
import {matches} from './screen-predicates.ts';
import type {ScreenReply, ScreenRequest} from './screen-protocol.ts';

const source: WriteSource = {columns: Number(process.env['BENCH_COLUMNS'] ?? 120), rows: Number(process.env['BENCH_ROWS'] ?? 40), writes: []};
const watcher = new FrameWatcher(source);
const watches = new Map<number, () => void>();
let composer: {frames: ComposerFrame[]; stop: () => void} | undefined;
const received = {writes: 0, bytes: 0};
const startCpu = process.cpuUsage();

const reply = (id: number, value: ScreenReply['value']) => process.send?.({type: 'reply', id, value} satisfies ScreenReply);

process.on('disconnect', () => process.exit(0));
process.on('message', (request: ScreenRequest) => {
	switch (request.type) {
		case 'writes':
			source.writes.push(...request.writes);
			received.writes += request.writes.length;
			for (const write of request.writes) received.bytes += write.data.length;
			watcher.pump();
			break;
		case 'watch':
			watches.set(
				request.id,
				watcher.watch((screen) => matches(request.predicate, screen), request.after, (t) => {
					watches.delete(request.id);
					reply(request.id, t);
				}),
			);
			break;
		case 'cancel': {
			const cancel = watches.get(request.id);
			watches.delete(request.id);
			cancel?.();
			// Answered either way: the watch replied already, or answers null now.
			if (cancel) reply(request.id, null);
			break;
		}
		case 'caught-up':
			void watcher.caughtUp().then(() => reply(request.id, true));
			break;
		case 'lines':
			void watcher.caughtUp().then(() => reply(request.id, watcher.screen.lines()));
			break;
		case 'observe-composer': {
			const frames: ComposerFrame[] = [];
			composer?.stop();
			composer = {frames, stop: watcher.observe((screen, t) => frames.push({t, text: composerText(screen.lines())}))};
			reply(request.id, true);
			break;
		}
		case 'stop-composer':
			void watcher.caughtUp().then(() => {
				composer?.stop();
				reply(request.id, composer?.frames ?? []);
				composer = undefined;
			});
			break;
		case 'frame-times':
			void watcher.caughtUp().then(() => reply(request.id, watcher.frameTimes.filter((t) => t >= request.from && t <= request.to)));
			break;
		case 'stats':
			void watcher.caughtUp().then(() => {
				const cpu = process.cpuUsage(startCpu);
				reply(request.id, {cpuMs: Math.round((cpu.user + cpu.system) / 1000), writes: received.writes, megabytes: Math.round(received.bytes / 1e5) / 10});
			});
			break;
	}
});
