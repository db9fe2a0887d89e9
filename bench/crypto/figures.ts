/** bench:crypto's figures, and the short table it prints and keeps beside the JSON. */
import {formatNumber} from '../table.ts';

export interface CryptoFigures {
	events: number;
	megolmSessions: number;
	/** Events either store failed to decrypt in some pass (0, or the figures mean little). */
	undecrypted: number;
	persistentMsPerEvent: number;
	memoryMsPerEvent: number;
	persistentFirstPassMsPerEvent: number;
	ratio: number;
	restartToFirstDecryptedMs: number;
	restartToConnectedMs: number;
	/** The same launch in the same room, without the crypto: → connected. */
	withoutCryptoToConnectedMs: number;
	rssWithCryptoMb: number;
	rssWithoutCryptoMb: number;
}

/** Issue 14's target: the persistent store at most twice as slow as the in-memory one. */
export const RATIO_TARGET = 2;

export function formatCryptoTable(figures: CryptoFigures, context: {runs: number; machine: string}): string {
	const rows: Array<[string, string]> = [
		[`decrypt ${figures.events} events (${figures.megolmSessions} Megolm sessions), persistent store`, `${formatNumber(figures.persistentMsPerEvent)} ms/event (first pass ${formatNumber(figures.persistentFirstPassMsPerEvent)})`],
		['the same, in-memory store', `${formatNumber(figures.memoryMsPerEvent)} ms/event`],
		['ratio persistent ÷ in-memory', `${formatNumber(figures.ratio)}× (target ≤ ${RATIO_TARGET}× ${figures.ratio <= RATIO_TARGET ? '✓' : '✗'})`],
		['restart: launch → first decrypted message', `${figures.restartToFirstDecryptedMs} ms (→ connected ${figures.restartToConnectedMs} ms; without crypto ${figures.withoutCryptoToConnectedMs} ms)`],
		['RSS, one synced client: with crypto / without', `${figures.rssWithCryptoMb} / ${figures.rssWithoutCryptoMb} MB`],
		['events not decrypted', String(figures.undecrypted)],
	];
	const width = Math.max(...rows.map(([name]) => name.length));
	return [`bench:crypto — medians of ${context.runs} run(s); ${context.machine}`, ...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`)].join('\n');
}
