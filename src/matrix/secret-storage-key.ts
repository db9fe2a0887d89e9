/**
 * The secret-storage (recovery) key, held in the worker's memory only while one /recovery step
 * needs it: the SDK asks for it through cryptoCallbacks.getSecretStorageKey, and it is wiped the
 * moment the step ends, so no later request can read secrets with it.
 */
import type {CryptoCallbacks} from 'matrix-js-sdk/lib/crypto-api/index.js';

export class SecretStorageKey {
	private held: {keyId?: string; key: Uint8Array<ArrayBuffer>} | undefined;

	/** What the client is created with: the answers come from whatever is held at the time. */
	readonly callbacks: CryptoCallbacks = {
		getSecretStorageKey: ({keys}) => {
			const held = this.held;
			if (!held) return Promise.resolve(null);
			// A key just created (bootstrapSecretStorage) learns its ID when the SDK adds it.
			const keyId = held.keyId ?? Object.keys(keys)[0];
			return Promise.resolve(keyId && keys[keyId] ? [keyId, held.key] : null);
		},
		cacheSecretStorageKey: (keyId, _info, key) => {
			if (this.held && this.held.key === key) this.held.keyId = keyId;
		},
	};

	/** Runs `step` with the key held (under `keyId`, once known), then wipes it, whatever happens. */
	async holding<T>(key: Uint8Array<ArrayBuffer>, keyId: string | undefined, step: () => Promise<T>): Promise<T> {
		this.held = {key, ...(keyId ? {keyId} : {})};
		try {
			return await step();
		} finally {
			key.fill(0);
			this.held = undefined;
		}
	}
}
