/** The status bar's progress for the file upload or download under way: "↑ cat.png [████░░░░] 52% 1.2 MB/2.3 MB · Esc cancels". */
import {formatSize} from '../domain/media.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {truncateToWidth} from '../domain/text-width.js';
import type {TransferView} from '../matrix/protocol.js';

const BAR_CELLS = 12;
const NAME_WIDTH = 24;

export function transferText(transfer: TransferView): string {
	const arrow = transfer.direction === 'upload' ? '↑' : '↓';
	const name = truncateToWidth(sanitizeInline(transfer.name), NAME_WIDTH);
	const {done, total} = transfer;
	if (total === undefined || total <= 0) return ` ${arrow} ${name} ${formatSize(done)} · Esc cancels `;
	const fraction = Math.min(1, done / total);
	const filled = Math.round(fraction * BAR_CELLS);
	const bar = '█'.repeat(filled) + '░'.repeat(BAR_CELLS - filled);
	return ` ${arrow} ${name} [${bar}] ${Math.floor(fraction * 100)}% ${formatSize(done)}/${formatSize(total)} · Esc cancels `;
}
