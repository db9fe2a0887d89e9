/** Homeserver, user and a hidden password; Enter moves on, and on the last field logs in. */
import {c} from './colors.js';
import React, {useState} from 'react';
import {Box, Text, useInput, useStdin} from 'ink';
import {sanitizeInline} from '../domain/sanitize.js';

export interface LoginValues {
	homeserver: string;
	user: string;
	password: string;
}

type Field = keyof LoginValues;
const FIELDS: Field[] = ['homeserver', 'user', 'password'];
const LABELS: Record<Field, string> = {homeserver: 'Homeserver', user: 'User', password: 'Password'};

export function LoginForm({initial, onSubmit, onCancel}: {initial: Partial<LoginValues>; onSubmit: (values: LoginValues) => Promise<string | undefined>; onCancel: () => void}) {
	const [values, setValues] = useState<LoginValues>({homeserver: initial.homeserver || 'https://matrix.org', user: initial.user ?? '', password: ''});
	const [field, setField] = useState<Field>(initial.user ? 'password' : 'homeserver');
	const [error, setError] = useState<string>();
	const [busy, setBusy] = useState(false);
	const {isRawModeSupported} = useStdin();

	useInput(
		(input, key) => {
			if (busy) return;
			if (key.ctrl && input === 'c') return onCancel();
			const index = FIELDS.indexOf(field);
			if (key.upArrow || (key.shift && key.tab)) return setField(FIELDS[Math.max(0, index - 1)]!);
			if (key.downArrow || key.tab) return setField(FIELDS[Math.min(FIELDS.length - 1, index + 1)]!);
			if (key.return) {
				if (index < FIELDS.length - 1) return setField(FIELDS[index + 1]!);
				const missing = FIELDS.find((name) => !values[name].trim());
				if (missing) return setError(`${LABELS[missing]} is empty`);
				setBusy(true);
				setError(undefined);
				void onSubmit(values).then((failure) => {
					setBusy(false);
					if (failure) setError(failure);
				});
				return;
			}
			if (key.backspace || key.delete) return setValues({...values, [field]: [...values[field]].slice(0, -1).join('')});
			if (key.ctrl || key.meta || key.escape || input === '') return;
			setValues({...values, [field]: values[field] + input.replace(/[\r\n]/g, '')});
		},
		{isActive: isRawModeSupported},
	);

	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1} width={64}>
			<Text bold>matrix-tui — log in</Text>
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
