/** One malformed inventory; `path` is set when the generator knows which field must be blamed. */
export interface CorpusCase {
  readonly name: string;
  readonly text: string;
  readonly path?: string;
}
