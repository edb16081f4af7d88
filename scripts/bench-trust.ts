// `npm run bench:trust`: can the verdict be trusted on the noise CI really has? A seeded Monte
// Carlo through the real verdict code (compareRecords, the sampling judges) with per-run noise,
// drift, outlier runs and, what earlier benchmarks left out, one offset per session: every
// record is a session on some runner, and hosted runners differ from each other. Judged with
// the product's defaults (tolerances of src/config/defaults.ts, gate.required, Holm at 5% over
// 2 workloads x 6 gated metrics). Prints four tables:
//
//   1. stored A/A: session sd 0/2/5/10% x history of 1/5/20 records: family false-alarm rate
//      (goal <= 1%, never above 5%), green passes, and the smallest regression detectable;
//   2. power at +5/+10/+20% (throughput, latency and CPU of one workload) for each design;
//   3. every sampling configuration with every metric exactly at its tolerance (the worst
//      null): family false-alarm rate, at most alpha within a binomial interval;
//   4. paired A/A green passes for fixed runs and runs: auto, quiet and with outlier runs.
//
//   npm run bench:trust                # ~2-4 minutes on two cores
//   npm run bench:trust -- --quick     # a fifth of the trials
//   TRIALS=2000 npm run bench:trust    # trials per cell (default 500)
//   TEST=sign npm run bench:trust -- --paired   # the paired design only (tables 2-4), judged by
//                                              # another paired test (gate.test; default auto)
import { pathToFileURL } from 'node:url';
import type { Cell, CellResult } from './bench-gate.ts';
import { ALPHA, binomialUpperTail, runCell, upperBound } from './bench-gate.ts';

const quick = process.argv.includes('--quick');
const pairedOnly = process.argv.includes('--paired');
const TRIALS = Math.max(20, Math.round(Number(process.env.TRIALS ?? 500) / (quick ? 5 : 1)));

