import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentE2eLogDir } from '../support/e2e-log-dir.ts';
import { scanLogDir } from '../support/scan-log-dir.ts';

/**
 * Runs after `npm run test:e2e`: every stdout, stderr and terminal screen that kit produced in
 * the end-to-end runs holds no private key, bootstrap token (or its secret half) or encryption key.
 */
describe('secrets in the e2e output', () => {
  it('every captured kit run is free of keys, tokens and encryption keys', () => {
    const dir = currentE2eLogDir();
    assert.ok(dir !== undefined, 'no capture directory: run `npm run test:e2e` first (it starts one), or set KIT_E2E_LOG_DIR');
    const scan = scanLogDir(dir);
    assert.ok(scan.files > 0, `${dir} holds no captured kit run: the capture in test/support/run-kit.ts or tmux-terminal.ts broke`);
    const report = scan.findings.map((finding) => `${finding.file}:${finding.line}: ${finding.kind} after ${finding.where}`);
    assert.deepEqual(report, [], `secrets in kit's output (${dir}):\n${report.join('\n')}`);
    console.log(`scanned ${scan.files} captured kit runs (${(scan.bytes / 1024).toFixed(0)} KiB) in ${dir}: no secrets`);
  });
});
