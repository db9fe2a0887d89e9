/** /devices: the account's devices in the main area, this one marked; Esc closes, the composer stays usable. */
import {Box, Text} from 'ink';
import {useAppState} from '../state/hooks.js';
import {c} from './colors.js';
import {deviceLines} from './device-rows.js';

export function DevicesPanel({width, height}: {width: number; height: number}) {
	const devices = useAppState((state) => state.devices) ?? [];
	const inner = width - 4;
	const lines = deviceLines(devices, inner);
	const room = Math.max(0, height - 5);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate">
				Your devices ({devices.length}) — Esc closes
			</Text>
			<Text dimColor wrap="truncate">
				/devices delete &lt;id&gt; deletes one (asks your password) · /verify &lt;id&gt; verifies one by emoji
			</Text>
			{lines.slice(0, room).map((line, index) => (
				<Text key={index} wrap="truncate" bold={line.current} color={c(line.verified === false ? 'yellow' : line.verified ? 'green' : undefined)}>
					{line.text}
				</Text>
			))}
			{lines.length > room ? <Text dimColor>…and {lines.length - room} more</Text> : null}
		</Box>
	);
}
