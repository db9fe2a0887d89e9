/**
 * /recovery setup and /recovery <key>. Setup makes secret storage and a key backup under a new
 * recovery key and shows it once, in a panel the user closes (never on the status line, in the
 * history or the timeline); if cross-signing has to be set up first and the server wants the
 * password for it, the password is asked in a prompt. <key> verifies this device and restores
 * the backup; every way it can fail is one line.
 */
import type {ActionError, RecoveryRestore} from '../matrix/protocol.js';
import {nextPromptId, type Prompt} from '../state/prompt.js';
import {fail, ok, promptGone, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type RecoveryPrompt = Extract<Prompt, {flow: 'recovery'}>;

export function startRecoverySetup(context: CommandContext): Promise<Outcome> {
	context.store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'Setting up recovery (secret storage and key backup)…'}});
	return setUp(undefined, undefined, context);
}

export function answerRecoveryPassword(prompt: RecoveryPrompt, password: string, context: CommandContext): Promise<Outcome> {
	if (prompt.step === 'working') return Promise.resolve(ok());
	return setUp(prompt, password, context);
}

async function setUp(prompt: RecoveryPrompt | undefined, password: string | undefined, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	const id = prompt?.id ?? nextPromptId();
	if (prompt) ask(context, id, 'working', 'Setting up cross-signing and recovery…');
	const result = await session.perform(password === undefined ? {type: 'set-up-recovery'} : {type: 'set-up-recovery', password});
	const asked = prompt && promptGone({...prompt, id}, context);
	if (prompt && !asked) store.dispatch({type: 'close-prompt', id});
	if (!result.ok) {
		const line = describeError(result.error, {userId: session.userId, what: 'set up recovery'});
		// A wrong password is worth another try without starting over.
		if (password !== undefined && isWrongPassword(result.error) && !asked) {
			askPassword(context, id, 'wrong password');
			return ok();
		}
		return fail(line);
	}
	const value = result.value;
	switch (value.kind) {
		case 'needs-password':
			if (password !== undefined) return fail('Cannot set up recovery: the homeserver did not take the password');
			askPassword(context, id);
			return ok();
		case 'unverified-device':
			return fail('This device does not hold your cross-signing keys — verify it first: /recovery <key> or /verify');
		case 'created':
			store.dispatch({type: 'show-recovery-key', recoveryKey: value.recoveryKey});
			return ok('Recovery is set up: your keys are backed up on the server under the key shown');
	}
}

export async function restoreRecovery(recoveryKey: string, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'Checking the recovery key…'}});
	const result = await session.perform({type: 'restore-recovery', recoveryKey});
	if (!result.ok) return fail(describeError(result.error, {userId: session.userId, what: 'restore from the recovery key'}));
	return restoreOutcome(result.value);
}

function restoreOutcome(result: RecoveryRestore): Outcome {
	switch (result.kind) {
		case 'restored':
			return ok(`This device is verified; ${result.imported} of ${plural(result.total, 'key')} restored from the backup — older messages decrypt`);
		case 'verified-no-backup':
			return ok('This device is verified — the account has no key backup to restore');
		case 'not-a-key':
			return fail('That is not a recovery key — check it for typos (12 groups of 4 characters, as /recovery setup showed it)');
		case 'wrong-key':
			return fail("That recovery key does not match this account's secret storage");
		case 'no-secret-storage':
			return fail('This account has no secret storage — run /recovery setup on a device that has the keys');
	}
}

function isWrongPassword(error: ActionError): boolean {
	return error.kind === 'forbidden' || error.status === 401;
}

function askPassword(context: CommandContext, id: number, lead?: string): void {
	const question = `Your password, to set up cross-signing for ${context.session.userId} (hidden, Esc cancels)`;
	ask(context, id, 'password', lead ? `${question} — ${lead}` : question);
}

function ask(context: CommandContext, id: number, step: RecoveryPrompt['step'], text: string): void {
	const secret = step === 'password';
	const prompt: RecoveryPrompt = {flow: 'recovery', step, id, text, placeholder: secret ? 'password (hidden)' : 'working…', secret};
	context.store.dispatch({type: 'open-prompt', prompt});
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
