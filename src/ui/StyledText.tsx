/** Draws a formatted message's spans (domain/html/spans.ts): the UI adds nothing but the styles. */

import {Text} from 'ink';
import {c} from './colors.js';
import {hyperlink} from '../domain/html/links.js';
import type {StyledSpan} from '../domain/html/spans.js';
import {cellWidth} from '../domain/text-width.js';

/** A hidden spoiler keeps its width (the layout stays the same when revealed), none of its letters. */
const SPOILER_CELL = '░';

export function StyledSpans({spans, revealSpoilers, hyperlinks}: {spans: readonly StyledSpan[]; revealSpoilers: boolean; hyperlinks: boolean}) {
	return (
		<>
			{spans.map((span, index) => {
				const {style} = span;
				const hidden = style.spoiler === true && !revealSpoilers;
				const text = hidden ? SPOILER_CELL.repeat(cellWidth(span.text)) : span.text;
				const linked = !hidden && hyperlinks && style.link !== undefined ? hyperlink(text, style.link) : text;
				return (
					<Text
						key={index}
						bold={style.bold}
						italic={style.italic}
						underline={style.underline}
						strikethrough={style.strike}
						dimColor={style.dim || hidden}
						color={c(style.color ?? (style.code ? 'yellow' : style.link ? 'blue' : undefined))}
						backgroundColor={c(style.background)}
					>
						{linked}
					</Text>
				);
			})}
		</>
	);
}
