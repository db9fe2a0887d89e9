/**
 * Words the synthetic room is made of. Names stay short (a member row is 33 cells wide and the
 * bench reads each member's 5-digit serial off the screen); a few are CJK or carry emoji, as in
 * real big rooms. Reasons range from a word to a paragraph, in several scripts.
 */

export const GIVEN_NAMES = [
	'Ada', 'Alan', 'Amara', 'Ana', 'Arjun', 'Aya', 'Bea', 'Ben', 'Carla', 'Chen', 'Chidi', 'Dana',
	'Dev', 'Elif', 'Emil', 'Eva', 'Farah', 'Femi', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jin',
	'Joao', 'Kai', 'Kemal', 'Lars', 'Lea', 'Leila', 'Li', 'Luca', 'Maya', 'Mei', 'Mia', 'Nadia',
	'Nia', 'Noor', 'Olga', 'Omar', 'Pablo', 'Priya', 'Quinn', 'Rafa', 'Ravi', 'Rosa', 'Sam', 'Sana',
	'Sofia', 'Tariq', 'Theo', 'Uma', 'Vera', 'Wei', 'Xia', 'Yara', 'Yusuf', 'Zoe', 'Zhang', 'Zola',
];

export const FAMILY_NAMES = [
	'Abe', 'Adeyemi', 'Bauer', 'Becker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad',
	'Ito', 'Jensen', 'Kim', 'Kowalski', 'Lopez', 'Mahmoud', 'Moreau', 'Nakamura', 'Novak', 'Okafor',
	'Olsen', 'Patel', 'Petrov', 'Quispe', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Tanaka', 'Torres',
	'Ueda', 'Vargas', 'Wagner', 'Wang', 'Weber', 'Xu', 'Yamada', 'Yilmaz', 'Zhou', 'Zielinski',
];

/** Whole display names in other scripts or with emoji (the serial is appended). */
export const UNUSUAL_NAMES = ['李伟', '王芳', '山田 太郎', '김민준', 'Мария', 'Ολγα', 'محمد', '🦊 Fox', '🌊 Nami', '👩‍💻 Kat', 'Zoë ✨', '🏳️‍🌈 Sky'];

export const MESSAGES = [
	'has anyone tried the new release yet?',
	'the bridge is lagging again',
	'+1',
	'see the spec PR for details',
	'ok that fixed it, thanks!',
	'what homeserver are you on?',
	'is this the right room for client questions?',
	'lazy loading members makes initial sync so much faster',
	'🎉',
	'ありがとう！',
	'I think the ACL change kicked half the federation',
	'can someone pin the FAQ?',
];

export const SHORT_REASONS = ['bye', 'moving on', 'too noisy for me', 'see you all', 'wrong room', 'spam', 'leaving Matrix for now', 'joined the other room instead'];

export const UNUSUAL_REASONS = [
	'👋 see you 🌊🏄‍♀️',
	'👩‍👩‍👧‍👦 family time',
	'🇯🇵 → 🇧🇷',
	'さようなら、また会いましょう',
	'再见，谢谢大家的帮助',
	'안녕히 계세요 🙇',
	'До свидания!',
	'مع السلامة',
];

const SENTENCE = 'This room grew too big to follow and notifications kept me up at night, so I am leaving; thanks to everyone who answered my questions over the years. ';

/** 200–800 characters, sometimes ending in wide characters. */
export function longReason(length: number, withCjk: boolean): string {
	const base = SENTENCE.repeat(Math.ceil(length / SENTENCE.length)).slice(0, length);
	return withCjk ? `${base} 谢谢大家，再见！🙏` : base;
}
