/**
 * A question the app is asking in the composer: "type your user ID to confirm", "type optimise",
 * a password. While one is open, Enter answers it instead of sending, Esc cancels it, and nothing
 * typed goes into the history, completion or the input history's draft. Plain data, like all state:
 * the flow that asked (src/commands/*-flow.ts) keeps its place in `step`.
 */
import type {OptimiseSummary} from '../domain/optimise-plan.js';

export type PromptFlow =
	| {flow: 'deactivate'; step: 'confirm' | 'confirm-again' | 'after-failure' | 'password' | 'working'; reason?: string}
	| {flow: 'optimise-room'; step: 'confirm' | 'working'; roomId: string; plan: OptimiseSummary}
	| {flow: 'delete-device'; step: 'password' | 'working'; deviceId: string}
	/** `reset`: /recovery reset, the key replaced only once `confirmed` (setup never replaces one). */
	| {flow: 'recovery'; step: 'confirm-reset' | 'password' | 'working'; intent: 'setup' | 'reset'; confirmed?: true};

export type Prompt = PromptFlow & {
	/** One per run of a flow: a flow that finds another id (or none) knows it was cancelled. */
	id: number;
	/** The question, on the status line. */
	text: string;
	/** What the empty composer shows. */
	placeholder: string;
	/** A password: drawn masked, and cleared from the composer the moment Enter is pressed. */
	secret: boolean;
};

let lastId = 0;

export function nextPromptId(): number {
	return ++lastId;
}

export function isWorking(prompt: Prompt): boolean {
	return prompt.step === 'working';
}

/** What Esc says. A working flow stops at its next step and reports where it stopped. */
/** Said whichever way a reset is called off: Esc, or an answer other than yes. */
export const RECOVERY_RESET_CANCELLED = 'Recovery reset cancelled — your recovery key is unchanged';

export function cancelNotice(prompt: Prompt): string {
	if (isWorking(prompt)) return 'Stopping after the current step…';
	switch (prompt.flow) {
		case 'deactivate':
			return 'Deactivation cancelled — your account is still active';
		case 'optimise-room':
			return 'Optimise cancelled — the room is unchanged';
		case 'delete-device':
			return `Device ${prompt.deviceId} not deleted`;
		case 'recovery':
			return prompt.intent === 'reset' ? RECOVERY_RESET_CANCELLED : 'Recovery setup cancelled — nothing was changed';
	}
}
