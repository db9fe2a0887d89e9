/** /verify [@user] [device]: asks the matrix layer to start a SAS verification; its steps come back as session updates. */
import {sanitizeInline} from '../domain/sanitize.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

export async function startVerification(target: {userId?: string; deviceId?: string}, context: CommandContext): Promise<Outcome> {
	const {session} = context;
	const own = target.userId === undefined || target.userId === session.userId;
	const result = await session.perform({type: 'verify', ...(own ? {} : {userId: target.userId}), ...(target.deviceId ? {deviceId: target.deviceId} : {})});
	if (result.ok) return ok();
	const whom = own ? (target.deviceId ? `your device ${target.deviceId}` : 'your other device') : target.userId!;
	return fail(describeError(result.error, {userId: session.userId, what: `verify ${sanitizeInline(whom)}`}));
}
