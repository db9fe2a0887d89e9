/**
 * Tab completion in the composer: commands after a leading "/", members by user ID ("@") or
 * display name, room aliases ("#"). Repeated Tab cycles through the candidates.
 */
import type {Mention} from '../domain/mentions.js';
import type {ComposerState} from './composer-state.js';

export interface CompletionSources {
	commands: readonly string[];
	members: ReadonlyArray<{userId: string; name: string}>;
	aliases: readonly string[];
}

export interface Completion {
	/** Where the completed word starts and what the user had typed there. */
	start: number;
	typed: string;
	candidates: string[];
	index: number;
	/** The member each candidate names, where it names one (a mention when sent). */
	mentions?: Array<Mention | undefined>;
}

/** The member the current candidate puts in the text, if it is one. */
export function chosenMention(completion: Completion): Mention | undefined {
	return completion.mentions?.[completion.index];
}

export function complete(composer: ComposerState, sources: CompletionSources, previous: Completion | undefined): {composer: ComposerState; completion?: Completion} {
	if (previous && previous.candidates.length > 0) {
		// Another Tab: replace the last candidate with the next one.
		const index = (previous.index + 1) % previous.candidates.length;
		return {composer: replaceWord(composer, previous.start, composer.cursor, previous.candidates[index]!), completion: {...previous, index}};
	}
	const before = composer.text.slice(0, composer.cursor);
	const start = before.search(/\S*$/);
	const typed = before.slice(start);
	const candidates = candidatesFor(typed, start === 0, sources);
	if (candidates.length === 0) return {composer};
	const mentions = mentionsOf(candidates, typed, sources);
	return {composer: replaceWord(composer, start, composer.cursor, candidates[0]!), completion: {start, typed, candidates, index: 0, ...(mentions ? {mentions} : {})}};
}

/** For member candidates, whom each names: the text it puts in without the ": " or " " after it. */
function mentionsOf(candidates: readonly string[], typed: string, sources: CompletionSources): Array<Mention | undefined> | undefined {
	if (typed.startsWith('/') || typed.startsWith('#')) return undefined;
	const byId = typed.startsWith('@');
	return candidates.map((candidate) => {
		const text = candidate.replace(/:? $/, '');
		// A name two members share is no one mention: the user can complete the user ID instead.
		const named = sources.members.filter((member) => (byId ? member.userId : member.name) === text);
		return named.length === 1 ? {userId: named[0]!.userId, text} : undefined;
	});
}

function candidatesFor(typed: string, atStart: boolean, sources: CompletionSources): string[] {
	if (!typed) return [];
	const lower = typed.toLowerCase();
	if (atStart && typed.startsWith('/')) {
		return sources.commands.filter((name) => `/${name}`.startsWith(lower)).map((name) => `/${name} `);
	}
	if (typed.startsWith('#')) return unique(sources.aliases.filter((alias) => alias.toLowerCase().startsWith(lower))).map((alias) => `${alias} `);
	if (typed.startsWith('@')) {
		return unique(sources.members.filter((member) => member.userId.toLowerCase().startsWith(lower)).map((member) => member.userId)).map((id) => `${id} `);
	}
	// A name at the start of a message addresses that person, as in Element and IRC clients.
	const names = unique(sources.members.map((member) => member.name).filter((name) => name.toLowerCase().startsWith(lower)));
	return names.map((name) => (atStart ? `${name}: ` : `${name} `));
}

function replaceWord(composer: ComposerState, start: number, end: number, replacement: string): ComposerState {
	const text = composer.text.slice(0, start) + replacement + composer.text.slice(end);
	return {text, cursor: start + replacement.length};
}

function unique(values: string[]): string[] {
	return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}
