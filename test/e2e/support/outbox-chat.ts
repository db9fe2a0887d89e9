/**
 * The setting of the outbox proofs: Alice's in-process client talks to Synapse through a fault
 * proxy, in a room of her own with Bob, who reads back what Synapse stored.
 */
import {afterEach, beforeEach, expect} from 'vitest';
import {startClient, stopClients, type TestClient} from './client.js';
import {expectDeliveredOnce, expectHonestScreens, shownAs, timesShown, type ScreenExpectations} from './delivery.js';
import {FaultProxy} from './fault-proxy.js';
import {Api, homeserverUrl, registerNamed, type RegisteredUser} from './homeserver.js';

export interface OutboxChat {
	alice: RegisteredUser;
	bob: RegisteredUser;
	roomId: string;
	client: TestClient;
	/** Submits `text` and waits until the timeline shows it as sending (or already sent). */
	send(text: string): Promise<void>;
	/** Types `draft` (no Enter) and waits until the composer shows it. */
	typeDraft(draft: string): Promise<void>;
	/** Waits until every one of `texts` shows as sent. */
	waitSent(texts: readonly string[], timeoutMs?: number): Promise<string>;
	/**
	 * The end of every proof: after a sync round trip (Bob's marker reaches Alice, so a late resend
	 * would have had its chance), Synapse holds `texts` once each in order, each shows once as sent,
	 * and no frame reported a failure or touched the draft.
	 */
	expectOutcome(texts: readonly string[], screens?: ScreenExpectations): Promise<void>;
}

export async function outboxChat(proxy: FaultProxy, roomName: string): Promise<OutboxChat> {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: roomName});
	await Api.for(bob).join(roomId);
	const client = await startClient(alice, {homeserver: proxy.url, columns: 160, rows: 40});
	await client.waitForText(roomName);
	let markers = 0;
	const chat: OutboxChat = {
		alice,
		bob,
		roomId,
		client,
		async send(text) {
			client.submit(text);
			await client.waitForScreen((s) => shownAs(s, text) !== undefined, `"Alice: ${text}" in the timeline`);
		},
		async typeDraft(draft) {
			client.type(draft);
			await client.waitForScreen((s) => s.split('\n').at(-2)?.trimEnd() === `> ${draft}`, `the composer to show "${draft}"`);
		},
		waitSent: (texts, timeoutMs = 30_000) =>
			client.waitForScreen((s) => texts.every((text) => shownAs(s, text) === 'sent'), `${texts.map((text) => `"${text}"`).join(', ')} to show as sent`, timeoutMs),
		async expectOutcome(texts, screens = {}) {
			const marker = `marker ${++markers}`;
			await Api.for(bob).sendMessage(roomId, marker);
			await client.waitForText(`Bob: ${marker}`, 30_000);
			await expectDeliveredOnce(bob, roomId, alice.userId, texts);
			const screen = client.screen();
			for (const text of texts) expect(timesShown(screen, text), `"Alice: ${text}" shown once on:\n${screen}`).toBe(1);
			expectHonestScreens(client.frames(), {sent: texts, ...screens});
		},
	};
	return chat;
}

/**
 * A fresh proxy for each test (its log is that test's alone), handed to `use`; after each test the
 * clients stop, then `cleanUp` runs (terminals, config dirs), then the proxy stops.
 */
export function proxyPerTest(use: (proxy: FaultProxy) => void, cleanUp: () => Promise<void> | void = () => {}): void {
	let proxy: FaultProxy | undefined;
	beforeEach(async () => {
		proxy = await FaultProxy.start(homeserverUrl());
		use(proxy);
	});
	afterEach(async () => {
		stopClients();
		await cleanUp();
		await proxy?.stop();
	});
}
