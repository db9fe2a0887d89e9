/**
 * The mutation score per folder (src/domain, src/state, src/commands), read from Stryker's JSON
 * report: Stryker prints it per file and for the whole run, but the aim (≥ 85 % killed) is per layer.
 *
 * Usage: node scripts/mutation-score.ts [reports/mutation/mutation.json]
 */
import {readFileSync} from 'node:fs';

/** The part of mutation-testing-report-schema this script reads. */
interface Report {
	files: Record<string, {mutants: Array<{status: string}>}>;
}

interface Tally {
	killed: number;
	survived: number;
	noCoverage: number;
	/** Killed + timed out + survived + no coverage: the mutants that count (Stryker's "valid"). */
	total: number;
}

// A timeout is a kill (the mutant hung the tests); compile and runtime errors, and mutants that
// Stryker ignores, say nothing about the tests, so Stryker's own score leaves them out too.
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function tallyByFolder(report: Report): Map<string, Tally> {
	const folders = new Map<string, Tally>();
	for (const [path, file] of Object.entries(report.files)) {
		const folder = path.replaceAll('\\', '/').split('/').slice(0, 2).join('/');
		let tally = folders.get(folder);
		if (!tally) folders.set(folder, (tally = {killed: 0, survived: 0, noCoverage: 0, total: 0}));
		for (const {status} of file.mutants) {
			if (DETECTED.has(status)) tally.killed++;
			else if (status === 'Survived') tally.survived++;
			else if (status === 'NoCoverage') tally.noCoverage++;
			if (DETECTED.has(status) || UNDETECTED.has(status)) tally.total++;
		}
	}
	return new Map([...folders].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function scoreTable(folders: ReadonlyMap<string, Tally>): string {
	const rows = [['folder', 'killed', 'survived', 'no coverage', 'score']];
	let killed = 0;
	let total = 0;
	for (const [folder, tally] of folders) {
		rows.push([folder, String(tally.killed), String(tally.survived), String(tally.noCoverage), percent(tally.killed, tally.total)]);
		killed += tally.killed;
		total += tally.total;
	}
	rows.push(['all', String(killed), '', '', percent(killed, total)]);
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
	return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

function percent(part: number, whole: number): string {
	return whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(1)}% of ${whole}`;
}

const file = process.argv[2] ?? 'reports/mutation/mutation.json';
console.log(scoreTable(tallyByFolder(JSON.parse(readFileSync(file, 'utf8')) as Report)));