const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)}%`;

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function header(cols: string[]): string {
  return `${row(cols)}\n${row(cols.map(() => '---'))}`;
}

function verdictOk(r: CellResult, goal: number): string {
  const rate = r.family / r.trials;
  const atMostAlpha = binomialUpperTail(r.family, r.trials, ALPHA) >= 0.01;
  return rate <= goal ? 'yes' : atMostAlpha ? 'within alpha' : 'NO';
}

function seedOf(parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('/')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

const base = (over: Partial<Cell>): Cell => ({
  design: 'independent',
  noise: 'independent',
  cv: 0.03,
  n: 10,
  effect: 0,
  trials: TRIALS,
  seed: seedOf(Object.entries(over).flat() as (string | number)[]),
  productDefaults: true,
  ...over,
});

/** Table 1: stored comparisons of identical code. */
function storedAA(): { lines: string[]; worst: number } {
  const lines = [
    '### 1. Stored baseline, identical code (A/A), per-run CV 3%, 10 runs per side',
    '',
    header([
      'session sd',
      'history',
      'family false alarms',
      'upper 95%',
      'goal <= 1%',
      'green pass',
      'inconclusive',
    ]),
  ];
  let worst = 0;
  for (const sd of [0, 0.02, 0.05, 0.1]) {
    for (const history of [1, 5, 20]) {
      const r = runCell(base({ sessionSd: sd, history }));
      worst = Math.max(worst, r.family / r.trials);
      lines.push(
        row([
          `${sd * 100}%`,
          history,
          pct(r.family, r.trials),
          `${(100 * upperBound(r.family, r.trials)).toFixed(1)}%`,
          verdictOk(r, 0.01),
          pct(r.pass, r.trials),
          pct(r.inconclusive, r.trials),
        ]),
      );
    }
  }
  return { lines, worst };
}

/** Table 2: power at +5/+10/+20% for each design. */
function power(): string[] {
  const lines = [
    '### 2. Power: a slowdown of throughput, latency and CPU per request in one workload',
    '',
    header(['design', 'noise', '+5%', '+10%', '+20%', 'mean runs']),
  ];
  const designs: { name: string; cell: Partial<Cell> }[] = [
    { name: 'stored, history 1', cell: { sessionSd: 0.05, history: 1 } },
    { name: 'stored, history 20', cell: { sessionSd: 0.05, history: 20 } },
    { name: 'stored, history 20', cell: { sessionSd: 0.02, history: 20 } },
    { name: 'paired, 10 pairs', cell: { design: 'paired', sessionSd: 0.05 } },
    {
      name: 'paired, runs: auto 5-20',
      cell: { design: 'paired', sessionSd: 0.05, adaptive: { minRuns: 5, maxRuns: 20 } },
    },
    {
      name: 'paired, runs: auto 5-20, outliers',
      cell: {
        design: 'paired',
        noise: 'outliers',
        sessionSd: 0.05,
        adaptive: { minRuns: 5, maxRuns: 20 },
      },
    },
  ];
  for (const d of designs.filter((x) => !pairedOnly || x.cell.design === 'paired')) {
    const results = [0.05, 0.1, 0.2].map((effect) =>
      runCell(base({ ...d.cell, effect, trials: Math.ceil(TRIALS / 2) })),
    );
    const noise = `${(d.cell.noise ?? 'independent') === 'outliers' ? 'outlier runs, ' : ''}session sd ${(d.cell.sessionSd ?? 0) * 100}%`;
    lines.push(
      row([
        d.name,
        noise,
        ...results.map((r) => pct(r.detected, r.trials)),
        (results[1] as CellResult).meanRuns.toFixed(1),
      ]),
    );
  }
  return lines;
}

/** Table 3: sampling configurations with every metric at its tolerance. */
function atTolerance(): { lines: string[]; bad: number } {
  const lines = [
    '### 3. Every metric exactly at its tolerance (worst case for false alarms), per sampling configuration',
    '',
    header(['design', 'sampling', 'family false alarms', 'upper 95%', 'at most alpha']),
  ];
  const configs: (Cell['adaptive'] | undefined)[] = [
    undefined,
    { minRuns: 5, maxRuns: 12 },
    { minRuns: 5, maxRuns: 20 },
    { minRuns: 3, maxRuns: 10 },
    { minRuns: 2, maxRuns: 40 },
    { minRuns: 10, maxRuns: 30 },
    { minRuns: 5, maxRuns: 6 },
  ];
  let bad = 0;
  for (const design of pairedOnly ? (['paired'] as const) : (['independent', 'paired'] as const)) {
    for (const adaptive of configs) {
      const r = runCell(
        base({
          design,
          atTolerance: true,
          adaptive,
          // Within one session: the tolerance test itself, without the runner spread to hide in.
          sessionSd: 0,
          history: design === 'independent' ? 20 : 1,
        }),
      );
      const ok = binomialUpperTail(r.family, r.trials, ALPHA) >= 0.01;
      if (!ok) bad++;
      lines.push(
        row([
          design === 'paired' ? 'paired' : 'stored, history 20',
          adaptive ? `auto ${adaptive.minRuns}-${adaptive.maxRuns}` : 'fixed 10',
          pct(r.family, r.trials),
          `${(100 * upperBound(r.family, r.trials)).toFixed(1)}%`,
          ok ? 'yes' : 'NO',
        ]),
      );
    }
  }
  return { lines, bad };
}

/** Table 4: green passes of identical code in the paired design. */
function pairedAA(): string[] {
  const lines = [
    '### 4. Same runner (paired), identical code: how often the gate is green',
    '',
    header(['per-run CV', 'noise', 'sampling', 'green pass', 'false alarms', 'mean pairs']),
  ];
  for (const cv of [0.03, 0.05]) {
    for (const noise of ['independent', 'outliers'] as const) {
      for (const adaptive of [undefined, { minRuns: 5, maxRuns: 20 }]) {
        const r = runCell(base({ design: 'paired', cv, noise, adaptive, sessionSd: 0.05 }));
        lines.push(
          row([
            `${cv * 100}%`,
            noise === 'outliers' ? 'outlier runs (10%)' : 'independent',
            adaptive ? 'auto 5-20' : 'fixed 10',
            pct(r.pass, r.trials),
            pct(r.family, r.trials),
            r.meanRuns.toFixed(1),
          ]),
        );
      }
    }
  }
  // What differs between two processes of the same code, kept for the session or drawn per run.
  for (const restart of ['never', 'per-run'] as const) {
    for (const adaptive of [undefined, { minRuns: 5, maxRuns: 20 }]) {
      const r = runCell(
        base({ design: 'paired', adaptive, sessionSd: 0.05, process: { sd: 0.02, restart } }),
      );
      lines.push(
        row([
          '3%',
          `process offset sd 2%, restart ${restart}`,
          adaptive ? 'auto 5-20' : 'fixed 10',
          pct(r.pass, r.trials),
          pct(r.family, r.trials),
          r.meanRuns.toFixed(1),
        ]),
      );
    }
  }
  return lines;
}

/** Prints every table; exits 1 when a false-alarm goal is missed. */
export function main(): number {
  const t0 = Date.now();
  const test = process.env.TEST ? `, paired test ${process.env.TEST}` : '';
  console.log(`# bench:trust (${TRIALS} trials per cell, seeded${test})\n`);
  const aa = pairedOnly ? { lines: [], worst: 0 } : storedAA();
  console.log([...aa.lines, ''].join('\n'));
  console.log([...power(), ''].join('\n'));
  const tol = atTolerance();
  console.log([...tol.lines, ''].join('\n'));
  console.log([...pairedAA(), ''].join('\n'));
  const stored = pairedOnly
    ? ''
    : `worst stored A/A family false-alarm rate: ${(100 * aa.worst).toFixed(1)}% (goal <= 1%, never above 5%); `;
  console.log(
    `${stored}sampling configurations above alpha: ${tol.bad}; ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return aa.worst > 0.05 || tol.bad > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main());
