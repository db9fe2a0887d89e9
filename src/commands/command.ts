/** What the composer can ask for, as values: parsed in one place, executed in another. */
export type Command =
	| {name: 'send'; body: string}
	| {name: 'me'; text: string}
	| {name: 'leave'; reason?: string}
	| {name: 'delete-state'; eventType: string; stateKey: string}
	| {name: 'undelete-state'; eventType: string; stateKey: string}
	| {name: 'state'}
	| {name: 'state-stats'}
	| {name: 'members'}
	| {name: 'show-deleted'}
	| {name: 'hide-deleted'}
	| {name: 'room'; query: string}
	| {name: 'join'; target?: string}
	| {name: 'invite'; user: string}
	| {name: 'kick'; user: string; reason?: string}
	| {name: 'ban'; user: string; reason?: string}
	| {name: 'topic'; text: string}
	| {name: 'nick'; displayName: string}
	| {name: 'deactivate'; reason?: string}
	| {name: 'optimise-room'}
	| {name: 'help'}
	| {name: 'quit'};

export type ParseResult = {ok: true; command: Command} | {ok: false; error: string};
