import type { ResolvedWorkload } from '../config/resolve.ts';
import type { RunningServer } from '../server/types.ts';
import { describeExit, exitHint } from '../server/exit-info.ts';
import { serverFailure } from '../server/server-failure.ts';
import type { RunSample } from '../record/record.ts';
import type { SessionDeps } from './session-deps.ts';
import { buildSample } from './sample.ts';

/** Where a run sits in the session. */
export interface MeasureOptions {
  index: number;
  round: number;
  warmup: boolean;
  /** Pair index of a kept run measured side by side with another build. */
  pair?: number;
  /** "the server " or "the base server ": names the server in messages. */
  who: string;
  signal?: AbortSignal;
  /** Rows of the workload's data file. */
  data?: Record<string, string>[];
  onProgress: (reqPerSec: number, elapsedMs: number) => void;
}

/** One run: setup requests, then measured load, with the server tree's CPU and memory around it. */
export async function measureRun(
  w: ResolvedWorkload,
  server: RunningServer,
  loadCpus: string | null,
  deps: Pick<SessionDeps, 'load' | 'now'>,
  o: MeasureOptions,
): Promise<RunSample> {
  const base = { baseUrl: server.url, cpus: loadCpus, signal: o.signal, data: o.data };
  const vars = w.setup.length > 0 ? await deps.load.setup(w, base) : {};
  server.resetPeak();
  const before = await server.usage();
  const startedAt = new Date(deps.now()).toISOString();
  const load = await deps.load.run(w, {
    ...base,
    vars,
    onProgress: (p) => o.onProgress(p.reqPerSec, p.elapsedMs),
  });
  const after = await server.usage();
  const exit = server.exitInfo();
  if (exit !== null) {
    const what = `${o.who}exited during run ${o.index + 1} of "${w.name}" (${describeExit(exit)})${exitHint(exit)}`;
    throw serverFailure(what, server);
  }
  const sample = buildSample(
    load,
    { before, after },
    { index: o.index, round: o.round, warmup: o.warmup, startedAt },
  );
  return o.pair === undefined ? sample : { ...sample, pair: o.pair };
}
