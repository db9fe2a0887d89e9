/**
 * SAS emoji verification, one at a time, run in the worker: started by /verify or by a request
 * from the other side, its steps go out as VerificationViews and the user's answers come back as
 * actions. Requests were seen never to reach the other device until it had fetched our keys, so
 * keys are fetched before asking, an unanswered request is sent once more, and a verification
 * nobody answers ends with one line.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {
	CryptoEvent,
	VerificationPhase,
	VerificationRequestEvent,
	VerifierEvent,
	type ShowSasCallbacks,
	type VerificationRequest,
	type Verifier,
} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {findDirectChat} from './direct-chat.js';
import {LateRequests} from './late-requests.js';
import type {VerificationAnswer, VerificationView} from './protocol.js';

export interface VerificationTimes {
	/** An unanswered request is sent once more after this long. */
	retryAfterMs: number;
	/** Without an answer, or the other side's confirmation, for this long, it ends. */
	timeoutMs: number;
}

const TIMES: VerificationTimes = {retryAfterMs: 30_000, timeoutMs: 120_000};
const SAS = 'm.sas.v1';

interface Running {
	id: number;
	request: VerificationRequest;
	/** How to ask again (outgoing requests only). */
	again?: () => Promise<VerificationRequest>;
	retried: boolean;
	/** Stops listening to the current request (replaced by a retry: its cancel is ours, no news). */
	unfollow?: () => void;
	verifier?: Verifier;
	sas?: ShowSasCallbacks;
	timer?: NodeJS.Timeout;
	retryTimer?: NodeJS.Timeout;
	view: VerificationView;
}

export class Verifications {
	private running: Running | undefined;
	private lastId = 0;

	constructor(
		private readonly client: MatrixClient,
		private readonly show: (view: VerificationView) => void,
		private readonly times: VerificationTimes = TIMES,
	) {}

	/** Requests from the other side open the prompt (accept or decline), those from a device just made too. */
	listen(): void {
		this.client.on(CryptoEvent.VerificationRequestReceived, (request) => this.received(request));
		new LateRequests(this.client).listen();
	}

	/** Sends a request: to another of our devices (one named, or all once we have cross-signing), or to another user. */
	async start(target: {userId?: string; deviceId?: string}): Promise<void> {
		const crypto = this.client.getCrypto();
		if (!crypto) throw new Error('encryption is off in this session');
		if (this.running) throw new Error('a verification is under way — finish or cancel it first');
		const me = this.client.getSafeUserId();
		const userId = target.userId ?? me;
		// Their keys first: a request to a device we have not fetched may never arrive. Asking about
		// our own cross-signing queries the server (our devices are tracked, and the device list alone
		// would be the crypto's copy, without a device logged in a moment ago).
		const crossSigned = await crypto.userHasCrossSigningKeys(userId, true);
		const devices: ReadonlyMap<string, unknown> = (await crypto.getUserDeviceInfo([userId], true)).get(userId) ?? new Map<string, unknown>();
		const others = [...devices.keys()].filter((deviceId) => !(userId === me && deviceId === this.client.getDeviceId()));
		let ask: () => Promise<VerificationRequest>;
		let named = target.deviceId;
		if (named) {
			if (!devices.has(named)) throw new Error(`${userId === me ? 'your account has' : `${userId} has`} no device ${named} with encryption keys`);
			const device = named;
			ask = () => crypto.requestDeviceVerification(userId, device);
		} else if (crossSigned) {
			const roomId = userId === me ? undefined : findDirectChat(this.client, userId);
			if (userId !== me && !roomId) throw new Error(`no direct chat with ${userId} to verify in — open one first`);
			ask = roomId ? () => crypto.requestVerificationDM(userId, roomId) : () => crypto.requestOwnUserVerification();
		} else if (others.length === 1) {
			const only = (named = others[0]!);
			ask = () => crypto.requestDeviceVerification(userId, only);
		} else if (others.length === 0) {
			throw new Error(userId === me ? 'you have no other device to verify (see /devices)' : `${userId} has no device with encryption keys`);
		} else {
			throw new Error(`name the device: /verify ${userId === me ? '' : `${userId} `}<device ID> (${others.length} devices, see ${userId === me ? '/devices' : 'their devices'})`);
		}
		const request = await ask();
		this.track(request, {userId, ...(named ? {deviceId: named} : {})}, 'waiting', ask);
	}

	async answer(id: number, answer: VerificationAnswer): Promise<void> {
		const running = this.running;
		if (running?.id !== id) throw new Error('that verification has ended');
		switch (answer) {
			case 'accept':
				if (running.request.phase !== VerificationPhase.Requested) return;
				this.update(running, {phase: 'waiting'});
				await running.request.accept();
				return;
			case 'decline':
				return this.endByUs(running, 'Verification declined — nothing was verified');
			case 'match':
				if (!running.sas) throw new Error('no emoji to compare yet');
				this.update(running, {phase: 'confirmed'});
				await running.sas.confirm();
				return;
			case 'mismatch':
				running.sas?.mismatch();
				return this.endByUs(running, "Verification cancelled: the emoji did not match — nothing was verified", false);
			case 'cancel':
				return this.endByUs(running, 'Verification cancelled — nothing was verified');
		}
	}

	stop(): void {
		if (this.running) this.finish(this.running);
	}

