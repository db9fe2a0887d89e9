import {accountRoutes} from './account.js';
import {accountDataRoutes} from './account-data.js';
import {hierarchyRoutes} from './hierarchy.js';
import type {DemoRoute} from './context.js';
import {directoryRoutes} from './directory.js';
import {eventRoutes} from './events.js';
import {historyRoutes} from './history.js';
import {mediaRoutes} from './media.js';
import {membershipRoutes} from './membership.js';
import {profileRoutes} from './profile.js';
import {pushRuleRoutes} from './push-rules.js';
import {receiptRoutes} from './receipts.js';
import {searchRoutes} from './search.js';
import {sessionRoutes} from './session.js';
import {syncRoutes} from './sync.js';
import {threadRoutes} from './threads.js';
import {upgradeRoutes} from './upgrade.js';

/** Every Client-Server endpoint the demo server answers; anything else is 404 M_UNRECOGNIZED. */
export const allRoutes: readonly DemoRoute[] = [
	...sessionRoutes,
	...syncRoutes,
	...eventRoutes,
	...historyRoutes,
	...membershipRoutes,
	...profileRoutes,
	...directoryRoutes,
	...receiptRoutes,
	...searchRoutes,
	...threadRoutes,
	...upgradeRoutes,
	...accountRoutes,
	...pushRuleRoutes,
	...mediaRoutes,
	...accountDataRoutes,
	...hierarchyRoutes,
	{
		method: 'GET',
		path: 'joined_rooms',
		handler: ({context: {store, session}}) => ({
			joined_rooms: [...store.rooms.values()].filter((room) => room.membership(session.userId) === 'join').map((room) => room.roomId),
		}),
	},
];
