import {describe, expect, it} from 'vitest';
import {composerText, memberRowsShown, roomShown, serialsIn, sidePanelColumn, sidePanelText} from '../../bench/client/detect.ts';
import {TerminalScreen} from '../../bench/client/screen.ts';
import {matches} from '../../bench/client/screen-predicates.ts';

/** A 60×8 screen: rooms | timeline | side panel (from column 40), composer, status. */
async function screenOf(side: string[], timeline: string[] = []): Promise<TerminalScreen> {
	const screen = new TerminalScreen(60, 8);
	const rows: string[] = [];
	for (let row = 0; row < 6; row++) {
		const left = 'Rooms'.padEnd(9).slice(0, 9);
		const middle = (timeline[row] ?? '').padEnd(30).slice(0, 30);
		rows.push(`${left}│${middle}│${side[row] ?? ''}`);
	}
	rows.push('> hello');
	rows.push(' connected  @bench:bench.example');
	await new Promise<void>((resolve) => screen.write(rows.join('\n'), resolve));
	return screen;
}

describe('side panel detection', () => {
	it('finds the rightmost bordered column', async () => {
		const screen = await screenOf(['Members']);
		expect(sidePanelColumn(screen)).toBe(40);
		expect(sidePanelText(screen)[0]).toBe('Members');
	});

	it('falls back to the app\'s panel width without borders', () => {
		const screen = new TerminalScreen(120, 5);
		expect(sidePanelColumn(screen)).toBe(84);
	});
});

describe('member rows', () => {
	it('reads distinct 5-digit serials, not longer or shorter numbers', () => {
		expect([...serialsIn(['Ada Okafor 00042', '@user.00042:x', 'x 123456 1234 99999'])].sort()).toEqual([42, 99999]);
	});

	it('counts only serials in range, and only inside the side panel', async () => {
		const screen = await screenOf(['Members', 'Joined (25000)', ' Ada Kim 00003', ' Bea Xu 12345', ' 李伟 20001', ' @user.07777:kde.org'], ['12:00 Ben Li 15555: hi']);
		expect(memberRowsShown(screen, [11, 25_000])).toBe(3);
		expect(memberRowsShown(screen, [1, 11])).toBe(1);
		expect(memberRowsShown(screen, [50_000, 75_000])).toBe(0);
	});
});

describe('composer and room header', () => {
	it('reads the composer line without its prompt', () => {
		expect(composerText(['# Room', '> abc', ' status'])).toBe('abc');
		expect(composerText(['no prompt'])).toBeUndefined();
	});

	it('finds a room by its timeline header', () => {
		expect(roomShown(['Rooms │# Matrix HQ (bench) — topic'], 'Matrix HQ (bench)')).toBe(true);
		expect(roomShown(['Rooms │# Control room (bench)'], 'Matrix HQ (bench)')).toBe(false);
	});
});

describe('screen predicates (what a wait in the screen child looks for)', () => {
	it('reads each kind off the screen', async () => {
		const screen = await screenOf(['Members', '0xAda 80001', '0xBen 80002', 'Li Wei 00017'], ['# Matrix HQ (bench)']);
		expect(matches({kind: 'room', name: 'Matrix HQ (bench)'}, screen)).toBe(true);
		expect(matches({kind: 'room', name: 'Control room (bench)'}, screen)).toBe(false);
		expect(matches({kind: 'member-rows', range: [80_000, 80_008], atLeast: 2}, screen)).toBe(true);
		expect(matches({kind: 'member-rows', range: [80_000, 80_008], atLeast: 3}, screen)).toBe(false);
		expect(matches({kind: 'room-members', room: 'Matrix HQ (bench)', names: ['0xAda', 'Li Wei', 'Nobody'], atLeast: 2}, screen)).toBe(true);
		expect(matches({kind: 'room-members', room: 'Control room (bench)', names: ['0xAda', 'Li Wei'], atLeast: 2}, screen)).toBe(false);
		expect(matches({kind: 'composer', text: 'hello'}, screen)).toBe(true);
		expect(matches({kind: 'composer', text: 'hell'}, screen)).toBe(false);
	});
});
