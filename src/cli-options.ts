/**
 * Command-line flags and environment → validated options, or one line saying what is wrong. One
 * table of flags drives meow's parsing, the pre-scan for unknown flags, validation and --help.
 */
import {asSyncMode} from './matrix/sync-mode.js';

interface FlagSpec {
	/** meow's (camelCase) name; on the command line it is kebab-case. */
	key: string;
	type: 'string' | 'boolean';
	/** What the value is, in --help ("--homeserver URL"). */
	value?: string;
	/** Fills the flag in when it is not given. */
	env?: string;
	help: string;
	/** A string value → the value kept, or what is wrong with it. */
	check?: (value: string) => {ok: true; value: string} | {ok: false; error: string};
}

const FLAGS = [
	{key: 'homeserver', type: 'string', value: 'URL', env: 'MATRIX_HOMESERVER', help: 'homeserver to use', check: checkHomeserver},
	{key: 'user', type: 'string', value: 'ID', env: 'MATRIX_USER', help: 'your user ID', check: checkUser},
	{key: 'accessToken', type: 'string', value: 'TOKEN', env: 'MATRIX_ACCESS_TOKEN', help: 'skip the login form'},
	{key: 'configDir', type: 'string', value: 'DIR', env: 'MATRIX_TUI_CONFIG_DIR', help: 'where settings and the session are kept'},
	{key: 'room', type: 'string', value: 'ROOM', help: 'open this room first (ID, alias or name)'},
	{key: 'demo', type: 'boolean', help: 'try it without an account: a built-in scenario server'},
	{key: 'logout', type: 'boolean', help: 'end the saved session on the server and forget it'},
	{key: 'clearCache', type: 'boolean', help: 'empty the local cache: this start is a full sync'},
	{key: 'sync', type: 'string', value: 'MODE', help: 'auto (default: sliding sync, MSC4186, where offered), classic or sliding', check: checkSync},
] as const satisfies readonly FlagSpec[];

type Flag = (typeof FLAGS)[number];
const SPECS: readonly FlagSpec[] = FLAGS;
type ValueOf<F extends Flag> = F['type'] extends 'string' ? string : boolean;

/** The flags as meow parses them: each one absent or of its type. */
type RawFlags = {[F in Flag as F['key']]?: ValueOf<F>};
export type CliOptions = {[F in Flag as F['key']]: F['type'] extends 'string' ? string | undefined : boolean};
type CliResult = {ok: true; options: CliOptions} | {ok: false; error: string};

/** meow's `flags` option (fromEntries forgets the keys; the table has them). */
export const MEOW_FLAGS = Object.fromEntries(FLAGS.map((flag) => [flag.key, {type: flag.type}])) as {[F in Flag as F['key']]: {type: F['type']}};

export const HELP = `
	Usage
	  $ matrix-tui [options]

	Options
${SPECS.map((flag) => `\t  ${helpLine(flag)}\n`).join('')}\t  --help, --version

	Environment
	  MATRIX_TUI_LOG=FILE    write the Matrix SDK's log to FILE

	In the app, /help lists commands and keys.
`;

function helpLine(flag: FlagSpec): string {
	const name = `--${kebab(flag.key)}${flag.value ? ` ${flag.value}` : ''}`;
	return `${name.padEnd(22)} ${flag.env ? `${flag.help.padEnd(28)} (env ${flag.env})` : flag.help}`;
}

export function resolveCliOptions(flags: RawFlags, env: NodeJS.ProcessEnv): CliResult {
	const given = flags as Readonly<Record<string, string | boolean | undefined>>;
	const options: Record<string, string | boolean | undefined> = {};
	for (const flag of SPECS) {
		const value = given[flag.key];
		if (flag.type === 'boolean') options[flag.key] = value ?? false;
		else options[flag.key] = value !== undefined ? value : (flag.env && env[flag.env]) || undefined;
	}
	const strings = SPECS.filter((flag) => flag.type === 'string');
	for (const flag of strings) {
		const value = options[flag.key];
		if (typeof value === 'string' && value.trim() === '') return {ok: false, error: `--${kebab(flag.key)} needs a value`};
	}
	for (const flag of strings) {
		const value = options[flag.key];
		if (typeof value !== 'string' || !flag.check) continue;
		const checked = flag.check(value);
		if (!checked.ok) return checked;
		options[flag.key] = checked.value;
	}
	const resolved = options as CliOptions;
	if (resolved.accessToken !== undefined && (!resolved.homeserver || !resolved.user)) {
		return {ok: false, error: '--access-token needs --homeserver and --user too'};
	}
	if (resolved.demo && resolved.logout) return {ok: false, error: '--demo and --logout cannot be used together'};
	return {ok: true, options: resolved};
}

function checkHomeserver(value: string): {ok: true; value: string} | {ok: false; error: string} {
	const url = parseUrl(value);
	return url ? {ok: true, value: url} : {ok: false, error: `--homeserver must be an http(s) URL, like https://matrix.org (got "${value}")`};
}

function checkSync(value: string): {ok: true; value: string} | {ok: false; error: string} {
	return asSyncMode(value) ? {ok: true, value} : {ok: false, error: `--sync must be auto, classic or sliding (got "${value}")`};
}

function checkUser(value: string): {ok: true; value: string} | {ok: false; error: string} {
	return /^(@[^:\s]+:\S+|[^@:\s]+)$/.test(value) ? {ok: true, value} : {ok: false, error: `--user must be a user ID like @alice:matrix.org or a bare name (got "${value}")`};
}

function parseUrl(text: string): string | undefined {
	try {
		const url = new URL(text);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
		return url.toString().replace(/\/+$/, '');
	} catch {
		return undefined;
	}
}

const KNOWN_FLAGS = new Set([...SPECS.map((flag) => kebab(flag.key)), 'help', 'version']);

/** The first argument that looks like a flag we do not have (meow's own message has no usage). */
export function unknownFlag(argv: readonly string[]): string | undefined {
	for (const argument of argv) {
		if (argument === '--') return undefined;
		const match = /^--?([^=]+)/.exec(argument);
		if (!match) continue;
		const name = match[1]!.replace(/^no-/, '');
		if (!KNOWN_FLAGS.has(name) && !KNOWN_FLAGS.has(kebab(name))) return argument.split('=')[0];
	}
	return undefined;
}

function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
