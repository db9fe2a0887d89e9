/** What crosses between the UI thread and the matrix layer's worker thread. */
import type {ActionResult, MatrixAction} from './protocol.js';

export interface WorkerOptions {
	reasonMaxWidth?: number;
	logFile?: string;
}

export type ToWorker =
	| {kind: 'start'; id: number}
	| {kind: 'perform'; id: number; action: MatrixAction}
	| {kind: 'logout'; id: number}
	| {kind: 'stop'; id: number};

export type FromWorker = {kind: 'update'; json: string} | {kind: 'reply'; id: number; result: ActionResult};
