import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {startCpuHog} from '../../bench/client/cpu-hog.ts';

/** CPU time (user + system, ms) of a process, from /proc (Linux, where the bench runs). */
async function cpuMs(pid: number): Promise<number> {
	const {readFile} = await import('node:fs/promises');
	const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe('startCpuHog', () => {
	it('keeps a core busy in another process until stopped, then is gone', async () => {
		const hog = startCpuHog(30_000);
		const pid = hog.pid!;
		const deadline = Date.now() + 10_000;
		while ((await cpuMs(pid).catch(() => 0)) < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await cpuMs(pid)).toBeGreaterThanOrEqual(300);
		await hog.stop();
		expect(alive(pid)).toBe(false);
	});

	it('ends when the process that started it is killed (a crashed or interrupted bench leaves no hog behind)', async () => {
		const script = "const {startCpuHog} = await import('./bench/client/cpu-hog.ts'); const hog = startCpuHog(60000); process.stdout.write(`${hog.pid}\\n`); setInterval(() => {}, 1000);";
		const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {cwd: new URL('../..', import.meta.url), stdio: ['ignore', 'pipe', 'inherit']});
		const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
		expect(alive(pid)).toBe(true);
		parent.kill('SIGKILL');
		const deadline = Date.now() + 10_000;
		while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(alive(pid)).toBe(false);
	});

	it('ends by itself after its lifetime', async () => {
		const hog = startCpuHog(100);
		const deadline = Date.now() + 10_000;
		while (alive(hog.pid!) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(alive(hog.pid!)).toBe(false);
		await hog.stop();
	});
});
