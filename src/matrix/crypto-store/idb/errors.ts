/**
 * IndexedDB's errors are DOMExceptions with the spec's names; callers (the Rust crypto's
 * bindings) check `instanceof DOMException` and read `name` and `message`.
 */
type IdbErrorName =
	| 'AbortError'
	| 'ConstraintError'
	| 'DataCloneError'
	| 'DataError'
	| 'InvalidAccessError'
	| 'InvalidStateError'
	| 'NotFoundError'
	| 'NotSupportedError'
	| 'ReadOnlyError'
	| 'TransactionInactiveError'
	| 'UnknownError'
	| 'VersionError';

export function idbError(name: IdbErrorName, message: string): DOMException {
	return new DOMException(message, name);
}

export function dataError(message: string): DOMException {
	return idbError('DataError', message);
}
