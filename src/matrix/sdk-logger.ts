/**
 * matrix-js-sdk logs through loglevel straight to the console, which would scribble over the
 * full-screen UI. Everything the SDK says goes to this logger instead: nowhere by default, or to a
 * file the user names with MATRIX_TUI_LOG.
 */
import {appendFileSync} from 'node:fs';
import {logger as sdkRootLogger, type Logger} from 'matrix-js-sdk/lib/logger.js';

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

function makeLogger(prefix: string): Logger {
	const at = (level: string) => (...args: unknown[]) => sink(level, prefix ? [prefix, ...args] : args);
	return {
		trace: at('trace'),
		debug: at('debug'),
		info: at('info'),
		warn: at('warn'),
		error: at('error'),
		getChild: (namespace: string) => makeLogger(prefix + namespace),
	};
}

export const quietLogger: Logger = makeLogger('');

/**
 * Silences the SDK's module-level loglevel logger and the child loggers made from it ("sync", …),
 * which keep levels of their own: replace the method factory, rebuild every child, go silent.
 */
export function silenceSdkRootLogger(): void {
	const root = sdkRootLogger as unknown as {methodFactory?: unknown; rebuild?: () => void; setLevel?: (level: string, persist?: boolean) => void};
	root.methodFactory = () => () => {};
	root.rebuild?.();
	root.setLevel?.('silent', false);
}
