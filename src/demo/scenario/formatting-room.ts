/**
 * "Formatting": what others send formatted (org.matrix.custom.html), drawn as issue 15 has it:
 * bold and friends, a highlighted code block, lists, a table, a quote, links, colours, a spoiler
 * and a mention of you. Each body is the plain fallback a client without HTML would show.
 */
import {RoomBuilder} from './builder.js';
import {displayNames, joinContent, people} from './people.js';
import type {ScenarioRoom} from './types.js';

export const FORMATTING_ROOM_ID = '!formatting:demo.local';

const {you, alice, bob} = people;

const html = (body: string, formatted: string) => ({msgtype: 'm.text', body, format: 'org.matrix.custom.html', formatted_body: formatted});

export function formattingRoom(): ScenarioRoom {
	return new RoomBuilder(FORMATTING_ROOM_ID)
		.state(bob, 'm.room.create', {creator: bob, room_version: '10'})
		.member(bob, joinContent(bob))
		.state(bob, 'm.room.power_levels', {users: {[bob]: 100}, users_default: 0, events_default: 0, state_default: 50})
		.state(bob, 'm.room.name', {name: 'Formatting'})
		.state(bob, 'm.room.topic', {topic: 'Formatted messages, as other clients send them'})
		.member(alice, joinContent(alice))
		.member(you, joinContent(you))
		.message(bob, html('**Release 0.2** is _almost_ ready: ~~Friday~~ Monday', '<strong>Release 0.2</strong> is <em>almost</em> ready: <del>Friday</del> Monday, see <a href="https://example.org/notes">the notes</a>'))
		.message(alice, html('code', '<p>The fix, in <code>src/outbox.ts</code>:</p><pre><code class="language-ts">export function retry(message: Pending): boolean {\n\treturn message.attempts &lt; 5; // then it waits for /retry\n}\n</code></pre>'))
		.message(bob, html('list', '<p>Still to do:</p><ol><li>the changelog</li><li>screenshots<ul><li>formatted messages</li><li>the thread pane</li></ul></li><li>tag the release</li></ol>'))
		.message(alice, html('table', '<table><thead><tr><th>Client</th><th>Threads</th><th>Spaces</th></tr></thead><tbody><tr><td>matrix-tui</td><td>yes</td><td>yes</td></tr><tr><td>iamb</td><td>yes</td><td>some</td></tr></tbody></table>'))
		.message(bob, {...html(`> Every failure gets one clear line on screen.\n\n${displayNames[you]}: that is the rule, right?`, `<blockquote><p>Every failure gets one clear line on screen.</p></blockquote><p><a href="https://matrix.to/#/${you}">${displayNames[you]}</a>: that is the rule, right?</p>`), 'm.mentions': {user_ids: [you]}})
		.message(alice, html('colours', '<font data-mx-color="#00cd00">green means go</font>, <span data-mx-bg-color="#cd0000" data-mx-color="#ffffff">red means stop</span>, E = mc<sup>2</sup>, and the ending: <span data-mx-spoiler="">it ships on time</span>'))
		.build();
}
