/**
 * After each e2e file: every terminal its tests started is killed, even one a test lost track of.
 * A binary left running keeps syncing as its device, and a later client on the same config
 * directory would then share its crypto store (a flake seen in CI before the lock held).
 */
import {afterAll} from 'vitest';
import {killAllTerminals} from './tmux.js';

afterAll(killAllTerminals);
