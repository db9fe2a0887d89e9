/**
 * `npm run lint`. typescript-eslint needs the TypeScript compiler API, which TypeScript 7 (our
 * build compiler, package `typescript7`) does not have: it loads TypeScript 5.9 (package
 * `typescript`) and reads the same tsconfig.json through the project service.
 */
import js from '@eslint/js';
import {defineConfig} from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * The layers (domain → matrix → state → ui; commands beside state, over the protocol) as import
 * rules. Patterns name the other layers' folders, so a layer may grow subfolders of its own.
 */
const LAYERS = ['domain', 'matrix', 'state', 'commands', 'ui', 'demo'];
const folders = (...names) => names.flatMap((name) => [`**/${name}`, `**/${name}/*`]);
const SDK = {group: ['matrix-js-sdk', 'matrix-js-sdk/*'], message: 'Only src/matrix talks to the SDK.'};
const REACT = {group: ['react', 'react/*', 'ink', 'ink-*'], message: 'Only src/state hooks and src/ui draw.'};
const MATRIX_ONLY_VIA_PROTOCOL = {
	group: ['**/matrix/*', '!**/matrix/protocol.js', '!**/matrix/protocol.ts'],
	message: 'Reach the matrix layer only through matrix/protocol.ts (what crosses the worker thread).',
};

function layer(files, ...patterns) {
	return {files, rules: {'no-restricted-imports': ['error', {patterns}]}};
}

export default defineConfig(
	{ignores: ['dist/**', 'bench/results/**', 'screenshots/**', 'reports/**', '.stryker-tmp/**']},
	js.configs.recommended,
	tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {
			// A switch over a union must name every case or say what the rest do (`default`).
			'@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: true}],
			// matrix-js-sdk deprecates before it removes: hear about it while the replacement is named.
			'@typescript-eslint/no-deprecated': 'error',
			// `return promise` inside try skips the catch and the finally's timing.
			'@typescript-eslint/return-await': ['error', 'in-try-catch'],
			eqeqeq: ['error', 'smart'],
			// `const {secret: _secret, ...rest} = event` is how this code drops keys from untrusted JSON.
			'@typescript-eslint/no-unused-vars': ['error', {ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			// A terminal client matches escape sequences and C0/C1 controls on purpose (the sanitizer,
			// the ANSI parsers of tests and tools): every such regex would need a disable comment.
			'no-control-regex': 'off',
		},
	},
	{
		files: ['src/**'],
		rules: {
			// Ink owns the terminal and the app silences the console (a stray write would tear the
			// full-screen UI), so a console call in src is either lost or a bug: report through the UI.
			'no-console': 'error',
		},
	},
	{
		files: ['test/**'],
		rules: {
			// Tests read the demo server's JSON bodies (`await response.json()`, `any`) and assert on
			// them: a wrong guess fails the assertion, so typing every body buys nothing.
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			// Fakes are `async` without awaiting so that they keep the Promise-returning signature they
			// stand in for and a throw becomes a rejection, as in the real thing.
			'@typescript-eslint/require-await': 'off',
		},
	},
	layer(['src/domain/**'], SDK, REACT, {
		group: [...folders(...LAYERS.filter((name) => name !== 'domain')), '**/cli.js', '**/chat.js', '**/config.js'],
		message: 'src/domain is pure rules over event JSON: it imports nothing from the other layers.',
	}),
	layer(['src/matrix/**'], REACT, {group: folders('state', 'commands', 'ui', 'demo'), message: 'src/matrix builds on src/domain only.'}),
	layer(['src/state/**'], SDK, MATRIX_ONLY_VIA_PROTOCOL, {group: [...folders('commands', 'ui', 'demo'), 'ink', 'ink-*'], message: 'src/state does not know the commands or the UI.'}),
	layer(['src/commands/**'], SDK, REACT, MATRIX_ONLY_VIA_PROTOCOL, {group: folders('ui', 'demo'), message: 'Commands are values and their execution: no UI.'}),
	layer(['src/ui/**', 'src/chat.tsx'], SDK, MATRIX_ONLY_VIA_PROTOCOL, {group: folders('demo'), message: 'The UI does not know the demo server.'}),
	{
		files: ['**/*.js'],
		extends: [tseslint.configs.disableTypeChecked],
		languageOptions: {globals: {process: 'readonly'}},
	},
);
