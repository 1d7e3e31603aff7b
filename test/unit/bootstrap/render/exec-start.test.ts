import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSystemdUnit } from '../../../../src/bootstrap/render/systemd-unit.ts';
import { execStartArgv, parseUnit } from '../parse-unit.ts';

const unitWith = (flags: readonly (readonly [string, string])[], args: readonly string[] = []) => renderSystemdUnit({
  description: 'test', after: [], wants: [], type: 'simple', binary: '/usr/local/bin/x', args, flags, restartSec: 1,
});

describe('ExecStart rendering', () => {
  it('sorts flags by name, one per continued line', () => {
    const text = unitWith([['b', '2'], ['a', '1']]);
    assert.match(text, /^ExecStart=\/usr\/local\/bin\/x \\\n {2}--a=1 \\\n {2}--b=2$/mu);
  });

  it('quotes values so systemd splits them back unchanged', () => {
    const awkward = ['has space', '100%', '$HOME', 'a"b', 'back\\slash', 'tab\there', ''];
    const flags = awkward.map((value, index) => [`f${index}`, value] as const);
    const argv = execStartArgv(parseUnit(unitWith(flags, ['-x', 'two words'])));
    assert.deepEqual(argv, ['/usr/local/bin/x', '-x', 'two words', ...awkward.map((value, index) => `--f${index}=${value}`)]);
  });

  it('leaves ordinary values unquoted', () => {
    const text = unitWith([['controllers', '*,bootstrapsigner'], ['url', 'https://[fd00::1]:2379'], ['labels', 'a.b/c=d']]);
    assert.ok(!text.includes('"'));
  });

  it('refuses a flag given twice', () => {
    assert.throws(() => unitWith([['a', '1'], ['a', '2']]), /--a given twice/u);
  });
});
