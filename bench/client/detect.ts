/**
 * What a frame shows, read from the virtual screen's text alone (never from the app's state), so the
 * bench measures what reaches the user. Member rows are recognised by the 5-digit serial every
 * synthetic member carries in its name; they only count inside the side panel.
 */

export interface ScreenText {
	readonly columns: number;
	readonly rows: number;
	lines(): string[];
	cell(row: number, column: number): string;
	textIn(row: number, from: number, to?: number): string;
}

/** The side panel is as wide as App.tsx makes it; used when no border can be found. */
const SIDE_PANEL_FALLBACK_WIDTH = 36;
const SERIAL = /(?<!\d)\d{5}(?!\d)/g;

/**
 * The column of the side panel's left border: the rightmost column holding '│' on at least 80% of
 * the main area's rows (all but composer and status bar).
 */
export function sidePanelColumn(screen: ScreenText): number {
	const mainRows = Math.max(1, screen.rows - 2);
	for (let column = screen.columns - 1; column > 0; column--) {
		let bars = 0;
		for (let row = 0; row < mainRows; row++) if (screen.cell(row, column) === '│') bars++;
		if (bars >= mainRows * 0.8) return column;
	}
	return screen.columns - SIDE_PANEL_FALLBACK_WIDTH;
}

/** The text of the side panel's rows (right of its border), main area only. */
export function sidePanelText(screen: ScreenText): string[] {
	const column = sidePanelColumn(screen) + 1;
	const rows: string[] = [];
	for (let row = 0; row < screen.rows - 2; row++) rows.push(screen.textIn(row, column));
	return rows;
}

/** Every distinct 5-digit serial in the texts. */
export function serialsIn(texts: readonly string[]): Set<number> {
	const found = new Set<number>();
	for (const text of texts) for (const match of text.matchAll(SERIAL)) found.add(Number(match[0]));
	return found;
}

/** How many distinct members with a serial in [from, to) the side panel shows. */
export function memberRowsShown(screen: ScreenText, range: readonly [number, number]): number {
	let count = 0;
	for (const serial of serialsIn(sidePanelText(screen))) if (serial >= range[0] && serial < range[1]) count++;
	return count;
}

/** The composer's text: the last line that starts with the "> " prompt, without it; undefined if none. */
export function composerText(lines: readonly string[]): string | undefined {
	for (let index = lines.length - 1; index >= 0; index--) {
		const line = lines[index]!;
		if (line.startsWith('> ')) return line.slice(2).trim();
	}
	return undefined;
}

/** True when a room's timeline header ("# Name") is on screen. */
export function roomShown(lines: readonly string[], roomName: string): boolean {
	const header = `# ${roomName}`;
	return lines.some((line) => line.includes(header));
}
