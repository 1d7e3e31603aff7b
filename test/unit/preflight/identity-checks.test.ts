import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRfc1123Subdomain } from '../../../src/preflight/identity-checks.ts';
import { CP, evaluate, rigFacts } from './fixtures.ts';

describe('isRfc1123Subdomain', () => {
  it('accepts lower-case DNS subdomains and rejects the rest', () => {
    for (const name of ['cp1', 'node-1.example.com', 'a', '1abc']) assert.equal(isRfc1123Subdomain(name), true, name);
    for (const name of ['CP1', 'node_1', '-node', 'node-', 'a..b', '', `${'a'.repeat(64)}.com`, 'a'.repeat(254)]) assert.equal(isRfc1123Subdomain(name), false, name);
  });
});

describe('Hostname', () => {
  it('passes when the hostname is the inventory name', () => {
    assert.equal(evaluate('Hostname').status, 'ok');
  });

  it('warns with hostnamectl when they differ', () => {
    const outcome = evaluate('Hostname', { facts: rigFacts({ hostname: 'localhost' }) });
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.fix ?? '', /hostnamectl set-hostname cp1/u);
  });

  it('errors when the inventory name is no valid node name', () => {
    const outcome = evaluate('Hostname', { node: { ...CP, name: 'CP_1' } });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.fix ?? '', /"cp-1"/u);
  });
});

describe('InternalAddress', () => {
  it('finds the address on an interface', () => {
    assert.match(evaluate('InternalAddress').message, /198\.18\.0\.11 is on host0 \(MTU 1500\)/u);
  });

  it('errors and lists the addresses found when it is not there', () => {
    const outcome = evaluate('InternalAddress', { node: { ...CP, internalAddress: '198.18.0.99' } });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.message, /198\.18\.0\.11 \(host0\)/u);
    assert.doesNotMatch(outcome.message, /127\.0\.0\.1/u);
  });
});
