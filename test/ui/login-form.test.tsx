import {afterEach, describe, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {LoginForm, type LoginValues} from '../../src/ui/LoginForm.js';
import {plain} from '../support/screen.js';
import {waitFor, waitForFrame, type FrameExpectation} from '../support/wait.js';

afterEach(() => cleanup());

function form(initial: Partial<LoginValues> = {}, answer: string | undefined = undefined, notice?: string) {
	const submitted: LoginValues[] = [];
	const rendered = render(
		<LoginForm
			initial={initial}
			notice={notice}
			onCancel={() => {}}
			onSubmit={async (values) => {
				submitted.push(values);
				return answer;
			}}
		/>,
	);
	const screen = () => plain(rendered.lastFrame());
	return {
		submitted,
		screen,
		waitFor: (expected: FrameExpectation) => waitForFrame(screen, expected, {timeoutMs: 5_000}),
		/** Waits until the form has handed over `count` submissions. */
		submittedTimes: (count: number) => waitFor(() => submitted.length === count, {timeoutMs: 5_000, describe: screen}),
		type(text: string): void {
			rendered.stdin.write(text);
		},
	};
}

/** The form inside its border, one entry per line, right-trimmed: what the user reads. */
function formLines(screen: string): string[] {
	return screen
		.split('\n')
		.slice(1, -1)
		.map((line) => line.replace(/^│ /, '').replace(/ *│$/, ''));
}

const HINT = 'Enter: next / log in · ↑↓ Tab: move · Ctrl+C: quit';

describe('LoginForm', () => {
	test('defaults to matrix.org, hides the password, submits all three fields', async () => {
		const login = form();
		expect(formLines(login.screen())).toEqual(['matrix-tui — log in', '› Homeserver https://matrix.org', '  User', '  Password', HINT]);
		login.type('\r');
		login.type('alice');
		login.type('\r');
		login.type('s3cret');
		const screen = await login.waitFor('••••••');
		expect(formLines(screen)).toEqual(['matrix-tui — log in', '  Homeserver https://matrix.org', '  User       alice', '› Password   ••••••', HINT]);
		expect(screen).not.toContain('s3cret');
		login.type('\r');
		await login.submittedTimes(1);
		expect(login.submitted).toEqual([{homeserver: 'https://matrix.org', user: 'alice', password: 's3cret'}]);
	});

	test('a failed login shows one line and keeps the fields', async () => {
		const login = form({homeserver: 'http://hs', user: '@a:hs'}, 'wrong user name or password');
		login.type('pw');
		login.type('\r');
		const screen = await login.waitFor('wrong user name or password');
		expect(formLines(screen)).toEqual(['matrix-tui — log in', '  Homeserver http://hs', '  User       @a:hs', '› Password   ••', HINT, 'wrong user name or password']);
	});

	test('after the server ended the session: prefilled, with the reason, cursor on the password', () => {
		const login = form({homeserver: 'http://hs', user: '@a:hs'}, undefined, 'The server ended your session');
		expect(formLines(login.screen())).toEqual(['matrix-tui — log in', 'The server ended your session', '  Homeserver http://hs', '  User       @a:hs', '› Password', HINT]);
	});

	test('an empty field is named, not sent', async () => {
		const login = form({homeserver: 'http://hs', user: '@a:hs'});
		login.type('\r');
		const screen = await login.waitFor('Password is empty');
		expect(formLines(screen)).toEqual(['matrix-tui — log in', '  Homeserver http://hs', '  User       @a:hs', '› Password', HINT, 'Password is empty']);
		expect(login.submitted).toEqual([]);
	});
});

describe('typeText', () => {
	test('"user\\rpassword\\r" in one chunk fills both fields and submits; the password never lands in the user field', async () => {
		const {typeText} = await import('../../src/ui/login-typing.js');
		const typed = typeText({homeserver: 'http://hs', user: '', password: ''}, 'user', 'alice\rs3cret\r');
		expect(typed).toEqual({values: {homeserver: 'http://hs', user: 'alice', password: 's3cret'}, field: 'password', submit: true});
	});

	test('Enter on the last field with an empty one names it', async () => {
		const {typeText} = await import('../../src/ui/login-typing.js');
		expect(typeText({homeserver: 'http://hs', user: '', password: ''}, 'password', 'pw\r')).toMatchObject({submit: false, missing: 'user'});
	});
});

test('a chunked "alice⏎s3cret⏎" logs in through the form', async () => {
	const login = form();
	login.type('\r');
	login.type('alice\rs3cret\r');
	await login.submittedTimes(1);
	expect(login.submitted).toEqual([{homeserver: 'https://matrix.org', user: 'alice', password: 's3cret'}]);
	const screen = await login.waitFor('› Password   ••••••');
	expect(formLines(screen).slice(1, 4)).toEqual(['  Homeserver https://matrix.org', '  User       alice', '› Password   ••••••']);
	expect(screen).not.toContain('s3cret');
});
