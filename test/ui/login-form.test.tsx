import React from 'react';
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {LoginForm, type LoginValues} from '../../src/ui/LoginForm.js';
import {plain, tick} from '../support/screen.js';

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
	return {
		submitted,
		screen: () => plain(rendered.lastFrame()),
		async type(text: string) {
			rendered.stdin.write(text);
			await tick();
		},
	};
}

describe('LoginForm', () => {
	test('defaults to matrix.org, hides the password, submits all three fields', async () => {
		const login = form();
		expect(login.screen()).toContain('https://matrix.org');
		await login.type('\r');
		await login.type('alice');
		await login.type('\r');
		await login.type('s3cret');
		expect(login.screen()).toContain('••••••');
		expect(login.screen()).not.toContain('s3cret');
		await login.type('\r');
		expect(login.submitted).toEqual([{homeserver: 'https://matrix.org', user: 'alice', password: 's3cret'}]);
	});

	test('a failed login shows one line and keeps the fields', async () => {
		const login = form({homeserver: 'http://hs', user: '@a:hs'}, 'wrong user name or password');
		await login.type('pw');
		await login.type('\r');
		await tick();
		expect(login.screen()).toContain('wrong user name or password');
		expect(login.screen()).toContain('@a:hs');
	});

	test('after the server ended the session: prefilled, with the reason, cursor on the password', async () => {
		const login = form({homeserver: 'http://hs', user: '@a:hs'}, undefined, 'The server ended your session');
		expect(login.screen()).toContain('The server ended your session');
		expect(login.screen()).toMatch(/› Password/);
	});

	test('an empty field is named, not sent', async () => {
		const login = form({homeserver: 'http://hs', user: '@a:hs'});
		await login.type('\r');
		expect(login.submitted).toEqual([]);
		expect(login.screen()).toContain('Password is empty');
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
	await login.type('\r');
	await login.type('alice\rs3cret\r');
	expect(login.submitted).toEqual([{homeserver: 'https://matrix.org', user: 'alice', password: 's3cret'}]);
	expect(login.screen()).not.toContain('s3cret');
});
