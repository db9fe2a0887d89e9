/** The IPC messages between a measured process and its server child. */
import type {SerialRanges} from '../data/generate.ts';
import type {Mark} from './server.ts';
import type {TrafficOptions, TrafficResult} from './traffic.ts';

export type ServerCommand =
	| {type: 'storm'}
	| ({type: 'messages'} & TrafficOptions)
	/** true: incremental syncs as Synapse sends them (limits, lazy members); false: the old phases' plain syncs. */
	| {type: 'sync-like-synapse'; on: boolean}
	/** The big room's timeline event ids from log position `from` on. */
	| {type: 'timeline-ids'; from: number}
	| {type: 'floor'; repeat: number}
	| {type: 'requests'}
	/** false: serve every member whatever membership filter /members asks for. */
	| {type: 'member-filters'; honour: boolean}
	| {type: 'stop'};

export interface ReadyMessage {
	type: 'ready';
	url: string;
	userId: string;
	accessToken: string;
	bigRoom: {id: string; name: string};
	controlRoom: {id: string; name: string};
	serials: SerialRanges;
	/** Display names of the control room's members (ours excluded), to recognise its member list. */
	controlNames: string[];
	payloadBytes: {initialSync: number; members: number; storm: number};
	counts: {members: number; stormChanges: number};
}

export type ServerMessage =
	| ReadyMessage
	| {type: 'mark'; mark: Mark}
	| ({type: 'messages-done'} & TrafficResult)
	| {type: 'timeline-ids'; ids: string[]}
	| {type: 'floor'; floorMs: number; samples: number[]}
	| {type: 'requests'; requests: Record<string, number>};
