/**
 * Where a desktop notification goes: the terminal's own notification sequence when it has one,
 * else notify-send where there is a desktop to show it, else nothing but the bell (on mentions,
 * if the bell setting is on). Only this module writes the sequences, and only ours.
 */
import {spawn} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {delimiter, join} from 'node:path';
import type {DesktopNotification} from '../state/notifications.js';
import {notificationProtocol, notificationSequence, notificationText} from './desktop-notification.js';

export interface NotifierOptions {
	env: NodeJS.ProcessEnv;
	bell: boolean;
	write: (bytes: string) => void;
}

const BEL = '\u0007';

export function createNotifier({env, bell, write}: NotifierOptions): (notification: DesktopNotification) => void {
	const protocol = notificationProtocol(env);
	const notifySend = protocol ? undefined : desktopNotifySend(env);
	return (notification) => {
		if (bell && notification.kind === 'mention') write(BEL);
		if (protocol) write(notificationSequence(protocol, notification.title, notification.body, {tmux: Boolean(env.TMUX)}));
		else if (notifySend) {
			// Arguments, never a shell: the text cannot run anything.
			const child = spawn(notifySend, ['--app-name=matrix-tui', notificationText(notification.title, 40), notificationText(notification.body, 100)], {stdio: 'ignore', detached: true});
			child.on('error', () => {});
			child.unref();
		}
	};
}

/** notify-send on the PATH, when a desktop session is there to show what it sends. */
function desktopNotifySend(env: NodeJS.ProcessEnv): string | undefined {
	if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
	for (const directory of (env.PATH ?? '').split(delimiter)) {
		if (!directory) continue;
		const candidate = join(directory, 'notify-send');
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return undefined;
}
