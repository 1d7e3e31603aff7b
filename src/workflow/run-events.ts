/** Everything a renderer can show about a run. Renderers never see phases or hosts directly. */
export type RunEvent =
  | { readonly type: 'run-start'; readonly flow: string; readonly phases: readonly string[]; readonly dryRun: boolean }
  | { readonly type: 'phase-start'; readonly phase: string; readonly title: string; readonly hosts: readonly string[] }
  | { readonly type: 'phase-plan'; readonly phase: string; readonly host: string; readonly changes: readonly string[] }
  | { readonly type: 'phase-skip'; readonly phase: string; readonly reason: string }
  | { readonly type: 'host-start'; readonly phase: string; readonly host: string }
  | { readonly type: 'host-progress'; readonly phase: string; readonly host: string; readonly done: number; readonly total: number; readonly detail: string }
  | { readonly type: 'host-done'; readonly phase: string; readonly host: string; readonly detail?: string }
  | { readonly type: 'host-failed'; readonly phase: string; readonly host: string; readonly error: unknown }
  | { readonly type: 'phase-done'; readonly phase: string; readonly ms: number }
  | { readonly type: 'log'; readonly level: 'debug' | 'info' | 'warn'; readonly message: string; readonly phase?: string; readonly host?: string }
  | { readonly type: 'run-done'; readonly ok: boolean; readonly ms: number; readonly failedHosts: readonly string[] };

export type RunEventSink = (event: RunEvent) => void;
