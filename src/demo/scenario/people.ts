import {userId} from './builder.js';

/** The cast. Each one exists to show one case of the client (see main-room.ts). */
export const people = {
	you: userId('you'),
	alice: userId('alice'),
	bob: userId('bob'),
	carol: userId('carol'),
	dave: userId('dave'),
	erin: userId('erin'),
	frank: userId('frank'),
	gina: userId('gina'),
	grace: userId('grace'),
	harry: userId('harry'),
	ivan: userId('ivan'),
	mallory: userId('mallory'),
} as const;

/** A display name that tries to retitle the terminal (OSC 0) — the client must print it inert. */
export const MALLORY_NAME = 'Mallory\u001b]0;pwned\u0007';

export const IVAN_FIRST_NAME = 'Ivan';
export const IVAN_NEW_NAME = 'Ivan the Terrible Typist';

export const displayNames: Record<string, string> = {
	[people.you]: 'Demo User',
	[people.alice]: 'Alice',
	[people.bob]: 'Bob',
	[people.carol]: 'Carol',
	[people.dave]: 'Dave',
	[people.erin]: 'Erin',
	[people.frank]: 'Frank',
	[people.gina]: 'Gina',
	[people.grace]: 'Grace',
	[people.harry]: 'Harry',
	[people.ivan]: IVAN_NEW_NAME,
	[people.mallory]: MALLORY_NAME,
};

/** The member content a user joins with (their display name at the time). */
export function joinContent(user: string, displayname = displayNames[user]): Record<string, unknown> {
	return displayname === undefined ? {membership: 'join'} : {membership: 'join', displayname};
}
