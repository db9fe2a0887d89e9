/**
 * What every command and prompt flow shares: the context it runs in, the outcome it reports, and
 * the one test a flow makes between its steps.
 */
import type {MatrixSession} from '../matrix/protocol.js';
import type {Prompt} from '../state/prompt.js';
import type {Store} from '../state/store.js';

export interface CommandContext {
	session: MatrixSession;
	store: Store;
	quit: () => void;
}

/** What the status line says afterwards: `info` (if any) on success, `error` on failure. */
export type Outcome = {ok: true; info?: string} | {ok: false; error: string};

export const ok = (info?: string): Outcome => ({ok: true, info});
export const fail = (error: string): Outcome => ({ok: false, error});

/** Esc (or another flow) took the prompt away: a flow checks between steps and stops. */
export function promptGone(prompt: Pick<Prompt, 'id'>, context: CommandContext): boolean {
	return context.store.getState().prompt?.id !== prompt.id;
}
