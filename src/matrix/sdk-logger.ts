/**
 * Where everything matrix-js-sdk says goes: nowhere by default, or to a file the user names with
 * MATRIX_TUI_LOG — never the console, which would scribble over the full-screen UI (and a worker
 * thread's console reaches the parent's terminal).
 *
 * One mechanism covers it all: the SDK's built-in global logger is a loglevel logger, and a client
 * created without a `logger` of its own logs through it too (createClient's documented default),
 * its children ("sync", …) included. Its output is decided by a loglevel plugin: a methodFactory,
 * then rebuild() — loglevel's documented plugin API.
 */
import {appendFileSync} from 'node:fs';
// The SDK deprecates its global logger for everyone but MatrixClient's constructor, yet its own
// modules log through it (not through a client's logger): routing it is the only way to reach them.
import {logger as deprecatedGlobalLogger, type Logger} from 'matrix-js-sdk/lib/logger.js';

// eslint-disable-next-line @typescript-eslint/no-deprecated
const globalLogger: Logger = deprecatedGlobalLogger;

/** The part of loglevel's plugin API used here. */
interface LoglevelPlugin {
	methodFactory: (level: string, levelNumber: number, name: unknown) => (...args: unknown[]) => void;
	rebuild(): void;
}

type Sink = (level: string, args: unknown[]) => void;

let sink: Sink = () => {};

export function logSdkTo(file: string | undefined): void {
	sink = file
		? (level, args) => {
				try {
					appendFileSync(file, `${new Date().toISOString()} ${level} ${args.map(describe).join(' ')}\n`, {mode: 0o600});
				} catch {
					// Logging must never take the client down.
				}
			}
		: () => {};
}

function describe(value: unknown): string {
	if (value instanceof Error) return value.message;
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
}

/**
 * Child loggers the SDK makes while its modules load, before this can run: a child copies its
 * parent's methodFactory when made, and getChild() of an existing name hands it the parent's
 * current one (the Logger interface: changes "need to be applied to the child manually").
 */
const CHILDREN_MADE_AT_IMPORT = ['RoomStickyEvents'];

let routed = false;

/** Sends all the SDK's logging to the sink (idempotent; before the first client is made). */
export function routeSdkLogging(): void {
	if (routed) return;
	routed = true;
	// The SDK documents its global logger as a loglevel one, though it types it as a plain Logger.
	if (!isLoglevel(globalLogger)) return;
	globalLogger.methodFactory = (level, _levelNumber, name) => (...args) => sink(level, [`[${String(name)}]`, ...args]);
	globalLogger.rebuild();
	for (const name of CHILDREN_MADE_AT_IMPORT) globalLogger.getChild(name);
}

function isLoglevel(logger: Logger): logger is Logger & LoglevelPlugin {
	return 'methodFactory' in logger && 'rebuild' in logger && typeof logger.rebuild === 'function';
}
