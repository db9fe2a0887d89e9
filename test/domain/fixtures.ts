/** Shared builders and checks for the domain tests. */
import type {RawContent, RawEvent} from '../../src/domain/events.js';

export const ALICE = '@alice:example.org';
export const BOB = '@bob:example.org';
export const CAROL = '@carol:example.org';

/** An m.room.member event; `prev` goes in unsigned.prev_content like a homeserver sends it. */
export function member(
	sender: string | undefined,
	stateKey: string | undefined,
	content: unknown,
	prev?: unknown,
	extra: Partial<RawEvent> = {},
): RawEvent {
	return {
		type: 'm.room.member',
		...(sender === undefined ? {} : {sender}),
		...(stateKey === undefined ? {} : {state_key: stateKey}),
		content: content as RawContent,
		...(prev === undefined ? {} : {unsigned: {prev_content: prev as RawContent}}),
		...extra,
	};
}

export const REDACTED_BECAUSE = {unsigned: {redacted_because: {type: 'm.room.redaction', sender: BOB}}};

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
export function graphemesOf(text: string): string[] {
	return [...segmenter.segment(text)].map((s) => s.segment);
}

/** Everything that must never reach the terminal: C0 (but \n, checked apart), DEL, C1, bidi controls. */
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isTerminalSafe(text: string, {allowNewline = false} = {}): boolean {
	return !UNSAFE.test(text) && !LONE_SURROGATE.test(text) && (allowNewline || !text.includes('\n'));
}
