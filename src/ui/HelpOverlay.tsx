/** /help and ?: every command and key, from the same tables the parser and key handler use. */
import {c} from './colors.js';
import {Box, Text} from 'ink';
import {COMMANDS} from '../commands/definitions.js';
import {COMPOSER_HELP, KEY_HELP} from './key-hints.js';
import {padCells} from './rows.js';

export function HelpOverlay({width, height}: {width: number; height: number}) {
	const usageWidth = Math.max(...COMMANDS.map((command) => command.usage.length)) + 2;
	const keyWidth = Math.max(...KEY_HELP.map((line) => line.keys.length)) + 2;
	// Side by side when there is room, so everything fits on a 30-row terminal.
	const sideBySide = width >= 120;
	const columnWidth = sideBySide ? Math.floor((width - 4) / 2) : width - 4;
	const title = <Text bold>matrix-tui help — Esc closes</Text>;
	const plainTextHint = (
		<Text dimColor wrap="truncate">
			Plain text sends a message; start with // to send one that begins with /.
		</Text>
	);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
			{sideBySide ? null : title}
			<Box flexDirection={sideBySide ? 'row' : 'column'}>
				{/* A gap before the keys column: a cut summary must not run into it. */}
				<Box flexDirection="column" width={columnWidth} paddingRight={sideBySide ? 2 : 0}>
					{/* Side by side, the title shares the headers' row: every other row is a command's. */}
					{sideBySide ? (
						<Text wrap="truncate">
							{title} <Text underline>Commands</Text>
						</Text>
					) : (
						<Text underline>Commands</Text>
					)}
					{COMMANDS.map((command) => (
						<Text key={command.name} wrap="truncate">
							<Text color={c('cyan')}>{padCells(command.usage, usageWidth)}</Text>
							{command.summary}
						</Text>
					))}
					{sideBySide ? null : plainTextHint}
				</Box>
				<Box flexDirection="column" width={columnWidth}>
					<Text underline>Keys</Text>
					{KEY_HELP.map((line) => (
						<Text key={line.keys} wrap="truncate">
							<Text color={c('cyan')}>{padCells(line.keys, keyWidth)}</Text>
							{line.text}
						</Text>
					))}
					<Text dimColor wrap="truncate">
						{COMPOSER_HELP}
					</Text>
					{/* Under the keys, which are fewer than the commands: the commands column keeps every line for a command. */}
					{sideBySide ? plainTextHint : null}
				</Box>
			</Box>
		</Box>
	);
}
