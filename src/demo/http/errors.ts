/** A Matrix-style error: the server turns it into `{errcode, error}` with the HTTP status. */
export class MatrixError extends Error {
	// Plain fields rather than parameter properties: the bench server runs this file from source,
	// and node only strips types.
	readonly status: number;
	readonly errcode: string;
	readonly extra: Record<string, unknown>;

	constructor(status: number, errcode: string, message: string, extra: Record<string, unknown> = {}) {
		super(message);
		this.status = status;
		this.errcode = errcode;
		this.extra = extra;
	}

	toJSON(): Record<string, unknown> {
		return {errcode: this.errcode, error: this.message, ...this.extra};
	}
}

export const forbidden = (message: string) => new MatrixError(403, 'M_FORBIDDEN', message);
export const notFound = (message: string) => new MatrixError(404, 'M_NOT_FOUND', message);
export const badJson = (message: string) => new MatrixError(400, 'M_BAD_JSON', message);
export const missingParam = (message: string) => new MatrixError(400, 'M_MISSING_PARAM', message);
export const unrecognized = (status = 404) => new MatrixError(status, 'M_UNRECOGNIZED', 'Unrecognized request');
