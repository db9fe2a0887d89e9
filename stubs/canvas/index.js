// matrix-tui installs this stand-in instead of canvas (package.json overrides): nothing may load it.
throw new Error('canvas is not installed: matrix-tui stores over node:sqlite (src/matrix/crypto-store)');
