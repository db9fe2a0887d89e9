import {describe, expect, it} from 'vitest';
import {parseRenderOptions} from '../../bench/client/render-options.ts';

describe('parseRenderOptions', () => {
	it('reads the literal options of the chat\'s render call, as tsc emits it', () => {
		const source = `const instance = render(chat.element, { exitOnCtrlC: false, patchConsole: false, alternateScreen: true, maxFps: 60 });`;
		expect(parseRenderOptions(source)).toEqual({exitOnCtrlC: false, patchConsole: false, alternateScreen: true, maxFps: 60});
	});

	it('skips values that are not literals, keeps strings', () => {
		expect(parseRenderOptions(`render(chat.element, {maxFps: fps, incrementalRendering: true, 'mode': "x"})`)).toEqual({incrementalRendering: true, mode: 'x'});
	});

	it('is undefined when the app renders the chat some other way', () => {
		expect(parseRenderOptions(`render(<Login />, {exitOnCtrlC: false})`)).toBeUndefined();
	});
});
