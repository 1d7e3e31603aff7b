import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InventoryInvalidError } from '../../../src/inventory/inventory-invalid-error.ts';
import { parseInventory } from '../../../src/inventory/parse-inventory.ts';
import { PARSE_OPTIONS } from './inventory-fixtures.ts';
import { parse } from 'yaml';
import { EXAMPLE_FILE_TEXT, EXAMPLE_TEXT } from './example-edits.ts';
import { malformedCorpus, mutateExample } from './malformed-corpus.ts';
import type { CorpusCase } from './malformed-corpus.ts';
import { seededRandom } from './seeded-random.ts';

const FILE = 'corpus.yaml';

function check(testCase: CorpusCase): void {
  const context = `${testCase.name}\n${testCase.text.slice(0, 400)}`;
  let thrown: unknown;
  try {
    parseInventory(testCase.text, FILE, PARSE_OPTIONS);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, `accepted: ${context}`);
  assert.ok(thrown instanceof InventoryInvalidError, `threw ${String(thrown)} for ${context}`);
  assert.ok(thrown.problems.length >= 1, context);
  const lineCount = testCase.text.split('\n').length;
  for (const problem of thrown.problems) {
    assert.equal(problem.file, FILE);
    assert.equal(typeof problem.path, 'string');
    assert.ok(typeof problem.message === 'string' && problem.message.length > 0, context);
    assert.ok(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineCount, `line ${problem.line} of ${lineCount}: ${context}`);
    assert.ok(Number.isInteger(problem.column) && problem.column >= 1, context);
  }
  assert.ok(thrown.message.includes(`${FILE}:`), context);
  if (testCase.path !== undefined) {
    const paths = thrown.problems.map((problem) => problem.path);
    assert.ok(paths.includes(testCase.path), `no problem at ${testCase.path} (got ${paths.slice(0, 8).join(', ')}) for ${context}`);
  }
}

describe('a generated corpus of malformed inventories', () => {
  const corpus = malformedCorpus();

  it('starts from the example: the same data as inventory.example.yaml, and valid', () => {
    assert.deepEqual(parse(EXAMPLE_TEXT), parse(EXAMPLE_FILE_TEXT));
    assert.deepEqual(parseInventory(EXAMPLE_TEXT, FILE, PARSE_OPTIONS), parseInventory(EXAMPLE_FILE_TEXT, FILE, PARSE_OPTIONS));
  });

  it('holds at least 1000 distinct inventories', () => {
    assert.ok(corpus.length >= 1000, `only ${corpus.length}`);
    assert.ok(new Set(corpus.map((testCase) => testCase.text)).size >= 1000);
  });

  it('gives an InventoryInvalidError with positioned problems for every one, never another exception', () => {
    const failures: string[] = [];
    for (const testCase of corpus) {
      try {
        check(testCase);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${corpus.length} cases failed`);
  });

  it('accepts or rejects random edits cleanly: an Inventory or an InventoryInvalidError, nothing else', () => {
    const random = seededRandom(99);
    let accepted = 0;
    for (let n = 0; n < 60; n++) {
      const text = mutateExample(random, false);
      try {
        parseInventory(text, FILE, PARSE_OPTIONS);
        accepted++;
      } catch (error) {
        assert.ok(error instanceof InventoryInvalidError, `threw ${String(error)} for\n${text}`);
      }
    }
    assert.ok(accepted > 0 && accepted < 60, `accepted ${accepted} of 60: the mutations should produce both`);
  });
});
