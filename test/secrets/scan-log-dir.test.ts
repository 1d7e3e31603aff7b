import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { captureKitRun, recordKnownSecret } from '../support/e2e-log-dir.ts';
import { scanLogDir } from '../support/scan-log-dir.ts';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kit-scan-test-'));
  dirs.push(dir);
  return dir;
}

/** Runs `body` with KIT_E2E_LOG_DIR pointing at `dir`, as `npm test` would set it. */
function withLogDir<T>(dir: string, body: () => T): T {
  const before = process.env['KIT_E2E_LOG_DIR'];
  process.env['KIT_E2E_LOG_DIR'] = dir;
  try {
    return body();
  } finally {
    if (before === undefined) delete process.env['KIT_E2E_LOG_DIR'];
    else process.env['KIT_E2E_LOG_DIR'] = before;
  }
}

describe('scanning the captured e2e logs', () => {
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('captures a run as a 0600 file with argv, exit code and each stream', () => {
    const dir = freshDir();
    const file = withLogDir(dir, () => captureKitRun({ via: 'runKit', argv: ['apply', '-f', 'x.yaml'], exitCode: 3, streams: { stdout: 'applied\n', stderr: 'warn: slow\n' } }));
    assert.equal(path.dirname(file), dir);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(readFileSync(file, 'utf8'), /^via: runKit\nargv: \["apply","-f","x\.yaml"\]\nexit: 3\n----- stdout \(8 bytes\)\napplied\n\n----- stderr/u);
  });

  it('finds a secret half that a token elsewhere gave away, and secrets tests recorded, in every file', () => {
    const dir = freshDir();
    withLogDir(dir, () => {
      captureKitRun({ via: 'runKit', argv: ['token'], streams: { stdout: 'join with q1w2e3.a1b2c3d4e5f6g7h8\n' } });
      captureKitRun({ via: 'runKit', argv: ['status'], streams: { stderr: 'bearer a1b2c3d4e5f6g7h8 refused\n' } });
      captureKitRun({ via: 'tmux terminal', argv: ['setup'], streams: { screen: 'key: Zm9vYmFyYmF6cXV4cXV1eA\n' } });
      recordKnownSecret('encryption key', 'Zm9vYmFyYmF6cXV4cXV1eA');
    });
    const scan = scanLogDir(dir);
    assert.equal(scan.files, 3, 'the known-secrets file is not a log');
    assert.deepEqual(scan.findings.map((finding) => finding.kind).sort(), ['bootstrap-token', 'known-secret', 'known-secret', 'known-secret']);
    assert.equal(new Set(scan.findings.map((finding) => finding.file)).size, 3);
  });

  it('reports nothing for clean logs, and counts what it read', () => {
    const dir = freshDir();
    withLogDir(dir, () => captureKitRun({ via: 'runKit', argv: ['apply'], exitCode: 0, streams: { stdout: 'applied\n', stderr: '[certs] cp1: write /etc/kubernetes/pki/ca.key\n' } }));
    const scan = scanLogDir(dir);
    assert.deepEqual(scan.findings, []);
    assert.equal(scan.files, 1);
    assert.equal(readdirSync(dir).length, 1);
    assert.ok(scan.bytes > 50);
  });

  it('makes the e2e check fail on an empty directory and on a planted key, and pass on clean logs', () => {
    const empty = freshDir();
    writeFileSync(path.join(empty, 'known-secrets.jsonl'), '');
    assert.equal(scanLogDir(empty).files, 0);
    const check = (dir: string): { status: number | null; output: string } => {
      const env: NodeJS.ProcessEnv = { ...process.env, KIT_E2E_LOG_DIR: dir };
      delete env['NODE_TEST_CONTEXT'];
      const run = spawnSync(process.execPath, ['--test', path.join(import.meta.dirname, 'e2e-logs.test.ts')], { env, encoding: 'utf8' });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    };
    const none = check(empty);
    assert.notEqual(none.status, 0);
    assert.match(none.output, /holds no captured kit run/u);
    const planted = freshDir();
    withLogDir(planted, () => captureKitRun({ via: 'runKit', argv: ['apply'], streams: { stderr: 'oops -----BEGIN RSA PRIVATE KEY-----\n' } }));
    const leaked = check(planted);
    assert.notEqual(leaked.status, 0);
    assert.match(leaked.output, /pem-private-key/u);
    const clean = freshDir();
    withLogDir(clean, () => captureKitRun({ via: 'runKit', argv: ['apply'], streams: { stdout: 'applied\n' } }));
    assert.equal(check(clean).status, 0, check(clean).output);
  });
});
