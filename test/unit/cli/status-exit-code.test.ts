import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT, exitCodeFor } from '../../../src/cli/exit-codes.ts';
import { formatError } from '../../../src/cli/format-error.ts';
import { KubeconfigMergeError } from '../../../src/status/kubeconfig/kubeconfig-merge-error.ts';
import { StatusDownError } from '../../../src/status/status-down-error.ts';

describe('exit codes of kit status and kit kubeconfig', () => {
  it('kit status exits 6 when something is down, and its error names what, five at most', () => {
    const findings = Array.from({ length: 7 }, (_, index) => ({ host: `w${index}`, text: `kubelet is failed (failed)\nsecond line ${index}` }));
    const error = new StatusDownError([{ text: 'no API server answered' }, ...findings]);
    assert.equal(EXIT.degraded, 6);
    assert.equal(exitCodeFor(error.code), 6);
    const text = formatError(error, { debug: false });
    assert.match(text, /^error\[CLUSTER_DEGRADED\]: 8 thing\(s\) down:\n {2}no API server answered\n {2}w0: kubelet is failed \(failed\)\n/u);
    assert.match(text, /…and 3 more \(listed above\)/u);
    assert.doesNotMatch(text, /second line/u);
  });

  it('a kubeconfig that cannot be merged exits 1', () => {
    assert.equal(exitCodeFor(new KubeconfigMergeError('x', 'y').code), EXIT.failed);
  });
});
