/**
 * /devices and /devices delete <id>: the list in a panel, and deleting another device through
 * the password the interactive-auth step needs (asked in the composer, masked, never kept).
 * This device is refused at once: deleting it would end the session under our feet.
 */
import {sanitizeInline} from '../domain/sanitize.js';
import type {DeviceInfo} from '../matrix/protocol.js';
import {nextPromptId, type Prompt} from '../state/prompt.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type DeletePrompt = Extract<Prompt, {flow: 'delete-device'}>;

export async function showDevices(context: CommandContext): Promise<Outcome> {
	const devices = await listDevices(context);
	if (typeof devices === 'string') return fail(devices);
	context.store.dispatch({type: 'show-devices', devices});
	return ok();
}

export async function startDeleteDevice(deviceId: string, context: CommandContext): Promise<Outcome> {
	const devices = await listDevices(context);
	if (typeof devices === 'string') return fail(devices);
	context.store.dispatch({type: 'show-devices', devices});
	const device = devices.find((candidate) => candidate.deviceId === deviceId);
	const shown = sanitizeInline(deviceId);
	if (!device) return fail(`No device ${shown} on your account — /devices lists them`);
	if (device.current) return fail(`${shown} is this device — matrix-tui cannot delete the device it runs as (--logout ends it)`);
	ask(context, {id: nextPromptId(), deviceId}, 'password', `Your password to delete device ${shown} (hidden, Esc cancels)`);
	return ok();
}

export async function answerDeleteDevice(prompt: DeletePrompt, password: string, context: CommandContext): Promise<Outcome> {
	if (prompt.step === 'working') return ok();
	const {store, session} = context;
	const shown = sanitizeInline(prompt.deviceId);
	ask(context, prompt, 'working', `Deleting device ${shown}…`);
	const result = await session.perform({type: 'delete-device', deviceId: prompt.deviceId, password});
	store.dispatch({type: 'close-prompt', id: prompt.id});
	if (!result.ok) {
		const {error} = result;
		if (error.errcode === 'M_FORBIDDEN' || (error.status === 401 && error.kind !== 'unknown-token')) return fail(`Device ${shown} not deleted: wrong password`);
		return fail(describeError(error, {userId: session.userId, what: `delete device ${shown}`, notFound: `No device ${shown} on your account — /devices lists them`}));
	}
	// The panel, if open, shows the list without it.
	if (store.getState().devices) {
		const devices = await listDevices(context);
		if (typeof devices !== 'string') store.dispatch({type: 'show-devices', devices});
	}
	return ok(`Deleted device ${shown}`);
}

async function listDevices(context: CommandContext): Promise<readonly DeviceInfo[] | string> {
	const result = await context.session.perform({type: 'list-devices'});
	if (result.ok) return result.value;
	return describeError(result.error, {userId: context.session.userId, what: 'list your devices'});
}

function ask(context: CommandContext, base: Pick<DeletePrompt, 'id' | 'deviceId'>, step: DeletePrompt['step'], text: string): void {
	const prompt: DeletePrompt = {flow: 'delete-device', step, id: base.id, deviceId: base.deviceId, text, placeholder: step === 'password' ? 'password (hidden)' : 'working…', secret: step === 'password'};
	context.store.dispatch({type: 'open-prompt', prompt});
}
