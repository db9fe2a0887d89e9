import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		exclude: ['test/e2e/**', 'node_modules/**'],
		testTimeout: 20_000,
		globalSetup: ['test/global-setup.ts'],
		// Timeline times are local: pin the zone so screens read the same everywhere. Colours on, so
		// tests see the frames a terminal gets.
		env: {TZ: 'UTC', FORCE_COLOR: '1'},
	},
});
