/** The measured process's memory, as every phase reports it (and the quiet pause before reading it). */
import {setTimeout as sleep} from 'node:timers/promises';
import {getHeapStatistics, type HeapInfo} from 'node:v8';

const gc = (globalThis as {gc?: () => void}).gc ?? (() => {});

export const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Lets the client finish what it is doing: a quiet pause, then a collection. */
export async function settle(ms: number): Promise<void> {
	await sleep(ms);
	gc();
}

export function collect(): void {
	gc();
}

/** The process's memory, and each V8 heap's (the UI thread's, and the session thread's when it has one). */
export async function memory(session: unknown) {
	const usage = process.memoryUsage();
	const mb = (bytes: number) => Math.round(bytes / 1048576);
	const main = getHeapStatistics();
	const worker = await workerHeap(session);
	return {
		rssMb: mb(usage.rss),
		heapUsedMb: mb(usage.heapUsed),
		externalMb: mb(usage.external),
		maxRssMb: Math.round(maxRssMb()),
		uiHeap: {usedMb: mb(main.used_heap_size), physicalMb: mb(main.total_physical_size)},
		...(worker ? {sessionHeap: {usedMb: mb(worker.used_heap_size), physicalMb: mb(worker.total_physical_size), externalMb: mb(worker.external_memory)}} : {}),
	};
}

/** Heap snapshots of both threads, for finding what a big room keeps alive. */
export async function heapSnapshots(session: unknown, prefix: string): Promise<void> {
	const {writeHeapSnapshot} = await import('node:v8');
	const {createWriteStream} = await import('node:fs');
	const {pipeline} = await import('node:stream/promises');
	writeHeapSnapshot(`${prefix}-ui.heapsnapshot`);
	const worker = (session as {worker?: {getHeapSnapshot?: () => Promise<NodeJS.ReadableStream>}}).worker;
	if (worker?.getHeapSnapshot) await pipeline(await worker.getHeapSnapshot(), createWriteStream(`${prefix}-session.heapsnapshot`));
}

/** The session thread's heap, when the session runs in a worker (Node ≥ 22.16 can ask it). */
async function workerHeap(session: unknown): Promise<HeapInfo | undefined> {
	const worker = (session as {worker?: {getHeapStatistics?: () => Promise<HeapInfo>}}).worker;
	return worker?.getHeapStatistics ? worker.getHeapStatistics() : undefined;
}
