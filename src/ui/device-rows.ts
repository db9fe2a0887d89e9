/** The /devices panel's lines: this device first, then the most recently seen; every server string sanitized. */
import {sanitizeInline} from '../domain/sanitize.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';
import type {DeviceInfo} from '../matrix/protocol.js';
import {padCells} from './rows.js';

export interface DeviceLine {
	text: string;
	verified?: boolean;
	current: boolean;
}

const NAME_WIDTH = 28;

export function deviceLines(devices: readonly DeviceInfo[], width: number): DeviceLine[] {
	const sorted = [...devices].sort((a, b) => Number(b.current) - Number(a.current) || (b.lastSeenTs ?? 0) - (a.lastSeenTs ?? 0));
	const idWidth = Math.min(24, Math.max(9, ...sorted.map((device) => cellWidth(sanitizeInline(device.deviceId))))) + 2;
	return sorted.map((device) => {
		const id = padCells(truncateToWidth(sanitizeInline(device.deviceId), idWidth - 2), idWidth);
		const name = padCells(truncateToWidth(sanitizeInline(device.displayName ?? '') || '(no name)', NAME_WIDTH - 2), NAME_WIDTH);
		const trust = device.verified === undefined ? 'unknown     ' : device.verified ? 'verified    ' : 'not verified';
		const text = `${device.current ? '▸' : ' '} ${id}${name}${trust}  ${lastSeen(device)}${device.current ? '  (this device)' : ''}`;
		return {text: truncateToWidth(text, width), current: device.current, ...(device.verified === undefined ? {} : {verified: device.verified})};
	});
}

function lastSeen(device: Pick<DeviceInfo, 'lastSeenTs' | 'lastSeenIp'>): string {
	const ip = device.lastSeenIp ? ` from ${sanitizeInline(device.lastSeenIp)}` : '';
	if (device.lastSeenTs === undefined) return ip ? `last seen${ip}` : 'never seen';
	return `last seen ${formatTime(device.lastSeenTs)}${ip}`;
}

function formatTime(ts: number): string {
	const date = new Date(ts);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
