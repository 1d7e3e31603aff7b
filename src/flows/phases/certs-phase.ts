import { buildPki } from '../../certs/build-pki.ts';
import { readdir } from 'node:fs/promises';
import type { FileMap, PkiAction, PkiInHand } from '../../certs/pki.ts';
import { exportPki, importPki } from '../../certs/pki-dir.ts';
import { deliverPki, planPkiDelivery, readExistingPki } from '../../certs/pki-delivery.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connect, hostNames, noteChangedPaths, type FlowState } from '../flow-state.ts';
import { pkiSpecFor } from '../model/cluster-model.ts';

/**
 * The cluster PKI, built in memory from what the hosts already hold (CAs are always kept,
 * leaves only re-issued when they no longer fit) and delivered only where it differs.
 */
export const certsPhase: Phase<FlowState> = {
  name: 'certs',
  title: 'cluster PKI and kubeconfigs',
  hosts: hostNames,
  plan: async (state, context) => {
    const spec = pkiSpecFor(state.inventory);
    const hosts = await Promise.all(hostNames(state).filter((name) => !context.failedHosts.has(name)).map((name) => connect(state, name)));
    const io = { hosts, concurrency: context.options.concurrency, signal: context.options.signal };
    const onHosts = await readExistingPki(spec, io);
    const inHand = state.pkiDir === undefined ? undefined : await pkiInDir(state.pkiDir);
    const pki = await buildPki({ spec, existing: { onHosts, ...(inHand === undefined ? {} : { inHand }) } });
    state.computed.pki = pki;
    for (const decision of pki.decisions.filter((entry) => entry.action !== 'reused')) {
      context.log(`${decision.id}: ${ACTION_WORDS[decision.action]}${decision.reasons.length === 0 ? '' : ` (${decision.reasons.join('; ')})`}`);
    }
    const delivery = planPkiDelivery(pki);
    return new Map(hosts.map((host) => [host.name, differing(delivery.get(host.name) ?? [], onHosts.get(host.name))]));
  },
  apply: async (state, _plan, context) => {
    const pki = state.computed.pki;
    if (pki === undefined) throw new Error('the certs phase applied without a plan');
    const hosts = await Promise.all(hostNames(state).filter((name) => !context.failedHosts.has(name)).map((name) => connect(state, name)));
    const changed = await deliverPki(pki, { hosts, concurrency: context.options.concurrency, signal: context.options.signal });
    for (const [host, paths] of changed) {
      context.log(`${paths.length} file(s) written`, host);
      noteChangedPaths(state, host, paths);
    }
    if (state.pkiDir !== undefined) context.log(`exported ${(await exportPki(pki, state.pkiDir)).length} file(s) to --pki-dir ${state.pkiDir}`);
  },
};

/** The files of a --pki-dir, or nothing when it does not exist yet (it is then only exported to). */
async function pkiInDir(dir: string): Promise<PkiInHand | undefined> {
  const entries = await readdir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return entries.length === 0 ? undefined : { ...(await importPki(dir)), label: `--pki-dir ${dir}` };
}

const ACTION_WORDS: Readonly<Record<PkiAction, string>> = { generated: 'new', reused: 'kept', reissued: 're-issue', rerendered: 're-render' };

function differing(uploads: readonly { path: string; content: string }[], existing: FileMap | undefined): string[] {
  return uploads.filter((upload) => existing?.get(upload.path)?.toString('utf8') !== upload.content).map((upload) => `write ${upload.path}`);
}
