/** BENCH_CPU_PROF=1: a step under V8's CPU profiler, saved as bench/results/profiles/crypto-<name>.cpuprofile. */
import {mkdirSync, writeFileSync} from 'node:fs';
import {Session} from 'node:inspector/promises';

const DIRECTORY = new URL('../results/profiles/', import.meta.url).pathname;
/** µs between samples: fine enough for passes of a few hundred ms. */
const SAMPLING_INTERVAL_US = 200;

export async function profiled<T>(name: string, act: () => Promise<T>): Promise<T> {
	if (!process.env['BENCH_CPU_PROF']) return act();
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', {interval: SAMPLING_INTERVAL_US});
	await session.post('Profiler.start');
	try {
		return await act();
	} finally {
		const {profile} = await session.post('Profiler.stop');
		mkdirSync(DIRECTORY, {recursive: true});
		writeFileSync(`${DIRECTORY}crypto-${name}.cpuprofile`, JSON.stringify(profile));
		session.disconnect();
	}
}
