/**
 * /optimise-room: MSC3901's "Optimise Room", client-side. A plan first (live and deleted state,
 * what is carried over, who is invited); on "optimise", the room is upgraded to a new one of the
 * same version, the live non-user-scoped state the server did not copy is copied, everyone joined
 * is invited (sub-proposal 2), and the client follows the tombstone into the new room.
 */
import {planOptimise, stillToCopy, summarise, upgradePower, type OptimisePlan} from '../domain/optimise-plan.js';
import type {PowerAction} from '../domain/power-levels.js';
import {sanitizeInline} from '../domain/sanitize.js';
import type {ActionError} from '../matrix/protocol.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {nextPromptId, type Prompt} from '../state/prompt.js';
import {fail, ok, promptGone, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type OptimisePrompt = Extract<Prompt, {flow: 'optimise-room'}>;

const WHAT = 'optimise the room';
const TOMBSTONE = {kind: 'state', eventType: 'm.room.tombstone'} as const;

export async function startOptimise(room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	if (room.membership !== 'join') return fail('Join the room before optimising it');
	// Upgrading sends m.room.tombstone: say so before anything is asked.
	const power = upgradePower(room.state, session.userId);
	if (!power.allowed) return fail(`Cannot ${WHAT}: needs power level ${power.needed}, you have ${power.mine}`);
	store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'Reading the room state…'}});
	const plan = await readPlan(room, context);
	if (typeof plan === 'string') return fail(plan);
	const summary = summarise(plan);
	const name = sanitizeInline(room.name) || room.roomId;
	// The instruction first: a narrow status line cuts the end, and the side panel has the details.
	const text =
		`Type optimise to confirm (Esc cancels): ${name} → a new room (version ${summary.roomVersion}) with ${summary.carried} of ${summary.live} live state events, ` +
		`${summary.invited} members invited, ${summary.deleted} deleted left behind`;
	const prompt: OptimisePrompt = {flow: 'optimise-room', step: 'confirm', id: nextPromptId(), roomId: room.roomId, plan: summary, text, placeholder: 'type optimise to confirm', secret: false};
	store.dispatch({type: 'open-prompt', prompt});
	return ok();
}

export async function answerOptimise(prompt: OptimisePrompt, answer: string, context: CommandContext): Promise<Outcome> {
	const {store} = context;
	if (prompt.step === 'working') return ok();
	if (!/^optimi[sz]e$/i.test(answer.trim())) {
		store.dispatch({type: 'close-prompt', id: prompt.id});
		return fail('Not optimised: type optimise to confirm — the room is unchanged');
	}
	store.dispatch({type: 'open-prompt', prompt: {...prompt, step: 'working', text: 'Optimising… Esc stops after the current step', placeholder: 'working… (Esc stops)'}});
	try {
		return await optimise(prompt, context);
	} finally {
		store.dispatch({type: 'close-prompt', id: prompt.id});
	}
}

async function optimise(prompt: OptimisePrompt, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	const room = store.getState().rooms.get(prompt.roomId);
	if (!room) return fail('Not optimised: the room is gone from the list');
	const progress = (text: string) => store.dispatch({type: 'show-notice', notice: {kind: 'info', text}});
	// The new room starts with the old room's power levels, so the old room's say what is needed.
	const describe = (error: ActionError, what: string, power?: PowerAction) => describeError(error, {room, userId: session.userId, what, power});

	// The state as it is now, not as it was when the plan was shown.
	progress('Reading the room state…');
	const plan = await readPlan(room, context);
	if (typeof plan === 'string') return fail(plan);
	if (promptGone(prompt, context)) return fail('Optimise cancelled — the room is unchanged');

	progress(`Upgrading to a new room (version ${plan.roomVersion})…`);
	const upgraded = await session.perform({type: 'upgrade-room', roomId: room.roomId, newVersion: plan.roomVersion});
	if (!upgraded.ok) return fail(describe(upgraded.error, WHAT, TOMBSTONE));
	const newRoomId = upgraded.value;
	// Follow the tombstone: the new room is selected as soon as the sync brings it.
	store.dispatch({type: 'request-room', query: newRoomId});

	const created = await session.perform({type: 'room-state', roomId: newRoomId});
	if (!created.ok) return fail(`Upgraded to ${newRoomId}, but could not read its state to copy the rest: ${reasonOf(describe(created.error, 'read'))}`);
	const copies = stillToCopy(plan.carried, created.value);
	const serverCopied = plan.carried.length - copies.length;

	const copyFailures: string[] = [];
	for (const [index, copy] of copies.entries()) {
		if (promptGone(prompt, context)) return fail(`Optimise stopped in the new room ${newRoomId}: copied ${index - copyFailures.length} of ${copies.length} state events, invited nobody`);
		progress(`Copying state ${index + 1}/${copies.length}… (${sanitizeInline(copy.type)})`);
		const sent = await session.perform({type: 'put-state', roomId: newRoomId, eventType: copy.type, stateKey: copy.stateKey, content: copy.content});
		if (!sent.ok) copyFailures.push(`${label(copy)}: ${reasonOf(describe(sent.error, 'copy', {kind: 'state', eventType: copy.type}))}`);
	}

	const inviteFailures: string[] = [];
	for (const [index, userId] of plan.invitees.entries()) {
		if (promptGone(prompt, context)) return fail(`Optimise stopped in the new room ${newRoomId}: state copied, invited ${index - inviteFailures.length} of ${plan.invitees.length} members`);
		progress(`Inviting members ${index + 1}/${plan.invitees.length}…`);
		const invited = await session.perform({type: 'invite', roomId: newRoomId, userId});
		if (!invited.ok) inviteFailures.push(`${sanitizeInline(userId)} (${reasonOf(describe(invited.error, 'invite'))})`);
	}

	const copied = copies.length - copyFailures.length;
	const summary = `${serverCopied + copied} state events carried over (${copied} by matrix-tui), ${plan.invitees.length - inviteFailures.length} members invited, ${plan.deleted} deleted left behind`;
	if (copyFailures.length === 0 && inviteFailures.length === 0) return ok(`Room optimised: ${summary}`);
	const problems = [
		copyFailures.length > 0 ? `${copyFailures.length} state event${copyFailures.length === 1 ? '' : 's'} not copied (${copyFailures.join('; ')})` : '',
		inviteFailures.length > 0 ? `${inviteFailures.length} invite${inviteFailures.length === 1 ? '' : 's'} failed (${inviteFailures.join('; ')})` : '',
	].filter(Boolean);
	return fail(`Room optimised, but ${problems.join(' and ')}`);
}

async function readPlan(room: RoomSnapshot, context: CommandContext): Promise<OptimisePlan | string> {
	const {session} = context;
	const result = await session.perform({type: 'room-state', roomId: room.roomId});
	if (!result.ok) return describeError(result.error, {room, userId: session.userId, what: 'read the room state'});
	return planOptimise(Array.isArray(result.value) ? result.value : [], session.userId);
}

function label(copy: {type: string; stateKey: string}): string {
	return sanitizeInline(copy.stateKey ? `${copy.type} ${copy.stateKey}` : copy.type);
}

/** "Cannot copy: needs power level 100, you have 50" → "needs power level 100, you have 50". */
function reasonOf(line: string): string {
	return line.replace(/^Cannot [^:]*: /, '');
}
