/** /help and ?: every command and key, from the same tables the parser and key handler use. */
import {c} from './colors.js';
import {Box, Text} from 'ink';
import {COMMANDS, type CommandDefinition} from '../commands/definitions.js';
import {UNTRUSTED_MARKER} from '../domain/trust.js';
import {COMPOSER_HELP, KEY_HELP} from './key-hints.js';
import {VERIFIED_BADGE} from './side-rows.js';
import {padCells} from './rows.js';

const PLAIN_TEXT = 'Plain text sends a message; start with // to send one that begins with /.';
const MARKS = `Marks: ${UNTRUSTED_MARKER} sender's device unverified · ${VERIFIED_BADGE} a user you verified`;

export function HelpOverlay({width, height}: {width: number; height: number}) {
	const usageWidth = Math.max(...COMMANDS.map((command) => command.usage.length)) + 2;
	const keyWidth = Math.max(...KEY_HELP.map((line) => line.keys.length)) + 2;
	// Side by side when there is room, so everything fits on a 30-row terminal.
	const sideBySide = width >= 120;
	const columnWidth = sideBySide ? Math.floor((width - 4) / 2) : width - 4;
	// Inside the border, below the title and the column heading. Commands that do not fit the left
	// column go on under the keys, where there is room: the list grows, the screen does not.
	const rows = Math.max(1, height - (sideBySide ? 3 : 4));
	const split = sideBySide && COMMANDS.length + 1 > rows ? rows : COMMANDS.length;
	const left = COMMANDS.slice(0, split);
	// Under the keys: their heading and lines, the composer line, the legend, then "More commands"
	// and the plain-text hint. What still does not fit is counted, never squeezed over other lines.
	const moreRoom = Math.max(0, rows - (KEY_HELP.length + 3) - 2);
	const overflowing = COMMANDS.length - split > moreRoom;
	const more = COMMANDS.slice(split, overflowing ? split + Math.max(0, moreRoom - 1) : undefined);
	const hidden = COMMANDS.length - split - more.length;
	const commandLine = (command: CommandDefinition) => (
		<Text key={command.name} wrap="truncate">
			<Text color={c('cyan')}>{padCells(command.usage, usageWidth)}</Text>
			{command.summary}
		</Text>
	);
	const plain = (
		<Text dimColor wrap="truncate">
			{PLAIN_TEXT}
		</Text>
	);
	const title = <Text bold>matrix-tui help — Esc closes</Text>;
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
					{left.map(commandLine)}
					{more.length === 0 && hidden === 0 ? plain : null}
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
					<Text dimColor wrap="truncate">
						{MARKS}
					</Text>
					{more.length > 0 || hidden > 0 ? <Text underline>More commands</Text> : null}
					{more.map(commandLine)}
					{hidden > 0 ? (
						<Text dimColor wrap="truncate">
							{`… ${hidden} more: a taller terminal shows them all`}
						</Text>
					) : null}
					{more.length > 0 && hidden === 0 ? plain : null}
				</Box>
			</Box>
		</Box>
	);
}
