/**
 * Typing while messages arrive (phase 5, and the traffic phases after it): 120 keys, one every
 * 50 ms, sent from a worker thread; each key's latency runs from when it was sent to the first
 * frame showing it. Frames are read back only after the last key (their times were taken as Ink
 * wrote them), so replaying them through the virtual terminal cannot delay the keys on their way.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {epochNow} from '../clock.ts';
import {SCENARIO} from '../config.ts';
import {median, percentile} from '../stats.ts';
import type {ServerChild} from '../server/child.ts';
import type {TrafficOptions, TrafficResult} from '../server/traffic.ts';
import {CLEAR, keystrokeLatencies, typingScript} from './keystrokes.ts';
import type {RemoteScreen} from './remote-screen.ts';
import type {Typist} from './typist.ts';

export interface TypingContext {
	server: ServerChild;
	screen: RemoteScreen;
	typist: Typist;
}

export interface TypingOutcome {
	p95: number | null;
	keystrokes: {count: number; censored: number; medianMs: number | null; maxMs: number};
	trace?: Record<string, unknown>;
	traffic: Promise<TrafficResult>;
}

/** Starts the traffic (for the typing time and 1.5 s more), types after 500 ms, and times every key. */
export async function typeDuringTraffic(context: TypingContext, traffic: Omit<TrafficOptions, 'perSecond' | 'durationMs'>, {clearFirst = false} = {}): Promise<TypingOutcome> {
	const {server, screen, typist} = context;
	const typed = typingScript(Math.round(SCENARIO.typingMs / SCENARIO.typingIntervalMs), SCENARIO.typingSegment);
	// The script's texts are the whole composer: what an earlier typing phase left there would make the
	// first segment match nothing until its first clear (30 keys read as up to 1.5 s late). Phase 5
	// starts on an empty composer, as it always has; the phases after it start with a clear.
	const script = clearFirst ? {keys: [CLEAR, ...typed.keys], texts: ['', ...typed.texts]} : typed;
	const stopComposer = await screen.observeComposer();
	const done = server.request({type: 'messages', perSecond: SCENARIO.messagesPerSecond, durationMs: SCENARIO.typingMs + 1500, ...traffic}, 'messages-done', SCENARIO.typingMs + 30_000);
	await sleep(500);
	await typist.type(script.keys, SCENARIO.typingIntervalMs);
	const lastText = script.texts.at(-1);
	await sleep(500);
	await screen.waitFor({kind: 'composer', text: lastText}, {timeoutMs: 5000});
	const windowEnd = epochNow();
	const composerFrames = await stopComposer();
	const latencies = keystrokeLatencies(script, typist.sent, composerFrames, windowEnd);
	const outcome: TypingOutcome = {
		p95: percentile(latencies.map((latency) => latency.ms), 95),
		keystrokes: {
			count: latencies.length,
			censored: latencies.filter((latency) => latency.censored).length,
			medianMs: median(latencies.map((latency) => latency.ms)),
			maxMs: Math.max(...latencies.map((latency) => latency.ms)),
		},
		traffic: done,
	};
	if (process.env['BENCH_DEBUG']) {
		const first = typist.sent[0]?.t ?? 0;
		outcome.trace = {
			latencies: latencies.map((latency) => Math.round(latency.ms)),
			sent: typist.sent.map((key) => Math.round(key.t - first)),
			frames: composerFrames.filter((frame) => frame.t >= first).map((frame) => `${Math.round(frame.t - first)}:${frame.text?.slice(-3)}`),
		};
	}
	return outcome;
}
