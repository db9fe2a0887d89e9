/**
 * Ink's options as the app itself renders the chat with them (maxFps, incrementalRendering, …), read
 * from the built cli.js, so the bench measures what users run and follows when cli.tsx changes them.
 * Only literal values (booleans, numbers, strings) are taken; the fallback is cli.tsx's as of
 * this writing.
 */
import {readFile} from 'node:fs/promises';

export type LiteralOptions = Record<string, boolean | number | string>;

const FALLBACK_RENDER_OPTIONS: LiteralOptions = {exitOnCtrlC: false, patchConsole: false, alternateScreen: true, maxFps: 30};

/** The literal options of `render(chat.element, {…})` in cli source, or undefined if there is no such call. */
export function parseRenderOptions(source: string): LiteralOptions | undefined {
	const call = /render\(\s*chat\.element\s*,\s*\{([^{}]*)\}\s*\)/.exec(source);
	if (!call) return undefined;
	const options: LiteralOptions = {};
	for (const entry of call[1]!.split(',')) {
		const match = /^\s*["']?([A-Za-z_$][\w$]*)["']?\s*:\s*(.+?)\s*$/.exec(entry);
		if (!match) continue;
		const [, key, raw] = match as unknown as [string, string, string];
		if (raw === 'true' || raw === 'false') options[key] = raw === 'true';
		else if (/^-?\d+(?:\.\d+)?$/.test(raw)) options[key] = Number(raw);
		else if (/^(['"]).*\1$/.test(raw)) options[key] = raw.slice(1, -1);
	}
	return options;
}

export async function appRenderOptions(cliUrl: URL): Promise<{options: LiteralOptions; from: string}> {
	try {
		const parsed = parseRenderOptions(await readFile(cliUrl, 'utf8'));
		if (parsed) return {options: parsed, from: 'dist/cli.js'};
	} catch {
		// No cli.js in that build: fall through.
	}
	return {options: FALLBACK_RENDER_OPTIONS, from: 'fallback'};
}
