import {defineConfig} from 'vitest/config';

/**
 * The unit tests that guard src/domain, src/state and src/commands, for `npm run mutation`. Stryker
 * reruns them for every mutant, so nothing here may need the build (no global setup) or a pty. The
 * property tests (2,000 random inputs each) are left out: they prove that nothing unsafe is ever
 * drawn, not what a rule answers, and at their size they would cost most of the run; the score is
 * the example tests'.
 */
export default defineConfig({
	test: {
		include: ['test/{domain,state,commands}/**/*.test.{ts,tsx}'],
		exclude: ['test/domain/properties.test.ts'],
		testTimeout: 20_000,
		// One module graph for all the files a mutant run picks: far less start-up per run. Mutants
		// are switched at run time (Stryker's mutant switching), so nothing needs a fresh import.
		isolate: false,
		// TIMINGS off: instrumented code is slow, so the few time budgets in these tests are not checked.
		env: {TZ: 'UTC', FORCE_COLOR: '1', TIMINGS: 'off'},
	},
});
