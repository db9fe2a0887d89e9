/**
 * The cast most e2e files need: Alice, whose session the binary runs on (in a config directory of
 * her own), and Bob, a second account on the same Synapse. Registered, and the binary built, before
 * the file's tests; her directory removed after them (its terminals end with the file: cleanup.ts).
 */
import {afterAll, beforeAll} from 'vitest';
import {buildBinary, configWithSession, removeConfig} from './binary.js';
import {homeserverUrl, registerNamed, type RegisteredUser} from './homeserver.js';

export interface AliceAndBob {
	alice: RegisteredUser;
	bob: RegisteredUser;
	/** Alice's config directory, with her session in it. */
	configDir: string;
}

/** Call at the top of a file: the fields are there once its tests run. */
export function aliceAndBob(): AliceAndBob {
	const cast = {} as AliceAndBob;
	beforeAll(async () => {
		[cast.alice, cast.bob] = await registerNamed('Alice', 'Bob');
		await buildBinary();
		cast.configDir = await configWithSession(cast.alice, homeserverUrl());
	}, 240_000);
	// Hooks run last first: the file's own afterAll (its binary killed) comes before this.
	afterAll(() => removeConfig(cast.configDir));
	return cast;
}
