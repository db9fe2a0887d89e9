/**
 * Verification requests from a device the crypto does not know yet. A device logged in a moment
 * ago asks at once, and its request often comes in the same sync as the news that the device
 * exists: the Rust crypto meets the request before it has fetched the device's keys and drops it
 * for good ("Could not retrieve the device data for the incoming verification request, ignoring
 * it") — measured here, 3 runs of 6 never showed the prompt. The dropped request still comes out
 * of the sync as a plain to-device message: once the device's keys are in, it is handed to the
 * crypto again, which then opens it like any other (CryptoEvent.VerificationRequestReceived).
 * The crypto's own query for the device is often under way at the drop and ends just after it:
 * a device known by the time we look is no sign the request was dropped for another reason.
 */
import {ClientEvent, type IToDeviceEvent, type MatrixClient} from 'matrix-js-sdk';
import {asObject} from '../domain/events.js';

const REQUEST = 'm.key.verification.request';

export interface LateRequestTimes {
	/** How many times the device's keys are asked for (after a look at what the crypto holds) before the request is left dropped. */
	tries: number;
	/** Between two looks (each also waits for a key query under way). */
	pauseMs: number;
}

const TIMES: LateRequestTimes = {tries: 10, pauseMs: 1000};

/**
 * The Rust crypto's entry for a sync's to-device messages (the sync loop's, not on CryptoApi).
 * `useMsc4186`: a sync without one-time key counts leaves them as they are (the plain-sync reading
 * would take them as zero and upload a new batch).
 */
interface SyncEntry {
	processSyncChanges(changes: {toDeviceEvents: IToDeviceEvent[]; useMsc4186: boolean}): Promise<unknown>;
}

export class LateRequests {
	/** Each request is handed again at most once. */
	private readonly handed = new Set<string>();

	constructor(
		private readonly client: MatrixClient,
		private readonly times: LateRequestTimes = TIMES,
	) {}

	listen(): void {
		this.client.on(ClientEvent.ReceivedToDeviceMessage, ({message}) => {
			if (message.type === REQUEST) void this.check(message).catch(() => undefined);
		});
	}

	/** Resolves once the request is handed again, or left (taken already, stale, or the device never showed up). */
	async check(message: IToDeviceEvent): Promise<'handed' | 'left'> {
		const content = asObject(message.content);
		const {sender} = message;
		const deviceId = content['from_device'];
		const transactionId = content['transaction_id'];
		const crypto = this.client.getCrypto();
		const entry = syncEntry(crypto);
		if (!crypto || !entry || typeof deviceId !== 'string' || typeof transactionId !== 'string' || this.handed.has(transactionId)) return 'left';
		// The crypto opened it (the usual case): nothing to do.
		if (crypto.getVerificationRequestsToDeviceInProgress(sender).some((request) => request.transactionId === transactionId)) return 'left';
		// Too old, or from the future: the crypto drops those by design, and would again.
		if (!isFresh(content['timestamp'], Date.now())) return 'left';
		// Known already: the crypto's own key query for the device was under way when it dropped the
		// request and ended a moment later (measured: stored 60 ms after the drop). Else we ask.
		for (let attempt = 0; attempt <= this.times.tries; attempt++) {
			if (attempt > 1) await pause(this.times.pauseMs);
			if (!(await this.knows(sender, deviceId, attempt > 0))) continue;
			this.handed.add(transactionId);
			await entry.processSyncChanges({toDeviceEvents: [message], useMsc4186: true});
			return 'handed';
		}
		return 'left';
	}

	/** `fetch`: our own account's keys are asked of the server (the crypto tracks us and would not); others' once untracked. */
	private async knows(userId: string, deviceId: string, fetch: boolean): Promise<boolean> {
		const crypto = this.client.getCrypto();
		if (!crypto) return false;
		if (fetch && userId === this.client.getUserId()) await crypto.userHasCrossSigningKeys(userId, true);
		return (await crypto.getUserDeviceInfo([userId], fetch)).get(userId)?.has(deviceId) ?? false;
	}
}

/** The Rust crypto's window for a request's timestamp: at most 10 minutes old, 5 ahead. */
const OLDEST_MS = 10 * 60_000;
const NEWEST_MS = 5 * 60_000;

function isFresh(timestamp: unknown, now: number): boolean {
	return typeof timestamp === 'number' && timestamp > now - OLDEST_MS && timestamp < now + NEWEST_MS;
}

function syncEntry(crypto: unknown): SyncEntry | undefined {
	return typeof (crypto as Partial<SyncEntry> | undefined)?.processSyncChanges === 'function' ? (crypto as SyncEntry) : undefined;
}

function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
