// matrix-tui installs this stand-in instead of sqlite3 (package.json overrides): nothing may load it.
throw new Error('sqlite3 is not installed: matrix-tui stores over node:sqlite (src/matrix/crypto-store)');
