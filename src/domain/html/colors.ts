/** A sender's colour (`data-mx-color="#ff0000"`) → the nearest of the 16 terminal colours: never raw RGB. */
export type TerminalColor =
	| 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white'
	| 'gray' | 'redBright' | 'greenBright' | 'yellowBright' | 'blueBright' | 'magentaBright' | 'cyanBright' | 'whiteBright';

// xterm's defaults for the 16 colours.
const PALETTE: ReadonlyArray<readonly [TerminalColor, number, number, number]> = [
	['black', 0, 0, 0], ['red', 205, 0, 0], ['green', 0, 205, 0], ['yellow', 205, 205, 0],
	['blue', 0, 0, 238], ['magenta', 205, 0, 205], ['cyan', 0, 205, 205], ['white', 229, 229, 229],
	['gray', 127, 127, 127], ['redBright', 255, 0, 0], ['greenBright', 0, 255, 0], ['yellowBright', 255, 255, 0],
	['blueBright', 92, 92, 255], ['magentaBright', 255, 0, 255], ['cyanBright', 0, 255, 255], ['whiteBright', 255, 255, 255],
];

/** `hex` is `#rrggbb` (checked by the caller). */
export function nearestTerminalColor(hex: string): TerminalColor {
	const value = Number.parseInt(hex.slice(1), 16);
	const [r, g, b] = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
	let best = PALETTE[0]!;
	let bestDistance = Infinity;
	for (const entry of PALETTE) {
		const distance = (entry[1] - r) ** 2 + (entry[2] - g) ** 2 + (entry[3] - b) ** 2;
		if (distance < bestDistance) {
			best = entry;
			bestDistance = distance;
		}
	}
	return best[0];
}
