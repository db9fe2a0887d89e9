/**
 * A busy machine: another process keeping one core busy while a phase runs. It spins in 50 ms
 * slices and ends by itself when its parent goes (the IPC channel closes: a crash, a kill, Ctrl+C),
 * after its lifetime at the latest, or when stopped.
 */
import {spawn, type ChildProcess} from 'node:child_process';

const HOG_SOURCE = `
const end = Date.now() + Number(process.argv[1]);
process.on('disconnect', () => process.exit(0));
const spin = () => {
	const until = Date.now() + 50;
	while (Date.now() < until) {}
	if (Date.now() > end) process.exit(0);
	setImmediate(spin);
};
spin();
`;

export interface CpuHog {
	pid: number | undefined;
	/** Resolves once the process has exited. */
	stop(): Promise<void>;
}

export function startCpuHog(lifetimeMs: number): CpuHog {
	const child: ChildProcess = spawn(process.execPath, ['-e', HOG_SOURCE, String(lifetimeMs)], {stdio: ['ignore', 'ignore', 'inherit', 'ipc']});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// Should this process end without stopping it (process.exit in a crash path), take it along.
	const onExit = () => child.kill('SIGKILL');
	process.once('exit', onExit);
	return {
		pid: child.pid,
		async stop() {
			process.off('exit', onExit);
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		},
	};
}
