/** Homeserver, user and a hidden password; Enter moves on, and on the last field logs in. */
import {c} from './colors.js';
import {useRef, useState} from 'react';
import {Box, Text, useInput, useStdin} from 'ink';
import {sanitizeInline} from '../domain/sanitize.js';
import {LOGIN_FIELDS, pressEnter, typeText, type LoginField, type LoginValues} from './login-typing.js';

export type {LoginValues} from './login-typing.js';

type Field = LoginField;
const FIELDS = LOGIN_FIELDS;
const LABELS: Record<Field, string> = {homeserver: 'Homeserver', user: 'User', password: 'Password'};

export function LoginForm({initial, notice, onSubmit, onCancel}: {initial: Partial<LoginValues>; notice?: string; onSubmit: (values: LoginValues) => Promise<string | undefined>; onCancel: () => void}) {
	const [form, setForm] = useState<{values: LoginValues; field: Field}>({
		values: {homeserver: initial.homeserver || 'https://matrix.org', user: initial.user ?? '', password: ''},
		field: initial.user ? 'password' : 'homeserver',
	});
	// Keys can arrive faster than React re-renders: always build on the latest form, not the last render's.
	const latest = useRef(form);
	const update = (next: {values: LoginValues; field: Field}) => {
		latest.current = next;
		setForm(next);
	};
	const {values, field} = form;
	const [error, setError] = useState<string>();
	const [busy, setBusy] = useState(false);
	const {isRawModeSupported} = useStdin();

	useInput(
		(input, key) => {
			if (busy) return;
			if (key.ctrl && input === 'c') return onCancel();
			const {values, field} = latest.current;
			const index = FIELDS.indexOf(field);
			if (key.upArrow || (key.shift && key.tab)) return update({values, field: FIELDS[Math.max(0, index - 1)]!});
			if (key.downArrow || key.tab) return update({values, field: FIELDS[Math.min(FIELDS.length - 1, index + 1)]!});
			if (key.backspace || key.delete) return update({values: {...values, [field]: [...values[field]].slice(0, -1).join('')}, field});
			if (key.ctrl || key.meta || key.escape) return;
			const typing = key.return ? pressEnter(values, field) : typeText(values, field, input);
			update({values: typing.values, field: typing.field});
			if (typing.missing) return setError(`${LABELS[typing.missing]} is empty`);
			if (!typing.submit) return;
			setBusy(true);
			setError(undefined);
			void onSubmit(typing.values).then((failure) => {
				setBusy(false);
				if (failure) setError(failure);
			});
		},
		{isActive: isRawModeSupported},
	);

	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1} width={64}>
			<Text bold>matrix-tui — log in</Text>
			{notice ? <Text color={c('yellow')}>{sanitizeInline(notice)}</Text> : null}
			{FIELDS.map((name) => (
				<Text key={name}>
					<Text color={c(field === name ? 'cyan' : undefined)}>{`${field === name ? '›' : ' '} ${LABELS[name].padEnd(11)}`}</Text>
					{name === 'password' ? '•'.repeat([...values.password].length) : sanitizeInline(values[name])}
					{field === name ? <Text inverse> </Text> : null}
				</Text>
			))}
			<Text dimColor>Enter: next / log in · ↑↓ Tab: move · Ctrl+C: quit</Text>
			{busy ? <Text color={c('yellow')}>Logging in…</Text> : null}
			{error ? <Text color={c('red')}>{sanitizeInline(error)}</Text> : null}
		</Box>
	);
}
