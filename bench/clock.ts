/**
 * One clock for every process of a run: milliseconds since the Unix epoch with sub-millisecond
 * resolution. The server (a child process) stamps when it starts writing a response; the client
 * stamps frames; both read the same monotonic clock through their own timeOrigin.
 */
import {performance} from 'node:perf_hooks';

export function epochNow(): number {
	return performance.timeOrigin + performance.now();
}
