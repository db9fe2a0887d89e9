import {unrecognized} from './errors.js';

/** What a handler sees: decoded path parameters, the query string and the parsed JSON body. */
export interface Request<C> {
	context: C;
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
	/** Aborted when the client goes away or the server closes: long-polls stop waiting on it. */
	signal: AbortSignal;
}

export interface Route<C> {
	method: string;
	/** Segments after `/_matrix/client/<version>/`; `:name` captures one, a trailing `:name?` may be absent. */
	path: string;
	/** Routes that need no access token (versions, login). */
	public?: boolean;
	handler: (request: Request<C>) => unknown;
}

export interface Match<C> {
	route: Route<C>;
	params: Record<string, string>;
}

/** Client-Server API prefixes; Synapse still accepts r0, and a few endpoints live under v1/unstable. */
const CLIENT_PREFIX = /^\/_matrix\/client\/(?:v1|v3|r0|unstable)\//;

/** Splits the client path into decoded segments, so `%21room%3Aserver` and `%2F` in state keys work. */
export function clientSegments(pathname: string): string[] | undefined {
	// The one endpoint without a version in its path.
	if (pathname === '/_matrix/client/versions') return ['versions'];
	const match = CLIENT_PREFIX.exec(pathname);
	if (!match) return undefined;
	const segments = pathname.slice(match[0].length).split('/');
	// `/pushrules/` and `/state/type/` end with a slash: an empty last segment means "absent".
	if (segments.length > 0 && segments.at(-1) === '') segments.pop();
	try {
		return segments.map((segment) => decodeURIComponent(segment));
	} catch {
		return undefined; // malformed %-escape: treat as an unknown endpoint
	}
}

/** Finds the route for a method + path; throws 404 (unknown path) or 405 (known path, wrong method). */
export function matchRoute<C>(routes: ReadonlyArray<Route<C>>, method: string, segments: string[]): Match<C> {
	let pathKnown = false;
	for (const route of routes) {
		const params = matchPath(route.path, segments);
		if (!params) continue;
		if (route.method === method) return {route, params};
		pathKnown = true;
	}
	throw unrecognized(pathKnown ? 405 : 404);
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
	const parts = pattern.split('/');
	const optionalTail = parts.at(-1)?.endsWith('?') === true;
	const minLength = optionalTail ? parts.length - 1 : parts.length;
	if (segments.length < minLength || segments.length > parts.length) return undefined;
	const params: Record<string, string> = {};
	for (const [index, part] of parts.entries()) {
		const segment = segments[index];
		if (part.startsWith(':')) {
			params[part.slice(1).replace(/\?$/, '')] = segment ?? '';
		} else if (part !== segment) {
			return undefined;
		}
	}
	return params;
}
