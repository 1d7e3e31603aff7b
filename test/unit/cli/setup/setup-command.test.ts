import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runKit } from '../../../support/run-kit.ts';

describe('kit setup without a terminal', () => {
  it('refuses at once with exit 2, pointing to the hand-written route, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-setup-notty-'));
    try {
      const out = join(dir, 'inventory.yaml');
      const started = Date.now();
      const run = await runKit(['setup', '--out', out], { timeoutMs: 20_000 });
      assert.equal(run.exitCode, 2, run.stderr);
      assert.match(run.stderr, /^error\[USAGE\]: kit setup asks questions and needs a terminal, but standard input is not a TTY$/mu);
      assert.match(run.stderr, /hint: .*inventory\.example\.yaml.*docs\/inventory\.md.*kit inventory validate/u);
      assert.equal(run.stdout, '', 'no question was printed');
      assert.ok(Date.now() - started < 15_000, 'it did not wait for input');
      assert.equal(existsSync(out), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
