/** How the client syncs: 'auto' (sliding sync where the server offers it, else classic) or one of them, forced. */
export type SyncMode = 'auto' | 'classic' | 'sliding';

export function asSyncMode(value: unknown): SyncMode | undefined {
	return value === 'auto' || value === 'classic' || value === 'sliding' ? value : undefined;
}
