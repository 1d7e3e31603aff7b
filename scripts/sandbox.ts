// `npm run sandbox`: boots a local sandbox of 3 rig hosts (1 control plane, 2 workers) and runs
// kit's main job on it. `npm run sandbox -- down` removes it. Needs root (see docs/rig.md).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startRig } from '../test/rig/rig.ts';
import { DEFAULT_STATE_ROOT } from '../test/rig/rig-paths.ts';
import { teardownRig } from '../test/rig/teardown.ts';
import { loadState } from '../test/rig/rig-state.ts';
import { runKitInteractive } from './run-kit-interactive.ts';

const NAME = 'sandbox';
const HOSTS = [
  { name: 'cp1', roles: ['control-plane' as const] },
  { name: 'w1', roles: ['worker' as const] },
  { name: 'w2', roles: ['worker' as const] },
];

/** kit's main job on the sandbox: each step is a real kit command, run as a user would. */
const MAIN_JOB: readonly (readonly string[])[] = [
  ['inventory', 'validate', '-f'],
  ['apply', '-f'],
];

async function up(): Promise<number> {
  const dir = path.join(DEFAULT_STATE_ROOT, NAME);
  const inventory = path.join(dir, 'inventory.yaml');
  if ((await loadState(dir)) === undefined || !existsSync(inventory)) {
    console.error(`booting sandbox hosts ${HOSTS.map((host) => host.name).join(', ')} …`);
    await startRig({ name: NAME, hosts: HOSTS, detached: true, log: (line) => console.error(line) });
  } else {
    console.error(`reusing the running sandbox in ${path.relative(process.cwd(), dir)}`);
  }
  for (const step of MAIN_JOB) {
    const args = [...step, inventory];
    console.error(`\n$ kit ${args.join(' ')}`);
    const code = await runKitInteractive(args);
    if (code !== 0) return code;
  }
  console.error(`\nsandbox inventory: ${path.relative(process.cwd(), inventory)}`);
  console.error(`try: node bin/kit.js exec -f ${path.relative(process.cwd(), inventory)} --hosts cp1 -- kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o wide`);
  console.error('remove it with: bash scripts/with-node.sh npm run sandbox -- down');
  return 0;
}

async function down(): Promise<number> {
  const state = await loadState(path.join(DEFAULT_STATE_ROOT, NAME));
  if (state === undefined) {
    console.error('no sandbox is running');
    return 0;
  }
  await teardownRig(state);
  console.error('sandbox removed');
  return 0;
}

const command = process.argv[2] ?? 'up';
if (command !== 'up' && command !== 'down') {
  console.error(`usage: npm run sandbox [-- up|down] (got "${command}")`);
  process.exitCode = 2;
} else {
  process.exitCode = await (command === 'up' ? up() : down());
}
