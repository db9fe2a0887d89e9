/**
 * Sync and pagination tokens are one thing: `s<N>` marks the gap just before stream position N.
 * `since=sN` asks for events at N or later; `/messages?dir=b&from=sN` for events before N.
 */
export const tokenAt = (position: number): string => `s${position}`;

export function parseToken(token: string | null): number | undefined {
	if (token === null) return undefined;
	const match = /^s(\d+)$/.exec(token);
	return match ? Number(match[1]) : undefined;
}
