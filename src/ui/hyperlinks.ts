/**
 * Whether links are drawn as OSC 8 hyperlinks: only where the terminal supports them
 * (supports-hyperlinks: known terminals, FORCE_HYPERLINK=1/0), else a link is its text alone.
 */
import supportsHyperlinks from 'supports-hyperlinks';

let cached: boolean | undefined;

export function terminalHyperlinks(): boolean {
	cached ??= supportsHyperlinks.stdout;
	return cached;
}
