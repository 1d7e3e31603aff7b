import { APPLY_FLOW } from '../../../src/flows/apply-flow.ts';

export interface PhaseBoundary {
  readonly name: string;
  /** Matches the plain renderer's title line: `<timestamp> [name] title (N host(s))`. */
  readonly titleLine: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** One boundary per phase of `kit apply`, in flow order, from the flow itself. */
export function applyPhaseBoundaries(): PhaseBoundary[] {
  return APPLY_FLOW.phases.map((phase) => ({
    name: phase.name,
    titleLine: new RegExp(`^\\S+ \\[${escapeRegExp(phase.name)}\\] ${escapeRegExp(phase.title)} \\(\\d+ host\\(s\\)\\)$`, 'mu'),
  }));
}

export interface KilledRunSummary {
  /** Phases that finished with work done (`done in`, not skipped). */
  readonly applied: string[];
  /** Phases that had nothing to do. */
  readonly skipped: string[];
  /** The last phase line printed before the title line the run was killed at. */
  readonly lastLine: string;
  /** Hosts a phase reported as FAILED. */
  readonly failed: string[];
}

/** What a run killed at a title line had done, read from its plain output up to that line. */
export function summariseKilledRun(output: string, titleLine: RegExp): KilledRunSummary {
  const match = titleLine.exec(output);
  const before = (match === null ? output : output.slice(0, match.index)).split('\n');
  const phaseLines = before.filter((line) => /^\S+ \[[a-z-]+\] /u.test(line));
  const names = (pattern: RegExp): string[] => phaseLines.flatMap((line) => pattern.exec(line)?.slice(1, 2) ?? []);
  const skipped = names(/\[([a-z-]+)\] skipped: /u);
  return {
    applied: names(/\[([a-z-]+)\] done in /u).filter((name) => !skipped.includes(name)),
    skipped,
    lastLine: phaseLines.at(-1)?.replace(/^\S+ /u, '') ?? '(none)',
    failed: names(/\[[a-z-]+\] ([^\s:]+): FAILED/u),
  };
}
