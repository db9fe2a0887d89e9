/**
 * What the outbox proofs check, said so that a failure names the message: what Synapse holds
 * (read with another user's token), and what the screens showed on the way there.
 */
import {Api, type Json, type RegisteredUser} from './homeserver.js';
import {pane} from './screen-text.js';

// A terminal capture ends with a newline; a frame does not.
const lines = (screen: string) => screen.replace(/\n$/, '').split('\n');
const statusLine = (screen: string) => lines(screen).at(-1) ?? '';
const composerLine = (screen: string) => lines(screen).at(-2) ?? '';

/** The bodies of `sender`'s messages in the room, oldest first, as `reader` reads them from Synapse. */
export async function storedTexts(reader: RegisteredUser, roomId: string, sender: string): Promise<string[]> {
	const events = await Api.for(reader).messages(roomId);
	return events.filter((event) => event['type'] === 'm.room.message' && event['sender'] === sender).map((event) => String((event['content'] as Json)['body']));
}

/** What is wrong with `stored` against `expected` (each once, in order), or undefined. */
export function deliveryProblems(expected: readonly string[], stored: readonly string[]): string | undefined {
	const count = (text: string) => stored.filter((candidate) => candidate === text).length;
	const problems = [
		...expected.filter((text) => count(text) === 0).map((text) => `missing "${text}"`),
		...[...new Set(stored)].filter((text) => count(text) > 1).map((text) => `"${text}" stored ${count(text)} times`),
		...[...new Set(stored)].filter((text) => !expected.includes(text)).map((text) => `"${text}" should never have been stored`),
	];
	if (problems.length === 0 && stored.join('\n') !== expected.join('\n')) problems.push('out of order');
	return problems.length === 0 ? undefined : `${problems.join('; ')} — Synapse holds ${JSON.stringify(stored)}, expected ${JSON.stringify(expected)}`;
}

/**
 * Waits until Synapse holds every one of `expected` from `sender`, then throws unless it holds
 * exactly those, once each, in order (saying which is missing, doubled or out of place).
 */
export async function expectDeliveredOnce(reader: RegisteredUser, roomId: string, sender: string, expected: readonly string[], timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let stored = await storedTexts(reader, roomId, sender);
	while (expected.some((text) => !stored.includes(text)) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		stored = await storedTexts(reader, roomId, sender);
	}
	const problems = deliveryProblems(expected, stored);
	if (problems) throw new Error(`delivery: ${problems}`);
}

/**
 * Problems on a sequence of screens (every frame the in-process client drew, or every capture of
 * the binary's terminal): a send reported as failed ("Cannot send", "not sent") while nothing was
 * refused, and, once `draft` was typed, a composer that no longer shows exactly it.
 */
export function screenProblems(screens: readonly string[], options: ScreenExpectations = {}): string[] {
	const problems: string[] = [];
	let draftSeen = false;
	const inTimeline = new Set<string>();
	for (const [index, screen] of screens.entries()) {
		const say = (what: string) => problems.push(`screen ${index + 1} of ${screens.length} ${what}:\n${screen}`);
		if (!options.refusedOk && /Cannot send/.test(screen)) say('reports a failed send ("Cannot send")');
		else if (!options.refusedOk && /not sent/.test(screen)) say('reports a message as "not sent"');
		const composer = composerLine(screen).trimEnd();
		for (const text of options.sent ?? []) {
			if (inTimeline.has(text) && composer.includes(text)) say(`handed "${text}" back to the composer after it was sent`);
			if (pane(screen, 1).includes(`Alice: ${text}`)) inTimeline.add(text);
		}
		if (options.draft !== undefined) {
			if (composer === `> ${options.draft}`) draftSeen = true;
			else if (draftSeen) say(`overwrote the composer (it should still read "> ${options.draft}")`);
		}
		if (problems.length >= 3) break; // the first few say enough
	}
	return problems;
}

export interface ScreenExpectations {
	/** Typed into the composer and left there: from its first frame on, the composer must read exactly it. */
	draft?: string;
	/** Messages sent (by Alice): once in the timeline, never back in the composer. */
	sent?: readonly string[];
	/** Some message was refused for good: "not sent" (and a notice saying why) is expected on screen. */
	refusedOk?: boolean;
}

/** Throws listing screenProblems, if any. */
export function expectHonestScreens(screens: readonly string[], options: ScreenExpectations = {}): void {
	const problems = screenProblems(screens, options);
	if (problems.length > 0) throw new Error(problems.join('\n\n'));
}

/** "2 waiting to send" in the status bar (0: the bar says nothing of waiting). */
export function waitingCount(screen: string): number {
	const match = /(\d+) waiting to send/.exec(statusLine(screen));
	return match ? Number(match[1]) : 0;
}

/** How the timeline shows Alice's message `text`: one line each, or undefined when it is not there. */
export function shownAs(screen: string, text: string): 'sending' | 'sent' | 'not sent' | undefined {
	const line = pane(screen, 1)
		.split('\n')
		.find((candidate) => candidate.includes(`Alice: ${text}`));
	if (line === undefined) return undefined;
	const rest = line.slice(line.indexOf(`Alice: ${text}`) + `Alice: ${text}`.length).trim();
	if (rest === '') return 'sent';
	if (rest === '(sending…)') return 'sending';
	return rest.startsWith('(not sent') ? 'not sent' : undefined;
}

/** How many timeline lines show Alice's message `text` (a doubled echo shows twice). */
export function timesShown(screen: string, text: string): number {
	return pane(screen, 1)
		.split('\n')
		.filter((line) => line.includes(`Alice: ${text}`)).length;
}

/** What the composer holds: '' when it shows its placeholder ("message <room>, or /help"). */
export function composerText(screen: string): string {
	const line = composerLine(screen).trimEnd();
	if (/^>\s+(message .*|\/join <id\|alias>), or \/help$/.test(line)) return '';
	return line.replace(/^> ?/, '');
}
