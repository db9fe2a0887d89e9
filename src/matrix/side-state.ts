/**
 * A room's state that the SDK never saw (lean-sync.ts), by type and state key, as the server sent
 * it. The SDK's own state is newer wherever it has an event the SDK applied after ours (a state
 * event in a later timeline): `supersede` drops ours then.
 */
import type {RawEvent} from '../domain/events.js';
import {redactedEvent} from '../domain/redaction.js';

export class SideState {
	private readonly byType = new Map<string, Map<string, RawEvent>>();

	set(event: RawEvent): void {
		if (typeof event.state_key !== 'string') return;
		let byKey = this.byType.get(event.type);
		if (!byKey) this.byType.set(event.type, (byKey = new Map<string, RawEvent>()));
		byKey.set(event.state_key, event);
	}

	has(type: string, stateKey: string): boolean {
		return this.byType.get(type)?.has(stateKey) ?? false;
	}

	supersede(type: string, stateKey: string): boolean {
		const byKey = this.byType.get(type);
		if (!byKey?.delete(stateKey)) return false;
		if (byKey.size === 0) this.byType.delete(type);
		return true;
	}

	/** Prunes the event the redaction targets, if it is one of ours; says whether it was. */
	redact(redaction: RawEvent, targetId: string): boolean {
		for (const byKey of this.byType.values()) {
			for (const [stateKey, event] of byKey) {
				if (event.event_id !== targetId) continue;
				byKey.set(stateKey, redactedEvent(event, redaction));
				return true;
			}
		}
		return false;
	}

	/** Ours of one type (a space's m.space.child events). */
	*ofType(type: string): IterableIterator<RawEvent> {
		yield* this.byType.get(type)?.values() ?? [];
	}

	*events(): IterableIterator<RawEvent> {
		for (const byKey of this.byType.values()) yield* byKey.values();
	}
}
