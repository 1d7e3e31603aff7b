import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Rig } from '../../rig/rig.ts';

/** Every unit kit may run on a host. */
export const KIT_UNITS = ['containerd', 'kit-overlay', 'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kube-apiserver-lb'];

/** A shell command's trimmed stdout inside a rig host (failures give their output, not a throw). */
export async function onHost(rig: Rig, host: string, script: string): Promise<string> {
  const result = await rig.run(host, ['sh', '-c', script], { allowFail: true });
  return result.stdout.trim();
}

/** kubectl as the cluster admin on a control plane. */
export function kubectl(rig: Rig, host: string, args: string): Promise<string> {
  return onHost(rig, host, `kubectl --kubeconfig /etc/kubernetes/admin.conf ${args} 2>&1`);
}

/** `host/unit → MainPID InvocationID` for every kit unit that runs: equal snapshots mean nothing restarted. */
export async function runningUnits(rig: Rig, hosts: readonly string[]): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  const script = `for u in ${KIT_UNITS.join(' ')}; do echo "$u $(systemctl is-active $u.service) $(systemctl show -p MainPID -p InvocationID --value $u.service | tr '\\n' ' ')"; done`;
  for (const host of hosts) {
    for (const line of (await onHost(rig, host, script)).split('\n')) {
      const [unit, state, ...identity] = line.trim().split(/\s+/u);
      if (unit !== undefined && state === 'active') snapshot[`${host}/${unit}`] = identity.join(' ');
    }
  }
  return snapshot;
}

/** Node name → Ready condition status, from the API. */
export async function nodeReadiness(rig: Rig, controlPlane: string): Promise<Record<string, string>> {
  const text = await kubectl(rig, controlPlane, `get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}'`);
  return Object.fromEntries(text.split('\n').filter((line) => line.includes('=')).map((line) => line.split('=') as [string, string]));
}

/** An HTTP GET through busybox's nc inside a pod; returns the last line of the body (the serving pod's name). */
export async function httpFromPod(rig: Rig, controlPlane: string, pod: string, target: string): Promise<string> {
  const [host, port] = target.split(':');
  const out = await kubectl(rig, controlPlane, `exec ${pod} -- sh -c 'printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc -w 3 ${host ?? ''} ${port ?? '80'}'`);
  return out.split('\n').map((line) => line.trim()).filter((line) => line !== '').at(-1) ?? '';
}

export interface KilledRun {
  readonly stderr: string;
  readonly killedAfterMs: number;
}

/** Starts `kit` and SIGKILLs it as soon as its output matches `when` (kit cannot clean up: the worst case). */
export function runKitUntil(args: readonly string[], when: RegExp, timeoutMs = 600_000): Promise<KilledRun> {
  const kit = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'kit.js');
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [kit, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const check = (chunk: string): void => {
      stderr += chunk;
      if (when.test(stderr)) child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8').on('data', check);
    child.stderr.setEncoding('utf8').on('data', check);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`kit ended by itself before ${String(when)}:\n${stderr}`));
      else resolve({ stderr, killedAfterMs: Date.now() - started });
    });
  });
}
