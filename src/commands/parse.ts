/** Composer text → Command. "/x …" is a command, "//x" sends "/x" as a message, the rest is a message. */
import type {ParseResult} from './command.js';
import {findCommand, firstWord} from './definitions.js';

export function parseInput(input: string): ParseResult {
	const text = input.trim();
	if (!text) return {ok: false, error: 'Nothing to send'};
	if (text.startsWith('//')) return {ok: true, command: {name: 'send', body: text.slice(1)}};
	if (!text.startsWith('/')) return {ok: true, command: {name: 'send', body: text}};
	const [word, rest] = firstWord(text.slice(1));
	const name = word.toLowerCase();
	const definition = findCommand(name);
	if (!definition) return {ok: false, error: `Unknown command /${name || ''} — /help lists the commands (start with // to send a message beginning with /)`};
	const parsed = definition.parse(rest);
	return typeof parsed === 'string' ? {ok: false, error: `/${definition.name} ${parsed} — usage: ${definition.usage}`} : {ok: true, command: parsed};
}
