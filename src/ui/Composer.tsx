/** The input line. Only draws; keys are turned into edits by the key bindings. */
import {c} from './colors.js';
import React from 'react';
import {Box, Text} from 'ink';
import {useAppState} from '../state/hooks.js';
import {cellWidth} from '../domain/text-width.js';
import {sanitizeText} from '../domain/sanitize.js';
import {graphemes} from '../state/graphemes.js';

export function Composer({width, placeholder}: {width: number; placeholder: string}) {
	const {text, cursor} = useAppState((state) => state.composer);
	const focused = useAppState((state) => state.focus === 'composer');
	const prompt = '> ';
	const room = width - prompt.length - 1;
	// What the user types is theirs, but a pasted escape sequence still must not reach the terminal.
	const before = sanitizeText(text.slice(0, cursor));
	const atCursor = firstGrapheme(text.slice(cursor));
	const after = sanitizeText(text.slice(cursor + atCursor.length));
	const cursorText = atCursor ? sanitizeText(atCursor) : ' ';
	// Keep the cursor in view: drop graphemes from the left of long input.
	const visibleBefore = tailFitting(before, Math.max(0, room - cellWidth(cursorText)));
	return (
		<Box width={width} height={1}>
			<Text color={c(focused ? 'cyan' : 'gray')}>{prompt}</Text>
			{text ? (
				<Text wrap="truncate">
					{visibleBefore}
					<Text inverse={focused}>{cursorText}</Text>
					{after}
				</Text>
			) : (
				<Text wrap="truncate">
					<Text inverse={focused}> </Text>
					<Text dimColor>{placeholder}</Text>
				</Text>
			)}
		</Box>
	);
}

function firstGrapheme(text: string): string {
	for (const {segment} of graphemes(text)) return segment;
	return '';
}

function tailFitting(text: string, width: number): string {
	if (cellWidth(text) <= width) return text;
	const parts = [...graphemes(text)].map((part) => part.segment);
	let result = '';
	let used = 1; // the '…' marker
	for (let index = parts.length - 1; index >= 0; index--) {
		const next = cellWidth(parts[index]!);
		if (used + next > width) break;
		result = parts[index]! + result;
		used += next;
	}
	return `…${result}`;
}
