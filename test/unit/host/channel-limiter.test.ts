import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/errors/cancelled-error.ts';
import { ChannelLimiter } from '../../../src/host/channel-limiter.ts';

describe('ChannelLimiter', () => {
  it('never lets more than the limit run, and runs the rest in arrival order', async () => {
    const limiter = new ChannelLimiter(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, async (_, index) => {
      const release = await limiter.acquire();
      order.push(index);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      release();
    }));
    assert.equal(peak, 3);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(limiter.active, 0);
    assert.equal(limiter.waiting, 0);
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new ChannelLimiter(1);
    const release = await limiter.acquire();
    release();
    release();
    assert.equal(limiter.active, 0);
    const again = await limiter.acquire();
    assert.equal(limiter.active, 1);
    again();
  });

  it('drops a waiter whose signal aborts, without losing the slot', async () => {
    const limiter = new ChannelLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    assert.equal(limiter.waiting, 1);
    controller.abort();
    await assert.rejects(waiting, CancelledError);
    assert.equal(limiter.waiting, 0);
    release();
    assert.equal(limiter.active, 0);
  });

  it('refuses at once when already aborted, and rejects nonsense limits', async () => {
    await assert.rejects(new ChannelLimiter(2).acquire(AbortSignal.abort()), CancelledError);
    assert.throws(() => new ChannelLimiter(0), RangeError);
  });
});
