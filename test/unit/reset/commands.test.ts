import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drainArgs } from '../../../src/reset/drain-node.ts';
import { removeChainsCommands } from '../../../src/reset/firewall-commands.ts';
import { kitFootprint } from '../../../src/reset/footprint.ts';
import { killLeftoversCommand } from '../../../src/reset/kill-leftovers.ts';
import { renderRecordScript } from '../../../src/reset/pre-kit-record.ts';
import { renderSurveyScript } from '../../../src/reset/survey-script.ts';
import { execFileSync } from 'node:child_process';

describe('reset commands', () => {
  it('drains with the emptyDir flag spelled as the kubectl of that minor knows it', () => {
    assert.ok(drainArgs('w1', 20).includes('--delete-local-data'));
    assert.ok(drainArgs('w1', 30).includes('--delete-emptydir-data'));
    assert.deepEqual(drainArgs('w1', 30).slice(0, 3), ['drain', 'w1', '--ignore-daemonsets']);
  });

  it('removes chains with one command per tool and table, chains as arguments (never in the script)', () => {
    const commands = removeChainsCommands([
      { tool: 'iptables', table: 'nat', chain: 'KIT-POSTROUTING' },
      { tool: 'iptables', table: 'filter', chain: 'KIT-FORWARD' },
      { tool: 'iptables', table: 'nat', chain: 'KUBE-SERVICES' },
    ]);
    assert.equal(commands.length, 2);
    assert.deepEqual(commands[0]?.slice(3), ['kit-remove-chains', 'iptables', 'nat', 'KIT-POSTROUTING', 'KUBE-SERVICES']);
    assert.doesNotMatch(commands[0]?.[2] ?? '', /KIT-|eval/u);
  });

  it('kills by the cgroups of kit\'s units and of pods', () => {
    const script = killLeftoversCommand(kitFootprint({ clusterMarker: '/etc/kit/cluster' }))[2] ?? '';
    assert.match(script, /containerd\\.service/u);
    assert.match(script, /kubepods/u);
  });

  it('writes host scripts that a POSIX shell parses', () => {
    for (const script of [renderRecordScript({ clusterMarker: '/etc/kit/cluster' }), renderSurveyScript(kitFootprint({ clusterMarker: '/etc/kit/cluster' })), killLeftoversCommand(kitFootprint({ clusterMarker: '/etc/kit/cluster' }))[2] ?? '', removeChainsCommands([{ tool: 'iptables', table: 'nat', chain: 'X' }])[0]?.[2] ?? '']) {
      execFileSync('sh', ['-n', '-c', script]);
    }
  });
});
