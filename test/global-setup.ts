/**
 * Some tests run the built client (the binary in a pty, the matrix worker thread): build once,
 * before any test file starts, so none of them races another's build or sees a stale dist/.
 */
import {execFileSync} from 'node:child_process';

export default function buildOnce(): void {
	try {
		execFileSync('npm', ['run', '--silent', 'build'], {encoding: 'utf8', stdio: 'pipe', timeout: 180_000});
	} catch (error) {
		const output = error as {stdout?: string; stderr?: string};
		throw new Error(`npm run build failed before the tests:\n${output.stdout ?? ''}${output.stderr ?? ''}`, {cause: error});
	}
}
