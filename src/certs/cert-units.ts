import type { DaemonName } from '../bootstrap/daemons.ts';
import { CERT_LIST } from './cert-list.ts';
import { isSignedRow } from './cert-row.ts';

/**
 * Which daemons read each signed row's certificate, and so must restart after a renewal
 * (read at start: etcd's client certificates, the API server's etcd and kubelet clients, every
 * kubeconfig). `none`: nothing kit runs holds it open — an operator's or a health check's
 * credential, read afresh at every use. A unit test keeps this table and CERT_LIST in step.
 */
export const CERT_UNITS: Readonly<Record<string, readonly DaemonName[] | 'none'>> = Object.freeze({
  'apiserver': ['kube-apiserver'],
  'apiserver-kubelet-client': ['kube-apiserver'],
  'front-proxy-client': ['kube-apiserver'],
  'etcd-server': ['etcd'],
  'etcd-peer': ['etcd'],
  // kit's health checks and etcdctl snapshots read it per call.
  'etcd-healthcheck-client': 'none',
  'apiserver-etcd-client': ['kube-apiserver'],
  'admin.conf': 'none',
  'super-admin.conf': 'none',
  'controller-manager.conf': ['kube-controller-manager'],
  'scheduler.conf': ['kube-scheduler'],
  'kube-proxy.conf': ['kube-proxy'],
  'kubelet.conf': ['kubelet'],
} satisfies Record<string, readonly DaemonName[] | 'none'>);

/** The daemons to restart once a row's new certificate is in place; empty for `none`. */
export function unitsOfRow(rowName: string): readonly DaemonName[] {
  const units = CERT_UNITS[rowName];
  if (units === undefined) throw new Error(`CERT_UNITS has no entry for ${rowName}`);
  return units === 'none' ? [] : units;
}

/** The names `kit certs renew` accepts: every signed row, in CERT_LIST order. */
export const RENEWABLE_ROW_NAMES: readonly string[] = Object.freeze(CERT_LIST.filter(isSignedRow).map((row) => row.name));
