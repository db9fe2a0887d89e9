/**
 * The session's end-to-end encryption in one place: the crypto on its store (session-crypto.ts),
 * what each decryption attempt puts in its event's place (marked when the sender's device is not
 * vouched for: trust.ts), cross-signing once after a password login, the recovery key's holder,
 * verifications and the verified users. SdkSession hands it the client and says where things go.
 */
import type {MatrixClient, MatrixEvent} from 'matrix-js-sdk';
import type {RawEvent} from '../domain/events.js';
import {undecryptableReason} from '../domain/undecryptable.js';
import type {IndexedDbFolder} from './crypto-store/indexeddb.js';
import {crossSigningAfterLogin} from './cross-signing.js';
import type {SessionUpdate} from './protocol.js';
import {SecretStorageKey} from './secret-storage-key.js';
import {decryptedFormOf, decryptPage, startSessionCrypto, type CryptoOptions} from './session-crypto.js';
import {VerifiedUsers, withTrustMark} from './trust.js';
import {Verifications} from './verification.js';

/** What the encryption reaches of the session. */
export interface EncryptionHost {
	readonly client: MatrixClient;
	/** Puts this form in the held event's place (if it is still the ciphertext). */
	replace(roomId: string, eventId: string, form: RawEvent): void;
	/** Each room's held events, to find those still undecryptable. */
	held(): Iterable<[roomId: string, events: readonly RawEvent[]]>;
	notify(text: string, info?: true): void;
	emit(update: SessionUpdate): void;
	/** Something for the next flush (the verified users changed). */
	changed(): void;
}

export type EncryptionStart = 'running' | 'off' | 'locked';

export class SessionEncryption {
	/** Where the SDK gets the recovery key while a /recovery step holds it: the client is made with its callbacks. */
	readonly secretStorageKey = new SecretStorageKey();
	private parts: {host: EncryptionHost; verifiedUsers: VerifiedUsers; verifications: Verifications} | undefined;
	/** The crypto store, once the Rust crypto runs on it: closed after the client stops. */
	private store: IndexedDbFolder | undefined;
	private storeClosed: Promise<void> | undefined;

	/**
	 * `options`: the persistent store (none: encrypted rooms stay unreadable). `loginPassword`: the
	 * password of the login that made this device, if it was just typed — used once, then dropped.
	 */
	constructor(
		private readonly options: CryptoOptions | undefined,
		private loginPassword: string | undefined,
	) {}

	attach(host: EncryptionHost): void {
		this.parts = {
			host,
			verifiedUsers: new VerifiedUsers(host.client, () => host.changed()),
			verifications: new Verifications(host.client, (verification) => host.emit({kind: 'verification', verification})),
		};
	}

	get verifications(): Verifications {
		return this.attached().verifications;
	}

	/** Before the first sync. 'locked': this device's store is there and will not open — nothing may sync. */
	async start(): Promise<EncryptionStart> {
		const {host, verifiedUsers, verifications} = this.attached();
		if (!this.options) return 'off';
		const started = await startSessionCrypto(host.client, this.options);
		if ('store' in started) {
			this.store = started.store;
			verifiedUsers.listen();
			verifications.listen();
			return 'running';
		}
		if (started.locked) {
			// The user chooses (a new device, or quit) before anything syncs or sends: never a silent new device.
			host.emit({kind: 'crypto-locked', text: started.problem});
			return 'locked';
		}
		host.notify(started.problem);
		return 'off';
	}

	/** The first sync is in: who we verified before this start, and cross-signing for a new login. */
	afterFirstSync(): void {
		void this.parts?.verifiedUsers.firstPass();
		void this.crossSignAfterLogin();
	}

	/** A decryption attempt (the SDK tries again when a key arrives late): its clear form, or why not, takes the event's place. */
	decrypted(event: MatrixEvent): void {
		const {host} = this.attached();
		const roomId = event.getRoomId();
		const eventId = event.getId();
		const form = decryptedFormOf(event);
		if (!roomId || !eventId || !form) return;
		// The sender's device is looked up before the clear form goes out: it is drawn once, marked or not.
		void withTrustMark(host.client, event, form).then((marked) => host.replace(roomId, eventId, marked));
	}

	/** Encrypted events of a /messages page (the SDK never sees those). */
	decryptPage(roomId: string, events: readonly RawEvent[]): void {
		decryptPage(this.attached().host.client, roomId, events, (event) => this.decrypted(event));
	}

	/** Every held event still undecryptable is tried again (a restored backup): the SDK retries only those it holds itself. */
	retryUndecryptable(): void {
		for (const [roomId, events] of this.attached().host.held()) {
			const waiting = events.filter((event) => undecryptableReason(event) !== undefined);
			if (waiting.length > 0) this.decryptPage(roomId, waiting);
		}
	}

	/** The verified users if they changed since last asked. */
	takeVerifiedChange(): string[] | undefined {
		return this.parts?.verifiedUsers.takeChange();
	}

	/** With the client's stopClient(), which closes the crypto: the store's files close after. */
	stop(): void {
		this.parts?.verifications.stop();
		this.storeClosed = this.store?.close();
	}

	async closed(): Promise<void> {
		await this.storeClosed;
	}

	/** Once: the login password is dropped whether or not it was needed. */
	private async crossSignAfterLogin(): Promise<void> {
		const password = this.loginPassword;
		this.loginPassword = undefined;
		if (password === undefined || !this.store) return;
		const {host} = this.attached();
		const notice = await crossSigningAfterLogin(host.client, password);
		if (notice) host.notify(notice.text, notice.info);
	}

	private attached(): NonNullable<SessionEncryption['parts']> {
		if (!this.parts) throw new Error('SessionEncryption used before attach()');
		return this.parts;
	}
}
