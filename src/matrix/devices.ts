/**
 * Our account's devices: the server's list (GET /devices) with each device's verification status
 * from the crypto, and deleting one through interactive auth.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {withPasswordAuth} from './password-auth.js';
import type {DeviceInfo} from './protocol.js';

export async function listDevices(client: MatrixClient): Promise<DeviceInfo[]> {
	const {devices} = await client.getDevices();
	const userId = client.getSafeUserId();
	const current = client.getDeviceId();
	const crypto = client.getCrypto();
	// Keys of a device logged in since the last sync are fetched now: it shows verified or not, not unknown.
	if (crypto) await crypto.getUserDeviceInfo([userId], true);
	return Promise.all(
		devices.map(async (device): Promise<DeviceInfo> => {
			const status = crypto ? await crypto.getDeviceVerificationStatus(userId, device.device_id) : undefined;
			return {
				deviceId: device.device_id,
				...(typeof device.display_name === 'string' ? {displayName: device.display_name} : {}),
				...(typeof device.last_seen_ts === 'number' ? {lastSeenTs: device.last_seen_ts} : {}),
				...(typeof device.last_seen_ip === 'string' ? {lastSeenIp: device.last_seen_ip} : {}),
				// No status: the crypto has no keys for the device (one that never ran encryption): unknown.
				...(status ? {verified: status.isVerified()} : {}),
				current: device.device_id === current,
			};
		}),
	);
}

export async function deleteDevice(client: MatrixClient, deviceId: string, password: string): Promise<undefined> {
	// Deleting the device we run as would end this session under our feet: the command refuses it first.
	if (deviceId === client.getDeviceId()) throw new Error('this is the device matrix-tui runs as — use --logout to end it');
	await withPasswordAuth(client.getSafeUserId(), password, 'delete a device', (auth) => client.deleteDevice(deviceId, auth));
	return undefined;
}
