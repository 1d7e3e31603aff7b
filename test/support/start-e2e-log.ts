import { startE2eLogRun } from './e2e-log-dir.ts';

// `npm run test:e2e` starts here: a fresh capture directory, so the secrets check sees this run only.
console.log(`kit e2e output is captured in ${startE2eLogRun()}`);