	private received(request: VerificationRequest): void {
		if (request.phase !== VerificationPhase.Requested) return;
		// One at a time: the other side hears we are busy rather than waiting for a timeout.
		if (this.running) {
			void request.cancel({code: 'm.user', reason: 'another verification is under way'}).catch(() => undefined);
			return;
		}
		this.track(request, {userId: request.otherUserId, ...(request.otherDeviceId ? {deviceId: request.otherDeviceId} : {})}, 'incoming');
	}

	private track(request: VerificationRequest, who: {userId: string; deviceId?: string}, phase: 'incoming' | 'waiting', again?: () => Promise<VerificationRequest>): void {
		const running: Running = {id: ++this.lastId, request, retried: false, view: {id: this.lastId, phase, ...who}, ...(again ? {again} : {})};
		this.running = running;
		this.follow(running, request);
		running.timer = setTimeout(() => void this.timedOut(running), this.times.timeoutMs);
		if (again) running.retryTimer = setTimeout(() => void this.retry(running), this.times.retryAfterMs);
		this.show(running.view);
	}

	private follow(running: Running, request: VerificationRequest): void {
		const onChange = () => {
			if (this.running !== running || running.request !== request) return;
			this.changed(running);
		};
		request.on(VerificationRequestEvent.Change, onChange);
		running.unfollow = () => request.off(VerificationRequestEvent.Change, onChange);
		this.changed(running);
	}

	private changed(running: Running): void {
		const {request} = running;
		// A request to all our devices learns which one answered.
		if (!running.view.deviceId && request.otherDeviceId) this.update(running, {deviceId: request.otherDeviceId});
		switch (request.phase) {
			case VerificationPhase.Ready:
				clearTimeout(running.retryTimer);
				// The side that asked starts the emoji exchange once the other is ready.
				if (request.initiatedByMe && !running.verifier) void request.startVerification(SAS).then((verifier) => this.attach(running, verifier), (error: unknown) => this.fail(running, error));
				return;
			case VerificationPhase.Started:
				clearTimeout(running.retryTimer);
				if (request.verifier && !running.verifier) this.attach(running, request.verifier);
				return;
			case VerificationPhase.Cancelled:
				return this.end(running, 'failed', cancelLine(request));
			case VerificationPhase.Done:
				return this.end(running, 'done', doneLine(running.view, this.client.getSafeUserId()));
			default:
				return;
		}
	}

	private attach(running: Running, verifier: Verifier): void {
		if (this.running !== running || running.verifier) return;
		running.verifier = verifier;
		verifier.on(VerifierEvent.ShowSas, (sas) => {
			running.sas = sas;
			// Comparing emoji takes a person a while: the clock starts again from here.
			clearTimeout(running.timer);
			running.timer = setTimeout(() => void this.timedOut(running), this.times.timeoutMs);
			const emoji = (sas.sas.emoji ?? []).map(([symbol, name]) => ({symbol, name}));
			this.update(running, {phase: 'emoji', emoji});
		});
		verifier.verify().then(
			() => this.end(running, 'done', doneLine(running.view, this.client.getSafeUserId())),
			() => this.end(running, 'failed', cancelLine(running.request)),
		);
	}

	/** Sent once more if nobody answered: the first may not have reached the other device. */
	private async retry(running: Running): Promise<void> {
		if (this.running !== running || running.retried || !running.again || running.request.phase !== VerificationPhase.Requested) return;
		running.retried = true;
		// The cancel turns the old request to Cancelled: heard, it would end this verification as if the other side had.
		running.unfollow?.();
		await running.request.cancel({code: 'm.user', reason: 'asking again'}).catch(() => undefined);
		try {
			running.request = await running.again();
			this.follow(running, running.request);
		} catch (error) {
			this.fail(running, error);
		}
	}

	private async timedOut(running: Running): Promise<void> {
		if (this.running !== running) return;
		await this.endByUs(running, `Verification with ${whoLine(running.view, this.client.getSafeUserId())} timed out — no answer; nothing was verified`, true, 'm.timeout');
	}

	private async endByUs(running: Running, line: string, cancel = true, code = 'm.user'): Promise<void> {
		this.end(running, 'failed', line);
		if (cancel) await running.request.cancel({code, reason: line}).catch(() => undefined);
	}

	private fail(running: Running, error: unknown): void {
		this.end(running, 'failed', `Verification failed: ${error instanceof Error ? error.message : String(error)}`);
	}

	private end(running: Running, phase: 'done' | 'failed', line: string): void {
		if (this.running !== running) return;
		this.finish(running);
		this.update(running, {phase, line});
	}

	private finish(running: Running): void {
		clearTimeout(running.timer);
		clearTimeout(running.retryTimer);
		this.running = undefined;
	}

	private update(running: Running, change: Partial<VerificationView>): void {
		running.view = {...running.view, ...change};
		this.show(running.view);
	}
}

function whoLine(view: VerificationView, me: string): string {
	if (view.userId === me) return view.deviceId ? `your device ${view.deviceId}` : 'your other device';
	return view.userId;
}

function doneLine(view: VerificationView, me: string): string {
	return `Verified ${whoLine(view, me)} — the emoji matched`;
}

const CANCEL_WORDS: Record<string, string> = {
	'm.timeout': 'it timed out',
	'm.mismatched_sas': 'the emoji did not match',
	'm.user': 'they cancelled',
	'm.key_mismatch': 'the keys did not match',
	'm.unknown_method': 'no method both sides know',
	'm.accepted': 'another of your devices answered',
};

function cancelLine(request: VerificationRequest): string {
	const code = request.cancellationCode ?? '';
	const why = CANCEL_WORDS[code] ?? (code ? code : 'no reason given');
	return `Verification cancelled by the other side (${why}) — nothing was verified`;
}
