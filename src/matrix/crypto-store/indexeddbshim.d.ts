/**
 * The one indexeddbshim module the store imports. Its package root would load better-sqlite3
 * (stubbed out: stubs/README.md); this entry only installs the globals over the `openDatabase`
 * it is given. Its own typings are not published for this path, so the part used is named here.
 */
declare module 'indexeddbshim/src/setGlobalVars.js' {
	interface ShimConfig {
		win: {openDatabase: (...args: unknown[]) => unknown};
		checkOrigin: boolean;
		databaseBasePath: string;
		sysDatabaseBasePath: string;
		deleteDatabaseFiles: boolean;
		escapeNULForSQLiteStatements: boolean;
		fs: {unlink: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) => void};
	}
	export default function setGlobalVars(target: object | undefined, config: Partial<ShimConfig>): object;
}
