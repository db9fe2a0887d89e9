import {mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {closeAllDrivers, SqliteDriver, type SqlQuery, type SqlResult} from '../../../src/matrix/crypto-store/sqlite-driver.js';

let directory: string;
let file: string;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'sqlite-driver-'));
	file = join(directory, 'test.sqlite');
});

afterEach(async () => {
	await closeAllDrivers();
	rmSync(directory, {recursive: true, force: true});
});

const query = (sql: string, ...args: unknown[]): SqlQuery => ({sql, args});

function exec(driver: SqliteDriver, queries: SqlQuery[], readOnly = false): Promise<SqlResult[]> {
	return new Promise((resolve, reject) => driver.exec(queries, readOnly, (error, results) => (error ? reject(error) : resolve(results!))));
}

/** A driver with table t(k, v) in it. */
async function driverWithTable(): Promise<SqliteDriver> {
	const driver = new SqliteDriver(file);
	await exec(driver, [query('BEGIN;'), query('CREATE TABLE t (k TEXT PRIMARY KEY, v BLOB)'), query('END;')]);
	return driver;
}

describe('SqliteDriver', () => {
	it('answers each statement as WebSQL expects: insert IDs, rows affected, rows', async () => {
		const driver = await driverWithTable();
		const [, first, second, update, select] = await exec(driver, [
			query('BEGIN;'),
			query('INSERT INTO t VALUES (?, ?)', 'a', 'one'),
			query('INSERT INTO t VALUES (?, ?)', 'b', 'two'),
			query('UPDATE t SET v = ? WHERE k <= ?', 'new', 'b'),
			query('SELECT k, v FROM t ORDER BY k'),
			query('END;'),
		]);
		expect(first).toMatchObject({error: null, insertId: 1, rowsAffected: 1});
		expect(second).toMatchObject({error: null, insertId: 2, rowsAffected: 1});
		expect(update).toMatchObject({error: null, rowsAffected: 2});
		expect(select!.rows!.map((row) => ({...(row as object)}))).toEqual([
			{k: 'a', v: 'new'},
			{k: 'b', v: 'new'},
		]);
	});

	it('gives a failing statement its own error and runs the rest of the batch', async () => {
		const driver = await driverWithTable();
		const [, broken, after] = await exec(driver, [query('BEGIN;'), query('INSERT INTO nowhere VALUES (1)'), query('INSERT INTO t VALUES (?, ?)', 'k', 'v'), query('END;')]);
		expect(broken!.error?.message).toMatch(/no such table: nowhere/);
		expect(after).toMatchObject({error: null, rowsAffected: 1});
	});

	it('refuses writes in a read-only transaction', async () => {
		const driver = await driverWithTable();
		const [write, read] = await exec(driver, [query('INSERT INTO t VALUES (?, ?)', 'k', 'v'), query('SELECT count(*) AS n FROM t')], true);
		expect(write!.error?.message).toMatch(/read-only/);
		expect({...(read!.rows![0] as object)}).toEqual({n: 0});
	});

	it('keeps a NUL inside a string and bytes as bytes; stores booleans as 1/0 and undefined as NULL', async () => {
		const driver = await driverWithTable();
		await exec(driver, [
			query('BEGIN;'),
			query('INSERT INTO t VALUES (?, ?)', 'nul', 'before\u0000after'),
			query('INSERT INTO t VALUES (?, ?)', 'bytes', new Uint8Array([0, 255, 7])),
			query('INSERT INTO t VALUES (?, ?)', 'yes', true),
			query('INSERT INTO t VALUES (?, ?)', 'none', undefined),
			query('END;'),
		]);
		const [result] = await exec(driver, [query('SELECT k, v FROM t')], true);
		const values = Object.fromEntries(result!.rows!.map((row) => [(row as {k: string}).k, (row as {v: unknown}).v]));
		expect(values['nul']).toBe('before\u0000after');
		expect(values['bytes']).toEqual(new Uint8Array([0, 255, 7]));
		expect(values['yes']).toBe(1);
		expect(values['none']).toBeNull();
	});

	it('runs the database in WAL mode', async () => {
		await driverWithTable();
		const other = new DatabaseSync(file, {readOnly: true});
		expect(other.prepare('PRAGMA journal_mode').get()).toEqual({journal_mode: 'wal'});
		other.close();
	});

	it('makes a second connection to the same file wait for the first one’s transaction to end, instead of failing', async () => {
		const first = await driverWithTable();
		const second = new SqliteDriver(file);
		await exec(first, [query('BEGIN;'), query('INSERT INTO t VALUES (?, ?)', 'first', 1)]);
		const events: string[] = [];
		const secondDone = exec(second, [query('BEGIN;'), query('INSERT INTO t VALUES (?, ?)', 'second', 2)]).then((results) => {
			events.push('second wrote');
			return results;
		});
		await new Promise((resolve) => setImmediate(resolve));
		events.push('first ends');
		await exec(first, [query('END;')]);
		const results = await secondDone;
		await exec(second, [query('END;')]);
		expect(events).toEqual(['first ends', 'second wrote']);
		expect(results.map((result) => result.error)).toEqual([null, null]);
		const [rows] = await exec(first, [query('SELECT k FROM t ORDER BY k')], true);
		expect(rows!.rows!.map((row) => (row as {k: string}).k)).toEqual(['first', 'second']);
	});

	it('opens its file again after a close', async () => {
		const driver = await driverWithTable();
		driver.close();
		const [result] = await exec(driver, [query('SELECT count(*) AS n FROM t')], true);
		expect(result!.error).toBeNull();
	});

	it('closes every connection only once the open transactions have ended, losing no write', async () => {
		const driver = await driverWithTable();
		await exec(driver, [query('BEGIN;'), query('INSERT INTO t VALUES (?, ?)', 'late', 1)]);
		let closed = false;
		const closing = closeAllDrivers().then(() => (closed = true));
		await new Promise((resolve) => setImmediate(resolve));
		expect(closed).toBe(false);
		await exec(driver, [query('END;')]);
		await closing;
		const other = new DatabaseSync(file, {readOnly: true});
		expect(other.prepare('SELECT k FROM t').all().map((row) => row['k'])).toEqual(['late']);
		other.close();
	});

	it('creates the database and its -wal and -shm files 0600, whatever the umask', async () => {
		const umask = process.umask(0);
		try {
			await driverWithTable();
		} finally {
			process.umask(umask);
		}
		const files = readdirSync(directory).sort();
		expect(files).toEqual(['test.sqlite', 'test.sqlite-shm', 'test.sqlite-wal']);
		for (const name of files) expect([name, statSync(join(directory, name)).mode & 0o777]).toEqual([name, 0o600]);
	});

	it('makes a database file that was there open to all private again', async () => {
		writeFileSync(file, '', {mode: 0o644});
		await driverWithTable();
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});
});
