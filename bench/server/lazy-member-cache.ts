/**
 * Synapse's record of the member events it has sent one device under lazy loading
 * (`include_redundant_members: false`): user ID → event ID, one record across rooms, cleared by an
 * initial sync, and an LRU of only 100 entries (LAZY_LOADED_MEMBERS_CACHE_MAX_SIZE in
 * synapse/handlers/sync.py). A member event goes out again once it has changed, or once a hundred
 * other users' have pushed it out: in a room with thousands of speakers, nearly every sender's.
 */
const SYNAPSE_LAZY_MEMBERS_CACHE_SIZE = 100;

export class LazyMemberCache {
	private readonly entries = new Map<string, string>();
	private readonly size: number;

	constructor(size = SYNAPSE_LAZY_MEMBERS_CACHE_SIZE) {
		this.size = size;
	}

	/** Whether the device has this very member event; a look-up counts as a use (LRU). */
	has(userId: string, eventId: string): boolean {
		const cached = this.entries.get(userId);
		if (cached === undefined) return false;
		this.entries.delete(userId);
		this.entries.set(userId, cached);
		return cached === eventId;
	}

	set(userId: string, eventId: string): void {
		this.entries.delete(userId);
		this.entries.set(userId, eventId);
		if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
	}
}
