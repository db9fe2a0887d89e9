/**
 * The recovery key /recovery setup made, shown this once: the user writes it down and closes the
 * panel (Esc or Enter), and the key leaves the app's state. Nothing else ever draws it.
 */
import {Box, Text} from 'ink';
import {c} from './colors.js';
import {useAppState} from '../state/hooks.js';

/** Four groups of four a line when the panel is narrow: a group is never cut in two. */
const GROUPS_A_LINE = 4;

export function RecoveryKeyPanel({width, height}: {width: number; height: number}) {
	const recoveryKey = useAppState((state) => state.recoveryKey) ?? '';
	const groups = recoveryKey.split(/\s+/).filter(Boolean);
	const oneLine = groups.join(' ');
	const lines = oneLine.length + 6 <= width ? [oneLine] : chunk(groups, GROUPS_A_LINE).map((line) => line.join(' '));
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold>Your recovery key — Esc or Enter closes</Text>
			<Text> </Text>
			<Text wrap="wrap">Write it down or keep it in a password manager. It is shown only this once: with it, another device of yours is verified and reads your old messages (/recovery &lt;key&gt; there).</Text>
			<Text> </Text>
			{lines.map((line, index) => (
				<Text key={index} bold color={c('yellow')}>
					{'  '}
					{line}
				</Text>
			))}
			<Text> </Text>
			<Text dimColor wrap="wrap">
				Anyone with this key can read your encrypted messages. matrix-tui keeps no copy: once closed, it cannot show it again (/recovery reset makes a new one, and the old one stops working).
			</Text>
		</Box>
	);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
	return chunks;
}
