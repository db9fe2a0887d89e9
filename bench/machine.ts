/** The facts a figure means nothing without: where it was measured, on what, with which code. */
import {execFileSync} from 'node:child_process';
import os from 'node:os';

export interface MachineFacts {
	cpu: string;
	cores: number;
	node: string;
	platform: string;
	arch: string;
	totalMemMb: number;
	/** 1, 5 and 15-minute load averages when the bench started. */
	loadAverageAtStart: number[];
}

/**
 * How busy the CPUs are (0…1) over the next `ms`, from the kernel's per-CPU times: other work on
 * the machine skews every figure, so the bench measures it before it starts.
 */
export async function cpuBusy(ms: number): Promise<number> {
	const sum = () => os.cpus().reduce((total, cpu) => ({idle: total.idle + cpu.times.idle, all: total.all + Object.values(cpu.times).reduce((a, b) => a + b, 0)}), {idle: 0, all: 0});
	const before = sum();
	await new Promise((resolve) => setTimeout(resolve, ms));
	const after = sum();
	const all = after.all - before.all;
	return all > 0 ? Math.max(0, Math.min(1, 1 - (after.idle - before.idle) / all)) : 0;
}

export function machineFacts(): MachineFacts {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: os.availableParallelism?.() ?? cpus.length,
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		arch: os.arch(),
		totalMemMb: Math.round(os.totalmem() / (1024 * 1024)),
		loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
	};
}

/** The checkout's commit, and whether src/ has uncommitted changes; undefined outside git. */
export function codeVersion(cwd: string): {commit: string; srcDirty: boolean} | undefined {
	try {
		const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
		const status = execFileSync('git', ['status', '--porcelain', '--', 'src'], {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
		return {commit, srcDirty: status.trim() !== ''};
	} catch {
		return undefined;
	}
}
