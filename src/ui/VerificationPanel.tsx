/** The SAS verification under way: who, what to do now, the 7 emoji with their names, and the keys that answer. */
import {Box, Text} from 'ink';
import {sanitizeInline} from '../domain/sanitize.js';
import type {VerificationView} from '../matrix/protocol.js';
import {useAppState} from '../state/hooks.js';
import {c} from './colors.js';
import {padCells} from './rows.js';

const EMOJI_CELL = 11;

export function VerificationPanel({width, height}: {width: number; height: number}) {
	const view = useAppState((state) => state.verification);
	const userId = useAppState((state) => state.userId);
	if (!view) return null;
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate">
				Verify {whom(view, userId)}
			</Text>
			<Text> </Text>
			{body(view)}
		</Box>
	);
}

function whom(view: VerificationView, me: string): string {
	const device = view.deviceId ? sanitizeInline(view.deviceId) : undefined;
	if (view.userId === me) return device ? `your device ${device}` : 'your other device';
	return `${sanitizeInline(view.userId)}${device ? ` (device ${device})` : ''}`;
}

function body(view: VerificationView) {
	switch (view.phase) {
		case 'incoming':
			return (
				<>
					<Text wrap="wrap">The other side asks to verify with you by comparing emoji.</Text>
					<Text> </Text>
					<Keys yes="a: accept" no="d / Esc: decline" />
				</>
			);
		case 'emoji':
			return (
				<>
					<Text wrap="wrap">Check that the other device shows these emoji, in this order:</Text>
					<Text> </Text>
					<Text wrap="truncate">{(view.emoji ?? []).map((emoji) => padCells(`  ${emoji.symbol}`, EMOJI_CELL)).join('')}</Text>
					<Text wrap="truncate">{(view.emoji ?? []).map((emoji) => padCells(`  ${sanitizeInline(emoji.name)}`, EMOJI_CELL)).join('')}</Text>
					<Text> </Text>
					<Keys yes="y: they match" no="n: they don't match (cancel)" />
				</>
			);
		case 'confirmed':
			return (
				<>
					<Text wrap="wrap">You confirmed. Waiting for the other side to confirm too…</Text>
					<Keys no="Esc: cancel" />
				</>
			);
		default:
			return (
				<>
					<Text wrap="wrap">Waiting for the other side to answer (accept it there)…</Text>
					<Keys no="Esc: cancel" />
				</>
			);
	}
}

function Keys({yes, no}: {yes?: string; no: string}) {
	return (
		<Text wrap="truncate">
			{yes ? <Text color={c('green')} bold>{yes}</Text> : null}
			{yes ? '   ' : ''}
			<Text color={c('red')} bold>
				{no}
			</Text>
		</Text>
	);
}
