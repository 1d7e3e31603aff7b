import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PkiError } from '../../../src/certs/pki-error.ts';
import { validatePkiSpec } from '../../../src/certs/validate-pki-spec.ts';
import { testSpec } from './pki-fixtures.ts';

describe('validatePkiSpec', () => {
  it('accepts the test cluster, wildcard SANs and IPv6', () => {
    validatePkiSpec(testSpec({ extraSans: ['*.apps.kit.test', 'fd00::100', 'API.Kit.Test'] }));
  });

  it('reports every problem at once', () => {
    const spec = testSpec({
      controlPlanes: [{ name: 'cp1', internalAddress: 'cp1.local' }],
      workers: [{ name: 'cp1', internalAddress: '198.18.0.21' }],
      extraSans: ['bad name', 'ok.kit.test'],
      serviceSubnet: '10.96.0.0',
      validity: { leafSeconds: 0 },
    });
    assert.throws(() => validatePkiSpec(spec), (error: unknown) => {
      assert.ok(error instanceof PkiError);
      const lines = error.message.split('\n').slice(1).map((line) => line.trim());
      assert.deepEqual(lines, [
        'node cp1: internalAddress "cp1.local" is not an IP address',
        'node cp1: the name is used twice',
        'extraSans: "bad name" is neither an IP address nor a DNS name (a leading *. is allowed)',
        'serviceSubnet "10.96.0.0" is not an IPv4 or IPv6 CIDR with room for a Service IP',
        'validity.leafSeconds: 0 is not a positive number of seconds',
      ]);
      return true;
    });
  });
});
