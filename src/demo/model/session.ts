/** The one account this server knows, its login state, filters and sent transaction ids. */
export class Session {
	/** Whether the fixed token currently works: /logout turns it off, /login on again. */
	loggedIn = true;
	readonly filters = new Map<string, unknown>();
	/** `roomId \0 kind \0 txnId` → event_id, so a retried PUT does not send twice. */
	readonly txns = new Map<string, string>();
	/** Member events already sent by /sync (lazy loading, as Synapse's cache): `roomId \0 userId` → event_id. */
	readonly sentMembers = new Map<string, string>();
	/** Global profiles (GET /profile); member events carry per-room copies. */
	readonly profiles = new Map<string, {displayname?: string; avatar_url?: string}>();

	constructor(
		readonly userId: string,
		readonly accessToken: string,
		readonly deviceId: string,
	) {}

	/** `you`, `@you` or the full id all mean our user, as Synapse accepts for m.id.user. */
	isOurUser(name: string): boolean {
		const localpart = this.userId.slice(1, this.userId.indexOf(':'));
		return name === this.userId || name === localpart || name === `@${localpart}`;
	}

	addFilter(filter: unknown): string {
		const id = String(this.filters.size);
		this.filters.set(id, filter);
		return id;
	}
}
