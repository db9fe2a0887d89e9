/**
 * Fuzzy matching for the room switcher: the query's characters must appear in order; matches at
 * word starts and in runs score higher, so "pd" finds "Proposals demo" before "spread".
 */
export function fuzzyScore(query: string, text: string): number | undefined {
	const needle = query.toLowerCase();
	const hay = text.toLowerCase();
	if (!needle) return 0;
	let score = 0;
	let from = 0;
	let previous = -2;
	for (const char of needle) {
		const at = hay.indexOf(char, from);
		if (at === -1) return undefined;
		score += 1;
		if (at === previous + 1) score += 3;
		if (at === 0 || /[\s#!@:._-]/.test(hay[at - 1]!)) score += 5;
		previous = at;
		from = at + 1;
	}
	// Prefer shorter texts among equals: a closer match.
	return score - hay.length / 100;
}

export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (item: T) => string): T[] {
	return items
		.map((item) => ({item, score: fuzzyScore(query, textOf(item))}))
		.filter((entry): entry is {item: T; score: number} => entry.score !== undefined)
		.sort((a, b) => b.score - a.score)
		.map((entry) => entry.item);
}
