import {describe, expect, it} from 'vitest';
import {createStore} from '../../src/state/store.js';
import {followTyping} from '../../src/state/typing-notices.js';
import {appWith, roomUpdate} from './room-updates.js';

function setUp() {
	const store = createStore(appWith(roomUpdate('!a:x'), roomUpdate('!b:x'), roomUpdate('!invited:x', {membership: 'invite'})));
	const told: Array<[string, boolean]> = [];
	let clock = 1_000;
	const stop = followTyping(store, (roomId, typing) => told.push([roomId, typing]), () => clock);
	const type = (text: string) => store.dispatch({type: 'set-composer', composer: {text, cursor: text.length}});
	const select = (roomId: string) => store.dispatch({type: 'select-room', roomId});
	return {store, told, type, select, stop, later: (ms: number) => (clock += ms)};
}

describe('followTyping', () => {
	it('tells the room once when a message is begun, again after 20 s of more typing, and that it stopped when the composer empties', () => {
		const {told, type, select, later} = setUp();
		select('!a:x');
		type('h');
		type('he');
		type('hel');
		expect(told).toEqual([['!a:x', true]]);
		later(21_000);
		type('hell');
		expect(told).toEqual([['!a:x', true], ['!a:x', true]]);
		type('');
		expect(told).toEqual([['!a:x', true], ['!a:x', true], ['!a:x', false]]);
	});

	it('says it stopped in the room left for another, where nothing is said until the user types', () => {
		const {told, type, select} = setUp();
		select('!a:x');
		type('draft');
		select('!b:x');
		expect(told).toEqual([['!a:x', true], ['!a:x', false]]);
		type('draft!');
		expect(told).toEqual([['!a:x', true], ['!a:x', false], ['!b:x', true]]);
	});

	it('says nothing for commands, blank text, a room we are only invited to, or after it stops following', () => {
		const {store, told, type, select, stop} = setUp();
		select('!a:x');
		type('/leave');
		type('   ');
		select('!invited:x');
		type('hello');
		expect(told).toEqual([]);
		select('!a:x');
		type('//slash is a message');
		expect(told).toEqual([['!a:x', true]]);
		type('');
		store.dispatch({type: 'open-prompt', prompt: {flow: 'deactivate', step: 'password', id: 1, text: 'Password?', placeholder: 'password (hidden)', secret: true}});
		type('secret');
		expect(told).toEqual([['!a:x', true], ['!a:x', false]]);
		stop();
		store.dispatch({type: 'close-prompt', id: 1});
		type('again');
		expect(told).toEqual([['!a:x', true], ['!a:x', false]]);
	});
});
