import {describe, expect, test} from 'vitest';
import {requiredPowerLevel, userPowerLevel, type PowerAction} from '../../src/domain/power-levels.js';
import {ALICE, BOB} from './fixtures.js';

describe('userPowerLevel', () => {
	test.each([
		['listed user', {users: {[ALICE]: 100}}, ALICE, 100],
		['unlisted user gets users_default', {users: {[ALICE]: 100}, users_default: 10}, BOB, 10],
		['no users_default means 0', {users: {[ALICE]: 100}}, BOB, 0],
		['listed 0 beats users_default', {users: {[ALICE]: 0}, users_default: 10}, ALICE, 0],
		['negative level', {users: {[ALICE]: -5}}, ALICE, -5],
		['string level ignored', {users: {[ALICE]: '100'}, users_default: 1}, ALICE, 1],
		['null level ignored', {users: {[ALICE]: null}, users_default: 1}, ALICE, 1],
		['string users_default ignored', {users_default: '50'}, ALICE, 0],
		['users not an object', {users: 'all', users_default: 3}, ALICE, 3],
		['users an array', {users: [100]}, '0', 0],
		['no power levels event (undefined)', undefined, ALICE, 0],
		['no power levels event (null)', null, ALICE, 0],
		['content an array', [{users: {[ALICE]: 100}}], ALICE, 0],
		['inherited keys are not levels', {users: {}}, 'constructor', 0],
		['__proto__ as a user id', JSON.parse('{"users": {"__proto__": 7}}'), '__proto__', 7],
		['large levels', {users: {[ALICE]: 2 ** 53 - 1}}, ALICE, 2 ** 53 - 1],
	])('%s', (_name, powerLevels, userId, expected) => {
		expect(userPowerLevel(powerLevels, userId)).toBe(expected);
	});
});

describe('requiredPowerLevel: spec defaults', () => {
	const state = (eventType: string): PowerAction => ({kind: 'state', eventType});
	const message = (eventType: string): PowerAction => ({kind: 'message', eventType});

	test.each([
		// The spec: state_default is 50 with or without a power_levels event (matrix-spec#1479).
		['state, no power levels event', undefined, state('m.room.topic'), 50],
		['state, power levels without state_default', {}, state('m.room.topic'), 50],
		['state, state_default set', {state_default: 30}, state('m.room.topic'), 30],
		['state, state_default 0', {state_default: 0}, state('m.room.topic'), 0],
		['state, events override', {state_default: 30, events: {'m.room.topic': 80}}, state('m.room.topic'), 80],
		['state, override for another type', {state_default: 30, events: {'m.room.name': 80}}, state('m.room.topic'), 30],
		['state, override not a number', {state_default: 30, events: {'m.room.topic': '80'}}, state('m.room.topic'), 30],
		['state, state_default not a number', {state_default: '0'}, state('m.room.topic'), 50],
		['state, inherited key as type', {events: {}}, state('constructor'), 50],
		['message, no power levels event', undefined, message('m.room.message'), 0],
		['message, default', {}, message('m.room.message'), 0],
		['message, events_default', {events_default: 10}, message('m.room.message'), 10],
		['message, events override', {events_default: 10, events: {'m.room.message': 20}}, message('m.room.message'), 20],
		['message, events_default not a number', {events_default: null}, message('m.room.message'), 0],
		['message does not use state_default', {state_default: 90}, message('m.reaction'), 0],
		['kick default', {}, {kind: 'kick'}, 50],
		['ban default', {}, {kind: 'ban'}, 50],
		['redact default', {}, {kind: 'redact'}, 50],
		['invite default', {}, {kind: 'invite'}, 0],
		['kick, no power levels event', undefined, {kind: 'kick'}, 50],
		['ban, no power levels event', null, {kind: 'ban'}, 50],
		['redact, no power levels event', undefined, {kind: 'redact'}, 50],
		['invite, no power levels event', undefined, {kind: 'invite'}, 0],
		['kick set', {kick: 75}, {kind: 'kick'}, 75],
		['ban set', {ban: 100}, {kind: 'ban'}, 100],
		['redact set', {redact: 0}, {kind: 'redact'}, 0],
		['invite set', {invite: 50}, {kind: 'invite'}, 50],
		['kick not a number', {kick: '0'}, {kind: 'kick'}, 50],
		['invite not a number', {invite: true}, {kind: 'invite'}, 0],
		['events map not an object', {events: 'all', state_default: 40}, state('m.room.topic'), 40],
		['an unknown action needs the most we know of', {state_default: 10, kick: 5}, {kind: 'shout'}, 50],
		['no action at all', {state_default: 10}, undefined, 50],
	] as Array<[string, unknown, PowerAction, number]>)('%s', (_name, powerLevels, action, expected) => {
		expect(requiredPowerLevel(powerLevels, action)).toBe(expected);
	});
});
