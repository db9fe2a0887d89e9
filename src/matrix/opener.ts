/**
 * Hands a file to the desktop's opener (xdg-open on Linux and the BSDs, open on macOS), detached so
 * it outlives nothing of ours and writes nothing onto our screen. False if there is no opener.
 */
import {spawn} from 'node:child_process';

export function openWithSystem(path: string): Promise<boolean> {
	const command = process.env['MATRIX_TUI_OPENER'] ?? (process.platform === 'darwin' ? 'open' : 'xdg-open');
	return new Promise((resolve) => {
		try {
			const child = spawn(command, [path], {detached: true, stdio: 'ignore'});
			child.once('error', () => resolve(false));
			child.once('spawn', () => {
				child.unref();
				resolve(true);
			});
		} catch {
			resolve(false);
		}
	});
}
