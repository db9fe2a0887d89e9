import {describe, expect, test} from 'vitest';
import {MatrixError} from 'matrix-js-sdk';
import {retryRateLimited} from '../../src/matrix/rate-limit.js';

const limited = (ms: number) => new MatrixError({errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: ms}, 429);

describe('retryRateLimited', () => {
	test('waits retry_after_ms and tries again', async () => {
		const waits: number[] = [];
		let calls = 0;
		const result = await retryRateLimited(
			async () => {
				calls++;
				if (calls < 3) throw limited(250 * calls);
				return 'done';
			},
			async (ms) => void waits.push(ms),
		);
		expect(result).toBe('done');
		expect(waits).toEqual([250, 500]);
	});

	test('gives up after three retries with the server error', async () => {
		let calls = 0;
		await expect(retryRateLimited(async () => {
			calls++;
			throw limited(10);
		}, async () => {})).rejects.toBeInstanceOf(MatrixError);
		expect(calls).toBe(4);
	});

	test('does not retry other errors, nor absurd waits', async () => {
		let calls = 0;
		await expect(retryRateLimited(async () => {
			calls++;
			throw new MatrixError({errcode: 'M_FORBIDDEN', error: 'no'}, 403);
		}, async () => {})).rejects.toThrow('no');
		await expect(retryRateLimited(async () => {
			calls++;
			throw limited(3_600_000);
		}, async () => {})).rejects.toBeInstanceOf(MatrixError);
		expect(calls).toBe(2);
	});
});
