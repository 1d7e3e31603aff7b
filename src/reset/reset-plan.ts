import type { Footprint } from './footprint.ts';
import type { HostSurvey, PreKitRecord } from './host-survey.ts';
import { KIT_STATE_DIR, PARTIAL_RECORD_DIR, PRE_KIT_RECORD_DIR } from './record-paths.ts';

export interface ChainRef {
  readonly tool: 'iptables' | 'ip6tables';
  readonly table: string;
  readonly chain: string;
}

/** What resetting one host does, in the order clean-host runs it. Empty: kit left nothing here. */
export interface HostResetPlan {
  readonly stopUnits: readonly string[];
  readonly disableUnits: readonly string[];
  /** Units whose failed state is cleared once their files are gone. */
  readonly units: readonly string[];
  readonly killProcesses: number;
  /** Deepest first. */
  readonly unmounts: readonly string[];
  /** Pod veths first, then kit's devices. */
  readonly deleteLinks: readonly string[];
  readonly chains: readonly ChainRef[];
  readonly nftTables: readonly string[];
  readonly conntrackSubnets: readonly string[];
  /** Files, whole directories and entries kit added to directories that predate it (rm -rf). */
  readonly removePaths: readonly string[];
  /** Files that predate kit, put back from the record. */
  readonly restorePaths: readonly string[];
  readonly enableUnits: readonly string[];
  readonly startUnits: readonly string[];
  readonly sysctls: readonly { readonly key: string; readonly value: string }[];
  readonly unloadModules: readonly string[];
  /** Directories that predate kit whose mode or owner a daemon changed (containerd makes its root 0700). */
  readonly retouchDirs: readonly { readonly path: string; readonly mode: string; readonly owner: string }[];
  /** Directories kit made above its files, deepest first, removed when empty. */
  readonly emptyDirs: readonly string[];
  readonly removeRecord: boolean;
  readonly removeStateDir: boolean;
}

export interface PlanHostResetOptions {
  readonly footprint: Footprint;
  readonly survey: HostSurvey;
  /** The cluster's pod and service subnets: conntrack entries in them go. */
  readonly subnets: readonly string[];
}

const RUNNING = new Set(['active', 'activating', 'deactivating', 'reloading', 'refreshing']);
const ENABLED = new Set(['enabled', 'enabled-runtime', 'linked', 'linked-runtime']);
const RECORD_NAMES = new Set([PRE_KIT_RECORD_DIR, PARTIAL_RECORD_DIR].map((path) => path.slice(KIT_STATE_DIR.length + 1)));

const depth = (path: string): number => path.split('/').length;
const deepestFirst = (paths: readonly string[]): string[] => [...paths].sort((a, b) => depth(b) - depth(a) || b.localeCompare(a));
const isUnder = (path: string, dir: string): boolean => path.startsWith(`${dir}/`);

/** The record to restore from; a legacy record restores nothing. */
function usableRecord(survey: HostSurvey): PreKitRecord | undefined {
  return survey.record?.legacy === false ? survey.record : undefined;
}

/** Whether kit was ever here: its record (whole or cut short) or its cluster marker. */
export function kitWasHere(footprint: Footprint, survey: HostSurvey): boolean {
  return survey.record !== undefined || survey.partialRecord !== undefined || survey.files.has(footprint.clusterMarker);
}

/** Plans the reset of one host from what it has now and its pre-kit record. Pure. */
export function planHostReset(options: PlanHostResetOptions): HostResetPlan {
  const { footprint, survey } = options;
  if (!kitWasHere(footprint, survey)) return EMPTY_PLAN;
  const record = usableRecord(survey);
  const units = footprint.units.filter((unit) => survey.units.has(unit));
  const restorePaths = record === undefined ? [] : footprint.files.filter((path) => record.paths.get(path) === 'f' || record.paths.get(path) === 'l');
  return {
    stopUnits: units.filter((unit) => RUNNING.has(survey.units.get(unit)?.active ?? '')),
    disableUnits: units.filter((unit) => ENABLED.has(survey.units.get(unit)?.enabled ?? '')),
    units,
    killProcesses: survey.processes,
    unmounts: leftoverMounts(footprint, survey, record),
    deleteLinks: leftoverLinks(footprint, survey),
    chains: survey.chains.filter((ref) => footprint.chains.includes(ref.chain) || footprint.chainPrefixes.some((prefix) => ref.chain.startsWith(prefix))),
    nftTables: survey.nftTables.filter((table) => footprint.nftTables.includes(table)),
    conntrackSubnets: survey.hasConntrack ? options.subnets : [],
    removePaths: [...footprint.files.filter((path) => survey.files.has(path)), ...ownedDirRemovals(footprint, survey, record), ...netnsFiles(footprint, survey)],
    restorePaths,
    enableUnits: record === undefined ? [] : footprint.units.filter((unit) => ENABLED.has(record.units.get(unit)?.enabled ?? '')),
    startUnits: record === undefined ? [] : footprint.units.filter((unit) => record.units.get(unit)?.active === 'active'),
    sysctls: sysctlsToRestore(survey, record),
    unloadModules: record === undefined ? [] : [...survey.modules].filter((name) => !record.modules.has(name)),
    retouchDirs: record === undefined ? [] : retouchedDirs(survey, record),
    emptyDirs: record === undefined ? [] : deepestFirst([...survey.ancestors].filter((dir) => !record.paths.has(dir))),
    removeRecord: survey.record !== undefined || survey.partialRecord !== undefined,
    removeStateDir: !(survey.record?.stateDirExisted ?? survey.partialRecord?.stateDirExisted ?? true),
  };
}

