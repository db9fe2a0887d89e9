import {syncOptions} from '../sync/filter.js';
import {buildSync, isEmptySync} from '../sync/build.js';
import {parseToken} from '../sync/tokens.js';
import {intParam, type DemoRoute} from './context.js';

/** Longest long-poll we honour; the SDK asks for 30 s. */
const MAX_TIMEOUT_MS = 60_000;

/** Resolves on the next store change, after `ms`, or when `signal` aborts (client gone, server closing). */
function nextChange(onChange: (listener: () => void) => () => void, ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			unsubscribe();
			signal.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		const unsubscribe = onChange(done);
		signal.addEventListener('abort', done);
	});
}

export const syncRoutes: DemoRoute[] = [
	{
		method: 'GET',
		path: 'sync',
		handler: async ({context: {store, session}, query, signal}) => {
			const options = syncOptions(session, query.get('filter'));
			// full_state=true means "as if initial"; an unparseable since is treated the same.
			let since = query.get('full_state') === 'true' ? undefined : parseToken(query.get('since'));
			// A token from the future (another server run) cannot be continued: start afresh.
			if (since !== undefined && since > store.streamPosition + 1) since = undefined;
			const build = () => buildSync(store, session.userId, options, since, session.sentMembers);
			let response = build();
			// Long-poll only incremental syncs with nothing new; answer the moment something relevant happens.
			const deadline = Date.now() + intParam(query, 'timeout', 0, MAX_TIMEOUT_MS);
			while (since !== undefined && isEmptySync(response) && !signal.aborted && Date.now() < deadline) {
				await nextChange((listener) => store.onChange(listener), deadline - Date.now(), signal);
				response = build();
			}
			return response;
		},
	},
];
