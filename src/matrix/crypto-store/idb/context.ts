/** What every connection of one IndexedDB (one SQLite file) shares: the file, the scheduler, the cache of committed reads. */
import type {ReadCache} from './read-cache.js';
import type {Scheduler} from './scheduler.js';
import type {SqliteBacking} from './sqlite-backing.js';

export interface Context {
	readonly backing: SqliteBacking;
	readonly scheduler: Scheduler;
	readonly cache: ReadCache;
}
