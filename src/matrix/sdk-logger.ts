/**
 * Where everything matrix-js-sdk says goes: nowhere by default, or to a file the user names with
 * MATRIX_TUI_LOG — never the console, which would scribble over the full-screen UI (and a worker
 * thread's console reaches the parent's terminal).
 *
 * The SDK logs two ways, and both are routed here, once: a client logs through the logger it is
 * created with (createClient's `logger` option: `sdkLogger`); code that has no client at hand logs
 * through the SDK's module-level loglevel logger, whose output a loglevel plugin decides
 * (methodFactory, then rebuild — loglevel's documented plugin API).
 */
import {appendFileSync} from 'node:fs';
import {logger as moduleLogger, type Logger} from 'matrix-js-sdk/lib/logger.js';

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

function loggerWithPrefix(prefix: string): Logger {
	const at = (level: string) => (...args: unknown[]) => sink(level, prefix ? [prefix, ...args] : args);
	return {
		trace: at('trace'),
		debug: at('debug'),
		info: at('info'),
		warn: at('warn'),
		error: at('error'),
		getChild: (namespace: string) => loggerWithPrefix(prefix + namespace),
	};
}

/** For createClient's `logger` option. */
export const sdkLogger: Logger = loggerWithPrefix('');

/**
 * Child loggers the SDK makes from its module-level logger while its modules load, before ours can
 * run: a child copies its parent's methodFactory when made, and `getChild` of an existing name hands
 * it the parent's current one.
 */
const CHILDREN_MADE_AT_IMPORT = ['RoomStickyEvents'];

let routed = false;

/** Sends the SDK's module-level logging to the same place as sdkLogger's (idempotent). */
export function routeSdkModuleLogging(): void {
	if (routed) return;
	routed = true;
	// The SDK documents this logger as a loglevel one; it types it as a plain Logger.
	if (!('methodFactory' in moduleLogger) || !('rebuild' in moduleLogger) || typeof moduleLogger.rebuild !== 'function') return;
	moduleLogger.methodFactory = (level: string) => (...args: unknown[]) => sink(level, args);
	moduleLogger.rebuild();
	for (const name of CHILDREN_MADE_AT_IMPORT) moduleLogger.getChild(name);
}
