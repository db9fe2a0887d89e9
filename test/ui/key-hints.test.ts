import {expect, test} from 'vitest';
import {COMPOSER_HELP, KEY_HELP, STATUS_HINT} from '../../src/ui/key-hints.js';

// The words are written once; the keys in them come from the binding table.
test('the status line names the main keys', () => {
	expect(STATUS_HINT).toBe('Ctrl+K switch · Ctrl+N/P rooms · Tab focus/complete · PgUp/PgDn scroll · Ctrl+T state/members · Ctrl+R deleted · ? help');
});

test('/help lists every key with a line of its own, then the arrows and the composer', () => {
	expect(KEY_HELP.map((line) => `${line.keys} — ${line.text}`)).toEqual([
		'Alt+Enter, Shift+Enter — a new line in the message (Shift+Enter where the terminal tells it from Enter)',
		'Enter — in the room list: open the room and go to the composer; type there first to narrow the list to the rooms whose name holds the text',
		'Enter — send the message or run the command',
		'Ctrl+N, Alt+↓ — next room',
		'Ctrl+P, Alt+↑ — previous room',
		'Alt+→ — the next space in the selector above the room list: only its rooms are listed (Alt+← the previous one)',
		'PgUp — scroll the timeline up (loads older messages)',
		'PgDn — scroll the timeline down',
		'Ctrl+T — switch the side panel between members and room state',
		'Shift+↑ — scroll the side panel up',
		'Shift+↓ — scroll the side panel down',
		'Ctrl+R — reveal or hide deleted state and departed members',
		'Ctrl+K — quick room switcher (fuzzy search)',
		'Shift+Tab — focus the previous pane',
		'Tab — complete a command, @user, name or #alias; on an empty composer: focus the next pane',
		'? (empty composer) — help',
		"← — in the room list: fold the selected room's section, its title showing its unread counts (→ unfolds it)",
		'Esc — close the thread pane, back to the timeline (the draft is kept)',
		'Esc — close help, cancel a file transfer or a prompt, clear the status line',
		'Ctrl+C — quit',
		'Enter — in /threads (↑↓ PgUp PgDn Home End choose, Esc closes): open the thread in its pane',
		'↑ / ↓ — composer: rows of the draft, then input history · rooms: select · timeline/side: scroll',
	]);
	expect(COMPOSER_HELP).toBe('Composer: ←/→ Home/End Ctrl+A/E · Backspace/Delete · Ctrl+W word · Ctrl+U clear');
});
