import path from 'node:path';

/** The repository root (this file lives in test/rig/). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where rigs keep their state by default: `<repo>/.rig/<rig name>/` (gitignored). */
export const DEFAULT_STATE_ROOT = path.join(REPO_ROOT, '.rig');

/** Where the rig's offline artifact bundle (built by test/support/rig-bundle.ts) is cached per machine. */
export const RIG_BUNDLE_DIR = path.join(process.env['KIT_CACHE'] ?? '/var/cache/kit', 'rig-bundle', 'v1.20.2');
