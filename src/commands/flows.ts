/** The prompt flows by name: Enter on an open prompt goes to the flow that asked it. */
import type {Prompt} from '../state/prompt.js';
import type {CommandContext, Outcome} from './command-context.js';
import {answerDeactivation} from './deactivate-flow.js';
import {answerDeleteDevice} from './devices-flow.js';
import {answerOptimise} from './optimise-room-flow.js';
import {answerRecovery} from './recovery-flow.js';

type PromptOf<F extends Prompt['flow']> = Extract<Prompt, {flow: F}>;
type Answer<F extends Prompt['flow']> = (prompt: PromptOf<F>, answer: string, context: CommandContext) => Promise<Outcome>;

// Keyed by every flow a prompt can name: a new flow does not compile until it is registered here.
const FLOWS: {[F in Prompt['flow']]: Answer<F>} = {
	deactivate: answerDeactivation,
	'optimise-room': answerOptimise,
	'delete-device': answerDeleteDevice,
	recovery: answerRecovery,
};

export function answerFlow<F extends Prompt['flow']>(prompt: PromptOf<F>, answer: string, context: CommandContext): Promise<Outcome> {
	const flow: Answer<F> = FLOWS[prompt.flow];
	return flow(prompt, answer, context);
}
