/** What parseSurvey read off a host: kit's leftovers now, and the record of before. */
export interface PreKitRecord {
  /** Kit had already been on the host without a record: nothing can be restored. */
  readonly legacy: boolean;
  /** Whether kit's state directory existed before kit. */
  readonly stateDirExisted: boolean;
  /** Footprint paths (files, owned and ancestor directories) that existed, with their type. */
  readonly paths: ReadonlyMap<string, 'f' | 'd' | 'l'>;
  /** Mode (octal text) and owner of each of those paths. */
  readonly meta: ReadonlyMap<string, PathMeta>;
  /** Owned directory → the entries it held. */
  readonly listings: ReadonlyMap<string, ReadonlySet<string>>;
  /** Files kept in files.tar. */
  readonly hasTar: boolean;
  readonly units: ReadonlyMap<string, UnitState>;
  /** Key → value before kit; undefined: the key did not exist. */
  readonly sysctls: ReadonlyMap<string, string | undefined>;
  readonly modules: ReadonlySet<string>;
  readonly mounts: ReadonlySet<string>;
}

export interface PathMeta {
  /** As `stat -c %a` prints it, e.g. `755`. */
  readonly mode: string;
  readonly uid: string;
  readonly gid: string;
}

export interface UnitState {
  /** systemctl is-enabled: enabled, disabled, static, masked, not-found, ... */
  readonly enabled: string;
  /** systemctl is-active: active, inactive, failed, activating, ... */
  readonly active: string;
}

export interface HostSurvey {
  readonly record?: PreKitRecord;
  /** A record cut short by a killed run, and whether kit's state dir predates it. */
  readonly partialRecord?: { readonly stateDirExisted: boolean };
  readonly files: ReadonlySet<string>;
  readonly ownedDirs: ReadonlyMap<string, ReadonlySet<string>>;
  readonly ancestors: ReadonlySet<string>;
  /** Mode and owner of the owned and ancestor directories present now. */
  readonly meta: ReadonlyMap<string, PathMeta>;
  readonly units: ReadonlyMap<string, UnitState>;
  readonly sysctls: ReadonlyMap<string, string>;
  readonly modules: ReadonlySet<string>;
  /** Link name → its master (bridge) or undefined. */
  readonly links: ReadonlyMap<string, string | undefined>;
  readonly chains: readonly { readonly tool: 'iptables' | 'ip6tables'; readonly table: string; readonly chain: string }[];
  /** `family name` of every nftables table. */
  readonly nftTables: readonly string[];
  readonly mounts: readonly string[];
  /** Processes in the cgroups of kit's units and of pods. */
  readonly processes: number;
  readonly hasConntrack: boolean;
}
