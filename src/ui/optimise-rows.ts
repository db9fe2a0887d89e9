/** The /optimise-room plan in the side panel: what the new room gets, and what stays behind. */
import type {OptimiseSummary} from '../domain/optimise-plan.js';
import {wrapRows} from './rows.js';
import type {SideRow} from './side-rows.js';

export function optimisePlanRows(plan: OptimiseSummary, width: number, working: boolean): SideRow[] {
	const rows: SideRow[] = [];
	const detail = (text: string, tone: 'reason' | 'note' | 'deleted' = 'note') => {
		for (const line of wrapRows(text, width - 2)) rows.push({kind: 'detail', text: `  ${line}`, tone});
	};
	rows.push({kind: 'heading', text: 'State now'});
	detail(`${plan.live} live · ${plan.deleted} deleted`, 'reason');
	rows.push({kind: 'heading', text: `New room (version ${plan.roomVersion})`});
	detail(`${plan.carried} state events carried over: live and not user-scoped (the server copies some, matrix-tui the rest)`);
	detail(`${plan.invited} members invited: everyone joined here`);
	rows.push({kind: 'heading', text: 'Left behind'});
	detail(`${plan.deleted} deleted state events`, 'deleted');
	detail(`${plan.userScoped} user-scoped (memberships and per-user state)`);
	rows.push({kind: 'hint', text: working ? 'optimising… Esc stops' : 'optimise + Enter · Esc cancels'});
	return rows;
}
