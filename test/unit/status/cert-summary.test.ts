import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CertExpiry } from '../../../src/certs/expiry-report.ts';
import { summarizeCerts } from '../../../src/status/cert-summary.ts';

function cert(host: string, id: string, status: CertExpiry['status'], residualSeconds?: number): CertExpiry {
  return { host, name: id, id, kind: 'leaf', path: `/etc/kubernetes/pki/${id}.crt`, status, warn: status !== 'valid', externallyManaged: false, renewedBy: 'kit', ...(residualSeconds === undefined ? {} : { residualSeconds, notAfter: 'x' }) };
}

describe('summarizeCerts', () => {
  it('finds the soonest expiry per host and lists what needs attention apart from what is missing', () => {
    const summary = summarizeCerts({ checkedAt: 'now', warnWithinSeconds: 30 * 86_400, certificates: [
      cert('cp1', 'ca', 'valid', 3650 * 86_400),
      cert('cp1', 'apiserver', 'expiring', 5 * 86_400),
      cert('cp1', 'admin.conf', 'valid', 300 * 86_400),
      cert('cp1', 'front-proxy-client', 'missing'),
      cert('w1', 'kubelet-client', 'expired', -60),
    ] });
    assert.equal(summary.get('cp1')?.soonest?.id, 'apiserver');
    assert.equal(summary.get('cp1')?.soonest?.residualSeconds, 5 * 86_400);
    assert.equal(summary.get('cp1')?.missing, 1);
    assert.deepEqual(summary.get('cp1')?.attention.map((entry) => entry.id), ['apiserver']);
    assert.equal(summary.get('w1')?.soonest?.status, 'expired');
  });
});
