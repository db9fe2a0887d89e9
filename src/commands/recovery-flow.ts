/**
 * /recovery setup, /recovery reset and /recovery <key>. Setup makes secret storage and a key
 * backup under a new recovery key and shows it once, in a panel the user closes (never on the
 * status line, in the history or the timeline) — but an account that has a key keeps it, as in
 * Element: someone may have written it down, so setup only says how to go on. Reset replaces the
 * key once the user confirms (y or yes; anything else cancels); on an account with no key it is
 * the plain setup, with nothing to confirm. If cross-signing has to be set up first and the
 * server wants the password for it, the password is asked in a prompt. <key> verifies this
 * device and restores the backup; every way it can fail is one line.
 */
import type {ActionError, RecoveryRestore, RecoverySetup} from '../matrix/protocol.js';
import {nextPromptId, RECOVERY_RESET_CANCELLED, type Prompt} from '../state/prompt.js';
import {fail, ok, promptGone, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type RecoveryPrompt = Extract<Prompt, {flow: 'recovery'}>;
/** One run of the flow: its prompt's id, what the user asked, and whether a reset was confirmed. */
type Run = Pick<RecoveryPrompt, 'id' | 'intent' | 'confirmed'>;

const ALREADY_SET_UP = 'Recovery is already set up — /recovery <key> uses your key here; /recovery reset makes a new one (the old key stops working)';

export function startRecoverySetup(context: CommandContext): Promise<Outcome> {
	context.store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'Setting up recovery (secret storage and key backup)…'}});
	return setUp({id: nextPromptId(), intent: 'setup'}, undefined, context);
}

/** Asks the plain setup first: it says whether the account has a key to lose, which only then needs a yes. */
export function startRecoveryReset(context: CommandContext): Promise<Outcome> {
	context.store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'Looking for your recovery key on the server…'}});
	return setUp({id: nextPromptId(), intent: 'reset'}, undefined, context);
}

export function answerRecovery(prompt: RecoveryPrompt, answer: string, context: CommandContext): Promise<Outcome> {
	switch (prompt.step) {
		case 'working':
			return Promise.resolve(ok());
		case 'password':
			return setUp(prompt, answer, context);
		case 'confirm-reset':
			if (!/^y(es)?$/iu.test(answer.trim())) {
				context.store.dispatch({type: 'close-prompt', id: prompt.id});
				return Promise.resolve(fail(RECOVERY_RESET_CANCELLED));
			}
			return setUp({...prompt, confirmed: true}, undefined, context);
	}
}

async function setUp(run: Run, password: string | undefined, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	// A run that asked nothing yet has no prompt to lose; one that did stops if Esc took it away.
	const prompted = !promptGone(run, context);
	if (prompted) ask(context, run, 'working', run.confirmed ? 'Making a new recovery key and key backup…' : 'Setting up cross-signing and recovery…');
	const result = await session.perform({type: 'set-up-recovery', ...(password === undefined ? {} : {password}), ...(run.confirmed ? {replace: true} : {})});
	const gone = prompted && promptGone(run, context);
	if (prompted && !gone) store.dispatch({type: 'close-prompt', id: run.id});
	const what = run.intent === 'reset' ? 'reset recovery' : 'set up recovery';
	if (!result.ok) {
		// A wrong password is worth another try without starting over.
		if (password !== undefined && isWrongPassword(result.error) && !gone) {
			askPassword(context, run, 'wrong password');
			return ok();
		}
		return fail(describeError(result.error, {userId: session.userId, what}));
	}
	return setUpOutcome(result.value, run, password, context, gone, what);
}

function setUpOutcome(value: RecoverySetup, run: Run, password: string | undefined, context: CommandContext, gone: boolean, what: string): Outcome {
	switch (value.kind) {
		case 'exists':
			if (run.intent === 'setup' || run.confirmed) return ok(ALREADY_SET_UP);
			if (gone) return fail(RECOVERY_RESET_CANCELLED);
			// Instructions first: a narrow status line cuts the end.
			ask(context, run, 'confirm-reset', 'Replace your recovery key? Type y to confirm, anything else cancels — the old key stops working, a new key backup is made');
			return ok();
		case 'needs-password':
			if (password !== undefined) return fail(`Cannot ${what}: the homeserver did not take the password`);
			if (gone) return ok();
			askPassword(context, run);
			return ok();
		case 'unverified-device':
			return fail('This device does not hold your cross-signing keys — verify it first: /recovery <key> or /verify');
		case 'created':
			// Shown even if Esc came meanwhile: the key is made, and this is its only showing.
			context.store.dispatch({type: 'show-recovery-key', recoveryKey: value.recoveryKey});
			return ok(run.confirmed ? 'Recovery key replaced: your keys are backed up under the new key shown — the old key no longer works' : 'Recovery is set up: your keys are backed up on the server under the key shown');
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

function askPassword(context: CommandContext, run: Run, lead?: string): void {
	const question = `Your password, to set up cross-signing for ${context.session.userId} (hidden, Esc cancels)`;
	ask(context, run, 'password', lead ? `${question} — ${lead}` : question);
}

const PLACEHOLDERS: Record<RecoveryPrompt['step'], string> = {'confirm-reset': 'y to replace the key', password: 'password (hidden)', working: 'working…'};

function ask(context: CommandContext, run: Run, step: RecoveryPrompt['step'], text: string): void {
	const prompt: RecoveryPrompt = {flow: 'recovery', step, id: run.id, intent: run.intent, ...(run.confirmed ? {confirmed: true} : {}), text, placeholder: PLACEHOLDERS[step], secret: step === 'password'};
	context.store.dispatch({type: 'open-prompt', prompt});
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
