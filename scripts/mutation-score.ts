/**
 * A Stryker reporter (stryker.config.json loads it as a plugin) that prints the mutation score per
 * folder — src/domain, src/state, src/commands — at the end of `npm run mutation`: Stryker prints
 * it per file and for the whole run, but the aim (≥ 85 % killed) is per layer.
 */

/** The part of Stryker's report (mutation-testing-report-schema) this reporter reads. */
interface Report {
	files: Record<string, {mutants: ReadonlyArray<{status: string}>}>;
}

interface Tally {
	/** Killed or timed out: the tests noticed. */
	detected: number;
	survived: number;
	noCoverage: number;
}

// A timeout is a kill (the mutant hung the tests). Compile and runtime errors and ignored mutants
// say nothing about the tests: Stryker's own score leaves them out, and so does this one.
const DETECTED = new Set(['Killed', 'Timeout']);

function tallyByFolder(report: Report): Map<string, Tally> {
	const folders = new Map<string, Tally>();
	for (const [path, file] of Object.entries(report.files)) {
		const folder = path.replaceAll('\\', '/').split('/').slice(0, 2).join('/');
		let tally = folders.get(folder);
		if (!tally) folders.set(folder, (tally = {detected: 0, survived: 0, noCoverage: 0}));
		for (const {status} of file.mutants) {
			if (DETECTED.has(status)) tally.detected++;
			else if (status === 'Survived') tally.survived++;
			else if (status === 'NoCoverage') tally.noCoverage++;
		}
	}
	return new Map([...folders].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function scoreTable(folders: ReadonlyMap<string, Tally>): string {
	const all: Tally = {detected: 0, survived: 0, noCoverage: 0};
	for (const tally of folders.values()) {
		all.detected += tally.detected;
		all.survived += tally.survived;
		all.noCoverage += tally.noCoverage;
	}
	const rows = [['folder', 'killed', 'survived', 'no coverage', 'score']];
	for (const [folder, tally] of [...folders, ['all', all] as const]) {
		rows.push([folder, String(tally.detected), String(tally.survived), String(tally.noCoverage), score(tally)]);
	}
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
	return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

function score({detected, survived, noCoverage}: Tally): string {
	const total = detected + survived + noCoverage;
	return total === 0 ? 'n/a' : `${((detected / total) * 100).toFixed(1)}% of ${total}`;
}

class FolderScoreReporter {
	static inject = [] as const;
	onMutationTestReportReady(report: Report): void {
		console.log(`\nMutation score per folder:\n${scoreTable(tallyByFolder(report))}\n`);
	}
}

export const strykerPlugins = [{kind: 'Reporter', name: 'folder-score', injectableClass: FolderScoreReporter}];
