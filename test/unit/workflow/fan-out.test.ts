import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError } from '../../../src/errors/cancelled-error.ts';
import { fanOut } from '../../../src/workflow/fan-out.ts';

describe('fanOut', () => {
  it('never runs more than the concurrency bound at once', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 12 }, (_, index) => `h${index}`);
    const { results } = await fanOut(items, (item) => item, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(5);
      running -= 1;
      return item.toUpperCase();
    }, { concurrency: 3 });
    assert.equal(peak, 3);
    assert.equal(results.size, 12);
    assert.equal(results.get('h7'), 'H7');
  });

  it('collects every failure with its host and finishes the rest', async () => {
    const { results, failures } = await fanOut(['a', 'b', 'c', 'd'], (item) => item, async (item) => {
      if (item === 'b' || item === 'd') throw new Error(`bad ${item}`);
      return item;
    }, { concurrency: 2 });
    assert.deepEqual([...results.keys()].sort(), ['a', 'c']);
    assert.deepEqual(failures.map((failure) => failure.host).sort(), ['b', 'd']);
    assert.match(String(failures[0]?.error), /bad/);
  });

  it('starts nothing new after an abort and marks the rest cancelled', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const { failures } = await fanOut(['a', 'b', 'c'], (item) => item, async (item) => {
      started.push(item);
      controller.abort();
    }, { concurrency: 1, signal: controller.signal });
    assert.deepEqual(started, ['a']);
    assert.ok(failures.every((failure) => failure.error instanceof CancelledError));
    assert.deepEqual(failures.map((failure) => failure.host), ['b', 'c']);
  });
});
