/** The figures as a plain-text table, targets and pass/fail marks beside them. */
import {METRIC_KEYS, TARGETS, type MetricKey, type Metrics} from './config.ts';
import type {Spread} from './aggregate.ts';

/** Three decimals below 1, two below 10, one below 1000, none above. */
export function formatNumber(value: number | null): string {
	if (value === null) return '—';
	const abs = Math.abs(value);
	return value.toFixed(abs < 1 ? 3 : abs < 10 ? 2 : abs < 1000 ? 1 : 0);
}

export function formatTable(metrics: Metrics, spread: Partial<Record<MetricKey, Spread>> = {}): string {
	const header = ['metric', 'median', 'target', '', 'runs (min … max)'];
	const rows = METRIC_KEYS.map((key) => {
		const value = metrics[key];
		const target = TARGETS[key];
		const mark = target === undefined || value === null ? '' : value <= target ? '✓' : '✗';
		const range = spread[key];
		const runs = range && range.min !== null && range.max !== null ? `${formatNumber(range.min)} … ${formatNumber(range.max)} (n=${range.n})` : '';
		return [key, formatNumber(value), target === undefined ? '' : `≤ ${target}`, mark, runs];
	});
	const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
	const align = (cells: string[]) =>
		cells
			.map((cell, index) => (index === 1 ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
			.join('  ')
			.trimEnd();
	return [align(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(align)].join('\n');
}
