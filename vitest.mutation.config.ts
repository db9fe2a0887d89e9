import {defineConfig} from 'vitest/config';

/**
 * The unit tests that guard src/domain, src/state and src/commands, for `npm run mutation`. Stryker
 * reruns them for every mutant, so nothing here may need the build (no global setup) or a pty.
 */
export default defineConfig({
	test: {
		include: ['test/{domain,state,commands}/**/*.test.{ts,tsx}'],
		testTimeout: 20_000,
		env: {TZ: 'UTC', FORCE_COLOR: '1'},
	},
});
