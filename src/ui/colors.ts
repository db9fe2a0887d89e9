/**
 * Colours go through here so NO_COLOR (https://no-color.org) turns them all off, while bold,
 * inverse and underline — which carry the cursor and the selection — stay.
 */
import {WriteStream} from 'node:tty';
import type {ColorLevel} from '../domain/half-blocks.js';

const noColor = () => Boolean(process.env.NO_COLOR);

export function c<T extends string>(name: T | undefined): T | undefined {
	return noColor() ? undefined : name;
}

/**
 * How many colours the terminal draws, as chalk (and so Ink) decides it: NO_COLOR and FORCE_COLOR
 * first, then what Node reads of TERM and COLORTERM; no terminal, no colours.
 */
export function colorLevel(env: NodeJS.ProcessEnv = process.env, stream: {isTTY?: boolean} = process.stdout): ColorLevel {
	if (env['NO_COLOR']) return 0;
	const forced = env['FORCE_COLOR'];
	if (forced !== undefined) {
		if (forced === '' || forced === 'true') return 1;
		const level = Number.parseInt(forced, 10);
		return level >= 0 && level <= 3 ? (level as ColorLevel) : forced === 'false' ? 0 : 1;
	}
	if (!stream.isTTY) return 0;
	const depth = WriteStream.prototype.getColorDepth.call(stream, env);
	return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}
