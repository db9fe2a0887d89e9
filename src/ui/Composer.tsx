/**
 * The input line. Only draws; keys are turned into edits by the key bindings. While a prompt asks
 * for something, the prompt names it, and a password is drawn as bullets, never as itself.
 */
import {c} from './colors.js';
import {Box, Text} from 'ink';
import cliTruncate from 'cli-truncate';
import {useAppState} from '../state/hooks.js';
import {cellWidth} from '../domain/text-width.js';
import {sanitizeText} from '../domain/sanitize.js';
import {graphemes} from '../domain/graphemes.js';

export function Composer({width, placeholder}: {width: number; placeholder: string}) {
	const {text, cursor} = useAppState((state) => state.composer);
	const focused = useAppState((state) => state.focus === 'composer');
	const asking = useAppState((state) => state.prompt);
	const prompt = asking ? (asking.secret ? 'password> ' : 'confirm> ') : '> ';
	const room = width - prompt.length - 1;
	const shown = asking?.secret ? mask : sanitizeText;
	// What the user types is theirs, but a pasted escape sequence still must not reach the terminal.
	const before = shown(text.slice(0, cursor));
	const atCursor = firstGrapheme(text.slice(cursor));
	const after = shown(text.slice(cursor + atCursor.length));
	const cursorText = atCursor ? shown(atCursor) : ' ';
	// Keep the cursor in view: drop graphemes from the left of long input.
	const visibleBefore = tailFitting(before, Math.max(0, room - cellWidth(cursorText)));
	return (
		<Box width={width} height={1}>
			<Box flexShrink={0}>
				<Text color={c(asking ? 'yellow' : focused ? 'cyan' : 'gray')}>{prompt}</Text>
			</Box>
			{text ? (
				<Text wrap="truncate">
					{visibleBefore}
					<Text inverse={focused}>{cursorText}</Text>
					{after}
				</Text>
			) : (
				<Text wrap="truncate">
					<Text inverse={focused}> </Text>
					<Text dimColor>{asking ? asking.placeholder : placeholder}</Text>
				</Text>
			)}
		</Box>
	);
}

/** One bullet per grapheme: the length shows, as in the login form; the text never does. */
function mask(text: string): string {
	return '•'.repeat([...graphemes(text)].length);
}

function firstGrapheme(text: string): string {
	for (const {segment} of graphemes(text)) return segment;
	return '';
}

/** The end of `text` in `width` cells, '…' first when cut; with no cell left, the '…' alone (cli-truncate gives ''). */
function tailFitting(text: string, width: number): string {
	return width < 1 && cellWidth(text) > width ? '…' : cliTruncate(text, width, {position: 'start'});
}
