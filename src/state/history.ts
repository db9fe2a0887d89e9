/** ↑/↓ input history, per room, like a shell: ↑ walks back, ↓ forward, past the newest restores the draft. */
export interface HistoryCursor {
	roomId: string;
	/** Index into the room's history; history.length means "the draft". */
	index: number;
	draft: string;
}

const MAX_ENTRIES = 100;

export function remember(history: readonly string[] | undefined, text: string): string[] {
	const entries = (history ?? []).filter((entry) => entry !== text);
	entries.push(text);
	return entries.slice(-MAX_ENTRIES);
}

/** The text to show after moving `delta` (−1 older, +1 newer), or undefined if there is nowhere to go. */
export function step(history: readonly string[], cursor: HistoryCursor | undefined, roomId: string, currentText: string, delta: -1 | 1): {text: string; cursor: HistoryCursor} | undefined {
	const current = cursor && cursor.roomId === roomId ? cursor : {roomId, index: history.length, draft: currentText};
	const index = current.index + delta;
	if (index < 0 || index > history.length) return undefined;
	const text = index === history.length ? current.draft : history[index]!;
	return {text, cursor: {...current, index}};
}
