import {defineConfig} from 'vitest/config';

// End-to-end tests against a real Synapse. Run them with `npm run test:e2e` (scripts/e2e.sh),
// which starts the homeserver and sets MATRIX_E2E_HOMESERVER.
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.e2e.test.{ts,tsx}'],
		setupFiles: ['test/e2e/support/cleanup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// One homeserver is shared by every file: keep files sequential so they do not compete
		// for it (and so failures are easier to read in its log).
		fileParallelism: false,
	},
});
