/**
 * What the bench waits to see on screen, as data: the screen lives in another process
 * (screen-child.ts), so a wait is sent there as one of these and checked against every frame.
 */
import {composerText, memberRowsShown, roomShown, sidePanelText, type ScreenText} from './detect.ts';

export type ScreenPredicate =
	/** The room's timeline header is on screen. */
	| {kind: 'room'; name: string}
	/** At least `atLeast` distinct members with a serial in [from, to) in the side panel. */
	| {kind: 'member-rows'; range: readonly [number, number]; atLeast: number}
	/** The room is shown and at least `atLeast` of these names are in its side panel. */
	| {kind: 'room-members'; room: string; names: readonly string[]; atLeast: number}
	/** The composer holds exactly this text. */
	| {kind: 'composer'; text: string | undefined};

export function matches(predicate: ScreenPredicate, screen: ScreenText): boolean {
	switch (predicate.kind) {
		case 'room':
			return roomShown(screen.lines(), predicate.name);
		case 'member-rows':
			return memberRowsShown(screen, predicate.range) >= predicate.atLeast;
		case 'room-members': {
			if (!roomShown(screen.lines(), predicate.room)) return false;
			const side = sidePanelText(screen);
			return predicate.names.filter((name) => side.some((row) => row.includes(name))).length >= predicate.atLeast;
		}
		case 'composer':
			return composerText(screen.lines()) === predicate.text;
	}
}
