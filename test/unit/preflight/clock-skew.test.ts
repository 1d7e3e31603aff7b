import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockOffset, evaluateClockSkew, parseDateOutput } from '../../../src/preflight/clock-skew.ts';

describe('parseDateOutput', () => {
  it('reads nanoseconds, and marks a date without %N as imprecise', () => {
    assert.deepEqual(parseDateOutput('1732848000.250000000\n'), { remoteMs: 1732848000250, precise: true });
    assert.deepEqual(parseDateOutput('1732848000.N'), { remoteMs: 1732848000000, precise: false });
    assert.equal(parseDateOutput('date: invalid'), undefined);
  });
});

describe('clockOffset', () => {
  it('uses the sample with the shortest round trip and half of it as the error', () => {
    const offset = clockOffset([
      { sentMs: 1000, receivedMs: 1400, remoteMs: 1100, precise: true },
      { sentMs: 2000, receivedMs: 2020, remoteMs: 2510, precise: true },
    ]);
    assert.deepEqual(offset, { offsetMs: 500, uncertaintyMs: 10 });
  });

  it('adds a second of doubt for whole-second clocks', () => {
    assert.equal(clockOffset([{ sentMs: 0, receivedMs: 10, remoteMs: 5, precise: false }])?.uncertaintyMs, 1005);
    assert.equal(clockOffset([]), undefined);
  });
});

describe('evaluateClockSkew (threshold 500 ms)', () => {
  const offsets = (entries: Record<string, [number, number]>): Map<string, { offsetMs: number; uncertaintyMs: number }> =>
    new Map(Object.entries(entries).map(([name, [offsetMs, uncertaintyMs]]) => [name, { offsetMs, uncertaintyMs }]));

  it('passes clocks that agree', () => {
    const outcome = evaluateClockSkew(offsets({ a: [3, 50], b: [-2, 50], c: [0, 50] }), 500);
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.message, /within 5 ms \(±100 ms\)/u);
  });

  it('fails a skew beyond the threshold plus measurement error, naming who is ahead', () => {
    const outcome = evaluateClockSkew(offsets({ a: [0, 20], b: [900, 20], c: [10, 20] }), 500);
    assert.equal(outcome.status, 'error');
    assert.match(outcome.message, /^b's clock is 900 ms \(±40 ms\) ahead of a's/u);
    assert.match(outcome.fix ?? '', /timedatectl set-ntp true/u);
  });

  it('warns when the measurement cannot tell', () => {
    assert.equal(evaluateClockSkew(offsets({ a: [0, 100], b: [450, 100] }), 500).status, 'warn');
    assert.equal(evaluateClockSkew(offsets({ a: [0, 1] }), 500).status, 'skipped');
  });
});
