/** Pulls exact byte counts out of a stream of chunks of any size (a tar archive's reader). */
export class ByteSource {
  readonly #iterator: AsyncIterator<Buffer>;
  #buffer: Buffer = Buffer.alloc(0);
  #ended = false;

  constructor(input: AsyncIterable<Buffer>) {
    this.#iterator = input[Symbol.asyncIterator]();
  }

  /** Exactly `count` bytes; fewer only when the input ends first. */
  async read(count: number): Promise<Buffer> {
    while (this.#buffer.length < count && (await this.#fill())) {
      // #fill appended a chunk.
    }
    const out = this.#buffer.subarray(0, count);
    this.#buffer = this.#buffer.subarray(out.length);
    return out;
  }

  /** Between 1 and `max` bytes, without copying; throws when the input has ended. */
  async take(max: number): Promise<Buffer> {
    if (this.#buffer.length === 0 && !(await this.#fill())) throw new Error('the archive ends in the middle of a file');
    const out = this.#buffer.subarray(0, max);
    this.#buffer = this.#buffer.subarray(out.length);
    return out;
  }

  async skip(count: number): Promise<void> {
    for (let left = count; left > 0;) left -= (await this.take(left)).length;
  }

  async #fill(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#iterator.next();
    if (next.done === true) {
      this.#ended = true;
      return false;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    return true;
  }
}
