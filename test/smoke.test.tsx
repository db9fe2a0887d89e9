import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {expect, test} from 'vitest';

test('ink renders', () => {
	const {lastFrame} = render(<Text>hello</Text>);
	expect(lastFrame()).toBe('hello');
});
