/** What a measured child process reports to bench/run.ts. */
import type {TrafficFigures} from '../config.ts';
import type {SessionKind} from './session-factory.ts';

export interface ClientRunResult extends TrafficFigures {
	scenario: string;
	session?: SessionKind;
	firstFrameMs?: number | null;
	renderRatio?: number | null;
	peakRssMb?: number;
	idleRssMb?: number;
	maxFrameGapMs?: number | null;
	keystrokeP95Ms?: number | null;
	floorMs?: number;
	payloadMb?: number;
	/** Anything that did not go to plan (a step that timed out, a crash). */
	notes: string[];
	details: Record<string, unknown>;
}

export interface SdkRunResult {
	sdkBaselineMs: number | null;
	notes: string[];
	details: Record<string, unknown>;
}

export type ChildReport = {type: 'result'; result: ClientRunResult} | {type: 'sdk-result'; result: SdkRunResult};

/** A measured child ends with bench/run.ts: nobody would read its report. */
export function exitWithParent(): void {
	process.once('disconnect', () => process.exit(1));
}

/** Sends the report, then exits: the session's long-poll and the server child would keep us alive. */
export function reportAndExit(report: ChildReport): void {
	const exit = () => process.exit(0);
	setTimeout(exit, 2000).unref();
	if (process.send) process.send(report, undefined, {}, exit);
	else {
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		exit();
	}
}
