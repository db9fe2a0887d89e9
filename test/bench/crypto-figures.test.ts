import {describe, expect, it} from 'vitest';
import {formatCryptoTable, RATIO_TARGET, type CryptoFigures} from '../../bench/crypto/figures.ts';

const figures: CryptoFigures = {
	events: 500,
	megolmSessions: 5,
	undecrypted: 0,
	persistentMsPerEvent: 2.2,
	memoryMsPerEvent: 0.29,
	persistentFirstPassMsPerEvent: 3.26,
	ratio: 7.59,
	restartToFirstDecryptedMs: 2400,
	restartToConnectedMs: 2100,
	withoutCryptoToConnectedMs: 1900,
	rssWithCryptoMb: 160,
	rssWithoutCryptoMb: 120,
};

const row = (table: string, start: string) => table.split('\n').find((line) => line.startsWith(start));

describe('formatCryptoTable', () => {
	it('prints each figure on its row, with the context first', () => {
		const table = formatCryptoTable(figures, {runs: 3, machine: 'a CPU, 2 cores'});
		expect(table.split('\n')[0]).toBe('bench:crypto — medians of 3 run(s); a CPU, 2 cores');
		expect(row(table, 'decrypt 500 events (5 Megolm sessions), persistent store')).toMatch(/2\.20 ms\/event \(first pass 3\.26\)$/);
		expect(row(table, 'the same, in-memory store')).toMatch(/0\.290 ms\/event$/);
		expect(row(table, 'restart: launch → first decrypted message')).toMatch(/2400 ms \(→ connected 2100 ms; without crypto 1900 ms\)$/);
		expect(row(table, 'RSS, one synced client: with crypto / without')).toMatch(/160 \/ 120 MB$/);
		expect(row(table, 'events not decrypted')).toMatch(/ 0$/);
	});

	it('marks the ratio against the 2× target: over it fails, at it passes', () => {
		expect(row(formatCryptoTable(figures, {runs: 1, machine: 'm'}), 'ratio')).toMatch(/7\.59× \(target ≤ 2× ✗\)$/);
		expect(row(formatCryptoTable({...figures, ratio: RATIO_TARGET}, {runs: 1, machine: 'm'}), 'ratio')).toMatch(/2\.00× \(target ≤ 2× ✓\)$/);
	});
});