function leftoverMounts(footprint: Footprint, survey: HostSurvey, record: PreKitRecord | undefined): string[] {
  const ours = survey.mounts.filter((point) => footprint.ownedDirs.some((dir) => isUnder(point, dir)) || isUnder(point, footprint.netnsDir) && point.slice(footprint.netnsDir.length + 1).startsWith('cni-'));
  return deepestFirst([...new Set(ours)].filter((point) => record?.mounts.has(point) !== true));
}

/** The pods' network namespaces, bind-mounted files the runtime left behind. */
function netnsFiles(footprint: Footprint, survey: HostSurvey): string[] {
  return survey.mounts.filter((point) => isUnder(point, footprint.netnsDir) && point.slice(footprint.netnsDir.length + 1).startsWith('cni-'));
}

function leftoverLinks(footprint: Footprint, survey: HostSurvey): string[] {
  const veths = [...survey.links].filter(([, master]) => master === footprint.podBridge).map(([name]) => name);
  return [...veths, ...footprint.devices.filter((device) => survey.links.has(device))];
}

/**
 * An owned directory that predates kit keeps the entries it had; one that is a mount point is
 * emptied (it belongs to whoever mounted it); any other goes whole. kit's state directory keeps
 * the record until the very end.
 */
function ownedDirRemovals(footprint: Footprint, survey: HostSurvey, record: PreKitRecord | undefined): string[] {
  return [...survey.ownedDirs].flatMap(([dir, entries]) => {
    const isStateDir = dir === KIT_STATE_DIR;
    const existed = isStateDir ? record?.stateDirExisted === true : record?.paths.get(dir) === 'd';
    if (!existed && !isStateDir && !survey.mounts.includes(dir)) return [dir];
    const kept = existed ? record?.listings.get(dir) ?? new Set<string>() : new Set<string>();
    return [...entries].filter((entry) => !kept.has(entry) && !(isStateDir && RECORD_NAMES.has(entry))).map((entry) => `${dir}/${entry}`);
  }).filter((path) => !footprint.files.includes(path));
}

function retouchedDirs(survey: HostSurvey, record: PreKitRecord): { path: string; mode: string; owner: string }[] {
  return [...survey.meta].flatMap(([path, now]) => {
    const before = record.paths.get(path) === 'd' ? record.meta.get(path) : undefined;
    if (before === undefined || (before.mode === now.mode && before.uid === now.uid && before.gid === now.gid)) return [];
    return [{ path, mode: before.mode, owner: `${before.uid}:${before.gid}` }];
  });
}

function sysctlsToRestore(survey: HostSurvey, record: PreKitRecord | undefined): { key: string; value: string }[] {
  if (record === undefined) return [];
  return [...record.sysctls].flatMap(([key, value]) => (value === undefined || survey.sysctls.get(key) === value || !survey.sysctls.has(key) ? [] : [{ key, value }]));
}

export const EMPTY_PLAN: HostResetPlan = Object.freeze({
  stopUnits: [], disableUnits: [], units: [], killProcesses: 0, unmounts: [], deleteLinks: [], chains: [], nftTables: [],
  conntrackSubnets: [], removePaths: [], restorePaths: [], enableUnits: [], startUnits: [], sysctls: [], unloadModules: [], retouchDirs: [],
  emptyDirs: [], removeRecord: false, removeStateDir: false,
});
