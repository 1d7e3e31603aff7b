import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAEMONS } from '../../../src/bootstrap/daemons.ts';
import { CERT_LIST } from '../../../src/certs/cert-list.ts';
import { isSignedRow } from '../../../src/certs/cert-row.ts';
import { CERT_UNITS, RENEWABLE_ROW_NAMES, unitsOfRow } from '../../../src/certs/cert-units.ts';

describe('CERT_UNITS (row → daemons to restart)', () => {
  it('maps every signed row to at least one daemon or explicitly to none', () => {
    for (const row of CERT_LIST.filter(isSignedRow)) {
      const units = CERT_UNITS[row.name];
      assert.ok(units !== undefined, `${row.name} has no entry in CERT_UNITS`);
      if (units !== 'none') assert.ok(units.length > 0, `${row.name}: an empty list; write 'none' if nothing reads it`);
    }
  });

  it('names only signed rows of CERT_LIST and only daemons kit runs', () => {
    const signed = new Set(CERT_LIST.filter(isSignedRow).map((row) => row.name));
    for (const [name, units] of Object.entries(CERT_UNITS)) {
      assert.ok(signed.has(name), `${name} is no signed row of CERT_LIST (a CA or a typo?)`);
      if (units !== 'none') for (const unit of units) assert.ok((DAEMONS as readonly string[]).includes(unit), `${name}: ${unit}`);
    }
  });

  it('restarts etcd for its serving and peer certificates and the API server for its clients', () => {
    assert.deepEqual(unitsOfRow('etcd-server'), ['etcd']);
    assert.deepEqual(unitsOfRow('etcd-peer'), ['etcd']);
    assert.deepEqual(unitsOfRow('apiserver-etcd-client'), ['kube-apiserver']);
    assert.deepEqual(unitsOfRow('kubelet.conf'), ['kubelet']);
    assert.deepEqual(unitsOfRow('admin.conf'), []);
    assert.throws(() => unitsOfRow('ca'), /no entry for ca/);
  });

  it('offers exactly the signed rows for renewal, in table order', () => {
    assert.deepEqual(RENEWABLE_ROW_NAMES, CERT_LIST.filter(isSignedRow).map((row) => row.name));
    assert.ok(!RENEWABLE_ROW_NAMES.includes('ca') && !RENEWABLE_ROW_NAMES.includes('sa'));
  });
});
