/**
 * The account's push rules, kept for the demo session, so `/notify` works in `--demo`: GET the
 * ruleset, PUT and DELETE one rule of a kind (the SDK's addPushRule / deletePushRule). Rules are
 * only stored and given back; the demo's unread counts do not follow them.
 */
import {MatrixError, notFound} from '../http/errors.js';
import {objectBody} from '../http/io.js';
import type {Session} from '../model/session.js';
import type {DemoRoute} from './context.js';

const KINDS = ['override', 'content', 'room', 'sender', 'underride'] as const;
type Kind = (typeof KINDS)[number];
type Rule = Record<string, unknown> & {rule_id: string};
type Ruleset = Record<Kind, Rule[]>;

const rulesets = new WeakMap<Session, Ruleset>();

function rulesetOf(session: Session): Ruleset {
	let ruleset = rulesets.get(session);
	if (!ruleset) rulesets.set(session, (ruleset = {override: [], content: [], room: [], sender: [], underride: []}));
	return ruleset;
}

function kindOf(value: string | undefined): Kind {
	const kind = KINDS.find((known) => known === value);
	if (kind === undefined) throw new MatrixError(400, 'M_INVALID_PARAM', 'Unknown push rule kind');
	return kind;
}

export const pushRuleRoutes: DemoRoute[] = [
	{method: 'GET', path: 'pushrules', handler: ({context: {session}}) => ({global: rulesetOf(session)})},
	{
		method: 'PUT',
		path: 'pushrules/global/:kind/:ruleId',
		handler: ({context: {session}, params, body}) => {
			const rules = rulesetOf(session)[kindOf(params['kind'])];
			const request = objectBody(body);
			if (!Array.isArray(request['actions'])) throw new MatrixError(400, 'M_MISSING_PARAM', 'Missing actions');
			const ruleId = params['ruleId'] ?? '';
			const rule: Rule = {rule_id: ruleId, default: false, enabled: true, actions: request['actions'], ...(Array.isArray(request['conditions']) ? {conditions: request['conditions']} : {})};
			const index = rules.findIndex((known) => known.rule_id === ruleId);
			if (index === -1) rules.unshift(rule);
			else rules[index] = rule;
			return {};
		},
	},
	{
		method: 'DELETE',
		path: 'pushrules/global/:kind/:ruleId',
		handler: ({context: {session}, params}) => {
			const rules = rulesetOf(session)[kindOf(params['kind'])];
			const index = rules.findIndex((known) => known.rule_id === params['ruleId']);
			if (index === -1) throw notFound('Unknown rule');
			rules.splice(index, 1);
			return {};
		},
	},
];
