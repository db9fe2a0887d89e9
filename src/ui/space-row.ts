/**
 * The selector row above the room list: "All · Work · Games · Other", the chosen one in brackets,
 * each name cut to a few cells; when they do not all fit, the ones around the chosen one, "…" where
 * some are left out.
 */
import type {SpaceOption} from '../state/space-choice.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';

const NAME_CELLS = 10;
const SEPARATOR = ' · ';
const MORE = '…';

/** `names` are sanitized already (space-choice.ts); `chosen` is the index of the option in force. */
export function spaceRow(options: readonly SpaceOption[], chosen: number, width: number): string {
	const labels = options.map((option, index) => {
		const name = truncateToWidth(option.name, NAME_CELLS);
		return index === chosen ? `[${name}]` : name;
	});
	let first = chosen;
	let last = chosen;
	const fits = (from: number, to: number) => cellWidth(joined(labels, from, to)) <= width;
	// Too narrow for even the chosen one with its "…": the chosen one alone, cut.
	if (!fits(chosen, chosen)) return truncateToWidth(labels[chosen] ?? '', width);
	// Grow the window one label at a time, after the chosen one first, while the row fits.
	for (let grew = true; grew; ) {
		grew = false;
		if (last + 1 < labels.length && fits(first, last + 1)) {
			last++;
			grew = true;
		}
		if (first > 0 && fits(first - 1, last)) {
			first--;
			grew = true;
		}
	}
	return truncateToWidth(joined(labels, first, last), width);
}

function joined(labels: readonly string[], first: number, last: number): string {
	const shown = labels.slice(first, last + 1).join(SEPARATOR);
	return `${first > 0 ? `${MORE} ` : ''}${shown}${last < labels.length - 1 ? ` ${MORE}` : ''}`;
}
