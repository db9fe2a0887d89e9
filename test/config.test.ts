import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {openConfig} from '../src/config.js';

describe('config', () => {
	test('the session lives in a 0600 file in a 0700 directory, and can be forgotten', () => {
		const directory = join(mkdtempSync(join(tmpdir(), 'mtui-')), 'nested');
		const config = openConfig(directory);
		config.saveSession({homeserver: 'http://hs', userId: '@a:hs', accessToken: 'secret-token'});
		expect(statSync(directory).mode & 0o777).toBe(0o700);
		expect(statSync(config.path).mode & 0o777).toBe(0o600);
		expect(JSON.parse(readFileSync(config.path, 'utf8')).session.accessToken).toBe('secret-token');
		expect(openConfig(directory).session()?.userId).toBe('@a:hs');
		config.forgetSession();
		expect(openConfig(directory).session()).toBeUndefined();
		expect(readFileSync(config.path, 'utf8')).not.toContain('secret-token');
		expect(config.lastLogin()).toEqual({homeserver: 'http://hs', user: '@a:hs'});
	});

	test('defaults: 80-cell reasons, bell on; nonsense values fall back', () => {
		const directory = mkdtempSync(join(tmpdir(), 'mtui-'));
		expect(openConfig(directory).reasonMaxWidth()).toBe(80);
		expect(openConfig(directory).bell()).toBe(true);
	});

	test('key entries are kept across restarts, in the 0600 file', () => {
		const directory = mkdtempSync(join(tmpdir(), 'mtui-'));
		openConfig(directory).setKeyEntry('@a:hs|DEV1', 'a2V5');
		openConfig(directory).setKeyEntry('outbox|@a:hs', 'keyring');
		expect(openConfig(directory).keyEntry('@a:hs|DEV1')).toBe('a2V5');
		expect(openConfig(directory).keyEntry('outbox|@a:hs')).toBe('keyring');
		expect(openConfig(directory).keyEntry('@a:hs|DEV2')).toBeUndefined();
		expect(statSync(join(directory, 'config.json')).mode & 0o777).toBe(0o600);
	});

	test('folded sections are kept across restarts; names it does not know are dropped', () => {
		const directory = mkdtempSync(join(tmpdir(), 'mtui-'));
		expect(openConfig(directory).foldedSections()).toEqual([]);
		openConfig(directory).setFoldedSections(['low-priority', 'people']);
		expect(openConfig(directory).foldedSections()).toEqual(['people', 'low-priority']);
		const path = join(directory, 'config.json');
		writeFileSync(path, JSON.stringify({...JSON.parse(readFileSync(path, 'utf8')), foldedSections: ['rooms', 'bogus', 7]}));
		expect(openConfig(directory).foldedSections()).toEqual(['rooms']);
	});

	test('images is auto unless the file says off; anything else it holds counts as auto', () => {
		const directory = mkdtempSync(join(tmpdir(), 'mtui-'));
		expect(openConfig(directory).images()).toBe('auto');
		const path = join(directory, 'config.json');
		const write = (images: unknown) => writeFileSync(path, JSON.stringify({...JSON.parse(readFileSync(path, 'utf8')), images}));
		write('off');
		expect(openConfig(directory).images()).toBe('off');
		write('sixel');
		expect(openConfig(directory).images()).toBe('auto');
		write(false);
		expect(openConfig(directory).images()).toBe('auto');
	});

	test('sync is auto unless the file says classic or sliding; and cacheEventsPerRoom is 50 unless a whole number from 1 to 1000', () => {
		const directory = mkdtempSync(join(tmpdir(), 'mtui-'));
		const path = join(directory, 'config.json');
		expect(openConfig(directory).syncMode()).toBe('auto');
		expect(openConfig(directory).cacheEventsPerRoom()).toBe(50);
		const write = (values: Record<string, unknown>) => writeFileSync(path, JSON.stringify({...JSON.parse(readFileSync(path, 'utf8')), ...values}));
		write({sync: 'sliding', cacheEventsPerRoom: 200});
		expect(openConfig(directory).syncMode()).toBe('sliding');
		expect(openConfig(directory).cacheEventsPerRoom()).toBe(200);
		write({sync: 'classic'});
		expect(openConfig(directory).syncMode()).toBe('classic');
		for (const [sync, events] of [['fast', 0], [true, 1001], ['Sliding', 2.5]] as const) {
			write({sync, cacheEventsPerRoom: events});
			expect(openConfig(directory).syncMode()).toBe('auto');
			expect(openConfig(directory).cacheEventsPerRoom()).toBe(50);
		}
	});

	test('the chosen space is kept across restarts; "other" too; anything else hand-written is every room', () => {
		const directory = mkdtempSync(join(tmpdir(), 'mtui-'));
		expect(openConfig(directory).space()).toBeUndefined();
		openConfig(directory).setSpace('!space:x');
		expect(openConfig(directory).space()).toBe('!space:x');
		openConfig(directory).setSpace('other');
		expect(openConfig(directory).space()).toBe('other');
		openConfig(directory).setSpace(undefined);
		expect(openConfig(directory).space()).toBeUndefined();
		const path = join(directory, 'config.json');
		for (const bogus of ['#alias:x', 7, ['!a']]) {
			writeFileSync(path, JSON.stringify({...JSON.parse(readFileSync(path, 'utf8')), space: bogus}));
			expect(openConfig(directory).space()).toBeUndefined();
		}
	});
});
