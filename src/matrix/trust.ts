/**
 * What the crypto says about senders, for the app to mark: a decrypted event from a device its
 * owner has not verified (the SDK's event shield), and the users whose identity we verified through
 * cross-signing (for the member list).
 */
import type {MatrixClient, MatrixEvent} from 'matrix-js-sdk';
import {CryptoEvent, EventShieldColour, EventShieldReason} from 'matrix-js-sdk/lib/crypto-api/index.js';
import type {RawEvent} from '../domain/events.js';
import {markUntrusted} from '../domain/trust.js';

/**
 * The decrypted form, marked if the crypto warns about its sender (non-strict shields: a device
 * not verified by its owner, an unknown one, a key of doubtful origin). One local lookup per
 * decrypted event; undecryptable forms and events with no warning are handed back as they are.
 */
export async function withTrustMark(client: MatrixClient, event: MatrixEvent, form: RawEvent): Promise<RawEvent> {
	const crypto = client.getCrypto();
	if (!crypto || event.isDecryptionFailure() || !event.isEncrypted()) return form;
	// What this very device sent needs no one's word (the crypto, unverified itself, would warn).
	if (event.getSender() === client.getUserId() && event.getWireContent()['device_id'] === client.getDeviceId()) return form;
	const info = await crypto.getEncryptionInfoForEvent(event).catch(() => null);
	if (!info || info.shieldColour === EventShieldColour.NONE) return form;
	return markUntrusted(form, EventShieldReason[info.shieldReason ?? EventShieldReason.UNKNOWN] ?? 'UNKNOWN');
}

/** Beyond this many members to look at, the first pass stops: a huge encrypted room waits for trust changes. */
const FIRST_PASS_LIMIT = 2000;

/** The users we verified (cross-signing), kept up to date from the crypto's trust changes. */
export class VerifiedUsers {
	private readonly verified = new Set<string>();
	private sent = '';

	constructor(
		private readonly client: MatrixClient,
		private readonly changed: () => void,
	) {}

	/** Listens for trust changes: a verification done, an identity that changed. */
	listen(): void {
		this.client.on(CryptoEvent.UserTrustStatusChanged, (userId, status) => this.set(userId, status.isCrossSigningVerified()));
	}

	/** After the first sync: the members of encrypted rooms whose identity we verified before this start. */
	async firstPass(): Promise<void> {
		const crypto = this.client.getCrypto();
		if (!crypto) return;
		const users = new Set<string>();
		for (const room of this.client.getRooms()) {
			if (!(await crypto.isEncryptionEnabledInRoom(room.roomId))) continue;
			for (const member of room.getJoinedMembers()) users.add(member.userId);
			if (users.size >= FIRST_PASS_LIMIT) break;
		}
		for (const userId of users) {
			const status = await crypto.getUserVerificationStatus(userId).catch(() => undefined);
			if (status) this.set(userId, status.isCrossSigningVerified());
		}
	}

	/** The verified users if they changed since last asked, else undefined. */
	takeChange(): string[] | undefined {
		const userIds = [...this.verified].sort();
		const signature = userIds.join('\n');
		if (signature === this.sent) return undefined;
		this.sent = signature;
		return userIds;
	}

	private set(userId: string, verified: boolean): void {
		if (verified === this.verified.has(userId)) return;
		if (verified) this.verified.add(userId);
		else this.verified.delete(userId);
		this.changed();
	}
}
