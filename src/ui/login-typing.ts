/**
 * What keystrokes do to the login form, as a pure function. A chunk like "alice\rs3cret\r" (typed
 * ahead, pasted, or sent by tmux) is split so each line break is an Enter: otherwise the password
 * would land, visible, in the user field.
 */
export interface LoginValues {
	homeserver: string;
	user: string;
	password: string;
}

export type LoginField = keyof LoginValues;
export const LOGIN_FIELDS: readonly LoginField[] = ['homeserver', 'user', 'password'];

export interface LoginTyping {
	values: LoginValues;
	field: LoginField;
	/** Enter on the last field with every field filled: log in with `values`. */
	submit: boolean;
	/** The first empty field, when Enter on the last field found one. */
	missing?: LoginField;
}

export function typeText(values: LoginValues, field: LoginField, text: string): LoginTyping {
	let current: LoginTyping = {values, field, submit: false};
	const lines = text.split(/\r\n?|\n/);
	lines.forEach((line, index) => {
		if (current.submit) return;
		if (line) current = {...current, values: {...current.values, [current.field]: current.values[current.field] + line}};
		if (index < lines.length - 1) current = pressEnter(current.values, current.field);
	});
	return current;
}

export function pressEnter(values: LoginValues, field: LoginField): LoginTyping {
	const index = LOGIN_FIELDS.indexOf(field);
	if (index < LOGIN_FIELDS.length - 1) return {values, field: LOGIN_FIELDS[index + 1]!, submit: false};
	const missing = LOGIN_FIELDS.find((name) => !values[name].trim());
	return missing ? {values, field, submit: false, missing} : {values, field, submit: true};
}
