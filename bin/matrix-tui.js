#!/usr/bin/env node
// React's development build checks and logs on every render; users get the production build.
// Set before the app (and React) load, hence the dynamic import.
process.env.NODE_ENV ??= 'production';
await import('../dist/cli.js');
