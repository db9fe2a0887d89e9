/**
 * This device's encryption store cannot be opened (its key is missing or wrong): one line saying
 * why, and the user's choice. Never a silent new device: starting one means logging in again, and
 * the old device's encrypted history then needs a recovery key or another device to share it.
 */
import {c} from './colors.js';
import {Box, Text, useInput, useStdin} from 'ink';
import {sanitizeInline} from '../domain/sanitize.js';

export type StoreKeyAnswer = 'new-device' | 'quit';

export function StoreKeyChoice({problem, onChoice}: {problem: string; onChoice: (answer: StoreKeyAnswer) => void}) {
	const {isRawModeSupported} = useStdin();
	useInput(
		(input, key) => {
			if (input === 'n' || input === 'N') onChoice('new-device');
			else if (input === 'q' || input === 'Q' || key.escape || (key.ctrl && input === 'c')) onChoice('quit');
		},
		{isActive: isRawModeSupported},
	);
	return (
		<Box flexDirection="column" paddingX={1}>
			<Text color={c('red')}>{sanitizeInline(problem)} — encrypted rooms cannot be read or written on this device.</Text>
			<Text> </Text>
			<Text>
				<Text bold>n</Text> start a new device: log in again (this one is logged out; its encrypted history comes back with /recovery or from your other devices)
			</Text>
			<Text>
				<Text bold>q</Text> quit (nothing is changed: put the key back and start again)
			</Text>
		</Box>
	);
}
