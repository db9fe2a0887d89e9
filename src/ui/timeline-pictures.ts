/**
 * What the timeline draws of an image event's picture: its rows of half blocks, or of kitty's
 * placeholders, under the media line; or a note on that line when it could not be had. Sized to
 * the pane: at most 48 cells wide (a picture, not a wallpaper) and a third of the timeline's rows tall.
 */
import {asObject, type RawContent} from '../domain/events.js';
import {fitCells, pictureLines, type ColorLevel} from '../domain/half-blocks.js';
import {MAX_PLACEMENT_SIDE, placeholderLines} from '../domain/kitty-graphics.js';
import type {PictureDrawing, PictureEntry} from '../state/pictures.js';

export type PictureView = {lines: readonly string[]} | {note: string};

const MAX_PICTURE_COLS = 48;
/** The time column and a two-cell indent before the picture. */
export const PICTURE_INDENT = '  ';
const TIME_WIDTH = 6;

export function pictureBounds(width: number, paneRows: number, drawing: PictureDrawing = 'cells'): {maxCols: number; maxRows: number} {
	const maxRows = Math.floor(paneRows / 3);
	// A placement is at most as tall as kitty's row marks count.
	return {maxCols: Math.max(0, Math.min(MAX_PICTURE_COLS, width - TIME_WIDTH - PICTURE_INDENT.length)), maxRows: drawing === 'kitty' ? Math.min(MAX_PLACEMENT_SIDE, maxRows) : maxRows};
}

// Per entry (kept by the store while it is current) and level: a redraw reuses the same view,
// so the rows cached for its item stay valid.
const views = new WeakMap<PictureEntry, Map<ColorLevel, PictureView | undefined>>();

/** Sizes a sender may state for an image (info.w, info.h): a blank of that shape is drawn while it loads. */
const MAX_STATED_SIDE = 100_000;

function statedSide(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= MAX_STATED_SIDE ? value : undefined;
}

// Per event content and bounds: the same blank each redraw, so the rows cached for its item stay valid.
const pending = new WeakMap<RawContent, Map<string, PictureView | undefined>>();

/**
 * While the picture loads, blank rows of the shape its event states (info.w × info.h), so the
 * lines above do not move when it comes; nothing when the event states no usable size.
 */
export function pendingPictureView(content: RawContent, maxCols: number, maxRows: number): PictureView | undefined {
	const key = `${maxCols}x${maxRows}`;
	let byBounds = pending.get(content);
	if (!byBounds) pending.set(content, (byBounds = new Map<string, PictureView | undefined>()));
	if (byBounds.has(key)) return byBounds.get(key);
	const info = asObject(content['info']);
	const [width, height] = [statedSide(info['w']), statedSide(info['h'])];
	const view = width === undefined || height === undefined ? undefined : blank(fitCells(width, height, maxCols, maxRows));
	byBounds.set(key, view);
	return view;
}

function blank({cols, rows}: {cols: number; rows: number}): PictureView {
	return {lines: Array.from({length: rows}, () => ' '.repeat(cols))};
}

export function pictureView(entry: PictureEntry | undefined, level: ColorLevel): PictureView | undefined {
	if (entry === undefined || entry.state === 'none') return undefined;
	let byLevel = views.get(entry);
	if (!byLevel) views.set(entry, (byLevel = new Map<ColorLevel, PictureView | undefined>()));
	if (byLevel.has(level)) return byLevel.get(level);
	const view: PictureView | undefined =
		entry.state === 'failed' ? {note: `no preview: ${entry.why}`}
		: entry.state === 'placed' ? {lines: placeholderLines(entry.image.id, entry.image.cols, entry.image.rows)}
		: level === 0 ? undefined
		: {lines: pictureLines(entry.picture, level)};
	byLevel.set(level, view);
	return view;
}
