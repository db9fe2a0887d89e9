/**
 * The input: one row per line of the draft, up to a few, then it scrolls to keep the cursor in view.
 * Only draws; keys are turned into edits by the key bindings. While a prompt asks for something,
 * the prompt names it, and a password is drawn as bullets, never as itself.
 */
import {useRef} from 'react';
import {c} from './colors.js';
import {Box, Text} from 'ink';
import {useAppState} from '../state/hooks.js';
import {COMPOSER_MAX_ROWS, composerView, scrolledTop, type ComposerRow} from './composer-layout.js';

export function Composer({width, placeholder}: {width: number; placeholder: string}) {
	const composer = useAppState((state) => state.composer);
	const focused = useAppState((state) => state.focus === 'composer');
	const asking = useAppState((state) => state.prompt);
	const editing = useAppState((state) => state.editing);
	const {prompt, rows, cursorRow} = composerView({composer, prompt: asking, editing}, width);
	const height = Math.min(COMPOSER_MAX_ROWS, rows.length);
	// The first row shown stays where it was while the cursor is in view, as a pane scrolls.
	const top = useRef(0);
	top.current = scrolledTop(top.current, cursorRow, height, rows.length);
	const promptColor = c(asking ? 'yellow' : focused ? 'cyan' : 'gray');
	if (!composer.text) {
		return (
			<Box width={width} height={1}>
				<Box flexShrink={0}>
					<Text color={promptColor}>{prompt}</Text>
				</Box>
				<Text wrap="truncate">
					<Text inverse={focused}> </Text>
					<Text dimColor>{asking ? asking.placeholder : placeholder}</Text>
				</Text>
			</Box>
		);
	}
	const visible = rows.slice(top.current, top.current + height);
	return (
		<Box width={width} height={height} flexDirection="column">
			{visible.map((row, index) => (
				<Box key={top.current + index} width={width} height={1}>
					<Box flexShrink={0} width={prompt.length}>
						{/* The prompt on the draft's first row; a row scrolled off above or below is marked in its place. */}
						<Text color={promptColor}>{rowMark(prompt, top.current + index, index, visible.length, rows.length)}</Text>
					</Box>
					<Text wrap="truncate">{drawRow(row, top.current + index === cursorRow ? composer.cursor : undefined, focused)}</Text>
				</Box>
			))}
		</Box>
	);
}

function rowMark(prompt: string, row: number, shownIndex: number, shownCount: number, rowCount: number): string {
	if (row === 0) return prompt;
	const more = (shownIndex === 0 && row > 0) || (shownIndex === shownCount - 1 && row < rowCount - 1);
	return (more ? '⋮' : '').padStart(prompt.length - 1).padEnd(prompt.length);
}

/** A row's text, the character under the cursor inverted (a space after the row's end). */
function drawRow(row: ComposerRow, cursor: number | undefined, focused: boolean) {
	if (cursor === undefined) return row.cells.map((cell) => cell.shown).join('');
	const at = row.cells.findIndex((cell) => cell.index === cursor);
	const before = row.cells.slice(0, at === -1 ? row.cells.length : at);
	const after = at === -1 ? [] : row.cells.slice(at + 1);
	return (
		<>
			{before.map((cell) => cell.shown).join('')}
			<Text inverse={focused}>{at === -1 ? ' ' : row.cells[at]!.shown}</Text>
			{after.map((cell) => cell.shown).join('')}
		</>
	);
}
