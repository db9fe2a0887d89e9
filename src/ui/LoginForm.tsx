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

export function LoginForm({initial, notice, onSubmit, onCancel}: {initial: Partial<LoginValues>; notice?: string; onSubmit: (values: LoginValues) => Promise<string | undefined>; onCancel: () => void}) {
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
			if (key.backspace || key.delete) return setValues({...values, [field]: [...values[field]].slice(0, -1).join('')});
			// Fast typing (or tmux send-keys) can deliver "text\r" as one chunk: the \r is Enter.
			const enter = key.return || /[\r\n]$/.test(input);
			const typed = key.ctrl || key.meta || key.escape || key.return ? '' : input.replace(/[\r\n]/g, '');
			const next = typed ? {...values, [field]: values[field] + typed} : values;
			if (typed) setValues(next);
			if (!enter) return;
			if (index < FIELDS.length - 1) return setField(FIELDS[index + 1]!);
			const missing = FIELDS.find((name) => !next[name].trim());
			if (missing) return setError(`${LABELS[missing]} is empty`);
			setBusy(true);
			setError(undefined);
			void onSubmit(next).then((failure) => {
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
