/** Command-line flags and environment → validated options, or one line saying what is wrong. */
export interface CliOptions {
	homeserver?: string;
	user?: string;
	accessToken?: string;
	configDir?: string;
	room?: string;
	demo: boolean;
	logout: boolean;
}

export interface RawFlags {
	homeserver?: string;
	user?: string;
	accessToken?: string;
	configDir?: string;
	room?: string;
	demo?: boolean;
	logout?: boolean;
}

export type CliResult = {ok: true; options: CliOptions} | {ok: false; error: string};

export function resolveCliOptions(flags: RawFlags, env: NodeJS.ProcessEnv): CliResult {
	const pick = (flag: string | undefined, variable: string) => (flag !== undefined ? flag : env[variable] || undefined);
	const options: CliOptions = {
		homeserver: pick(flags.homeserver, 'MATRIX_HOMESERVER'),
		user: pick(flags.user, 'MATRIX_USER'),
		accessToken: pick(flags.accessToken, 'MATRIX_ACCESS_TOKEN'),
		configDir: pick(flags.configDir, 'MATRIX_TUI_CONFIG_DIR'),
		room: flags.room,
		demo: flags.demo ?? false,
		logout: flags.logout ?? false,
	};
	for (const [name, value] of [['--homeserver', options.homeserver], ['--user', options.user], ['--access-token', options.accessToken], ['--config-dir', options.configDir], ['--room', options.room]] as const) {
		if (value !== undefined && value.trim() === '') return {ok: false, error: `${name} needs a value`};
	}
	if (options.homeserver !== undefined) {
		const url = parseUrl(options.homeserver);
		if (!url) return {ok: false, error: `--homeserver must be an http(s) URL, like https://matrix.org (got "${options.homeserver}")`};
		options.homeserver = url;
	}
	if (options.user !== undefined && !/^(@[^:\s]+:\S+|[^@:\s]+)$/.test(options.user)) {
		return {ok: false, error: `--user must be a user ID like @alice:matrix.org or a bare name (got "${options.user}")`};
	}
	if (options.accessToken !== undefined && (!options.homeserver || !options.user)) {
		return {ok: false, error: '--access-token needs --homeserver and --user too'};
	}
	if (options.demo && options.logout) return {ok: false, error: '--demo and --logout cannot be used together'};
	return {ok: true, options};
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

const KNOWN_FLAGS = new Set(['homeserver', 'user', 'access-token', 'config-dir', 'room', 'demo', 'logout', 'help', 'version']);

/** The first argument that looks like a flag we do not have (meow's own message has no usage). */
export function unknownFlag(argv: readonly string[]): string | undefined {
	for (const argument of argv) {
		if (argument === '--') return undefined;
		const match = /^--?([^=]+)/.exec(argument);
		if (!match) continue;
		const name = match[1]!.replace(/^no-/, '');
		if (!KNOWN_FLAGS.has(name) && !KNOWN_FLAGS.has(camelToKebab(name))) return argument.split('=')[0];
	}
	return undefined;
}

function camelToKebab(name: string): string {
	return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
