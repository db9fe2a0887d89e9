/** The bottom line: sync state with a spinner, who you are, the outbox, and the latest notice or error. */
import {c} from './colors.js';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {useAppState} from '../state/hooks.js';
import {truncateToWidth} from '../domain/text-width.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {STATUS_HINT} from './key-hints.js';
import type {OutboxStatus} from '../matrix/protocol.js';
import {transferText} from './transfer-text.js';

/** How much of the outbox's "why" the bar gives room to: the notice needs the rest. */
const WHY_WIDTH = 40;

/** "2 waiting to send: cannot reach the homeserver · 1 not sent — /retry", or '' when all is out. */
export function outboxText({waiting, notSent, why}: OutboxStatus): string {
	const parts: string[] = [];
	if (waiting > 0) parts.push(`${waiting} waiting to send${why ? `: ${truncateToWidth(sanitizeInline(why), WHY_WIDTH)}` : ''}`);
	if (notSent > 0) parts.push(`${notSent} not sent — /retry, /edit-unsent or /discard`);
	return parts.length > 0 ? ` ${parts.join(' · ')} ` : '';
}

const SYNC_LABEL = {
	connecting: 'connecting',
	'catching-up': 'catching up',
	syncing: 'connected',
	reconnecting: 'disconnected — retrying',
	error: 'disconnected — retrying',
	stopped: 'stopped',
} as const;

export function StatusBar({width}: {width: number}) {
	const sync = useAppState((state) => state.sync);
	const demo = useAppState((state) => state.demo);
	const userId = useAppState((state) => state.userId);
	const loggedOut = useAppState((state) => state.loggedOut);
	const stateNotice = useAppState((state) => state.notice);
	const outbox = useAppState((state) => state.outbox);
	// Built outside the selector: a selector returning a new object on every call loops React forever.
	const notice = loggedOut ? {kind: 'error' as const, text: `Session ended by the server (${loggedOut}) — back to the login form`} : stateNotice;
	// A prompt's question shows until a notice (progress, an error) takes the line.
	const question = useAppState((state) => state.prompt?.text);
	const busy = !loggedOut && sync.status !== 'syncing' && sync.status !== 'stopped';
	const left = `${demo ? ' DEMO ' : ''}`;
	const syncText = ` ${SYNC_LABEL[sync.status]} `;
	const who = `${sanitizeInline(userId)} `;
	const outboxLine = outboxText(outbox);
	const transfer = useAppState((state) => state.transfer);
	const transferLine = transfer ? transferText(transfer) : '';
	const rest = Math.max(1, width - left.length - syncText.length - 2 - who.length - outboxLine.length - transferLine.length - 3);
	const message = notice ? sanitizeInline(notice.text) : question ? sanitizeInline(question) : STATUS_HINT;
	return (
		<Box width={width} height={1}>
			<Text wrap="truncate">
				{demo ? (
					<Text backgroundColor={c('magenta')} color={c('white')} bold>
						{left}
					</Text>
				) : null}
				{busy ? <Spinner type="dots" /> : <Text color={c(sync.status === 'syncing' ? 'green' : 'gray')}>●</Text>}
				<Text color={c(sync.status === 'syncing' ? 'green' : 'yellow')}>{syncText}</Text>
				<Text dimColor>{who}</Text>
				{outboxLine ? <Text color={c(outbox.notSent > 0 ? 'red' : 'yellow')}>{outboxLine}</Text> : null}
				{transferLine ? <Text color={c('cyan')}>{transferLine}</Text> : null}
				<Text color={c(notice?.kind === 'error' ? 'red' : notice ? 'cyan' : question ? 'yellow' : 'gray')}>{truncateToWidth(message, rest)}</Text>
			</Text>
		</Box>
	);
}
