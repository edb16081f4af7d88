import { orientedLogs, tChangeResult } from './change.ts';
import type { ChangeOptions, TChangeResult } from './change.ts';
import { mean, sampleVariance } from './descriptive.ts';
import { trimmedMeanStats } from './trimmed.ts';

// Sessions, not runs, are the unit of a stored comparison (statistics.md, "Sessions, not runs").
// Runs of one session share a machine, its neighbours and its clock, so on the oriented log
// scale run j of session s is  y = mu + S_s + e_sj  with a session offset S ~ N(0, sb^2) and
// run noise e ~ N(0, sw^2). A stored baseline and a pull request's run are different sessions,
// and sb does not shrink with more runs per session. So the comparison works on session
// summaries (the 20% trimmed mean of a session's log values, so one bad run moves it little):
//
//   D = summary(candidate) - mean of the P pooled baseline sessions' summaries
//   Var(D) = sb^2 + se_c^2 + Var(mean of baseline summaries)
//
// sb is estimated from the history of K recorded sessions (each a different runner and time):
// with K >= minHistory, s^2 = the sample variance of their summaries estimates sb^2 + w (w = the
// mean squared standard error of a summary), so sb^2 = max(0, s^2 - w), Var(D) = sb^2 + se_c^2 +
// s^2 / P and the t reference has Welch-Satterthwaite df (about K - 1: the prediction interval
// of a new session's mean from K sessions, exact for every sb under the normal model). With
// fewer records the spread cannot be estimated, so the configured runner noise stands in for
// sb (or what the few records show, when that is larger), and both sides carry it.

/** Options of the session-level test. */
export interface SessionTestOptions extends ChangeOptions {
  /** Between-session sd on the log scale used when the history is too short. */
  runnerSd: number;
  /** History sessions needed before the spread is estimated from them; default 5. */
  minHistory?: number;
}

/** The session-level test's result: a t result plus what the between-session spread was. */
export interface SessionChangeResult extends TChangeResult {
  /** Between-session sd on the log scale, where it came from and from how many sessions. */
  between: { sd: number; source: 'history' | 'default'; sessions: number };
  /** Oriented log centers of both sides: mean of baseline session summaries, candidate summary. */
  centers: { baseline: number; candidate: number };
}

/** Default history length before the between-session spread is estimated from records. */
export const MIN_HISTORY_SESSIONS = 5;

const TRIM = 0.2;

interface Summary {
  center: number;
  /** Squared standard error of the center. */
  v: number;
  df: number;
}

function summarize(logs: readonly number[]): Summary {
  const s = trimmedMeanStats(logs, TRIM);
  return { center: s.mean, v: s.se * s.se, df: Math.max(1, s.df) };
}

/**
 * Compares one candidate session with P pooled baseline sessions, judging the difference against
 * the spread between sessions estimated from `history` (which should include the pooled
 * sessions). Values are raw (positive) per-run values; every session needs >= 2 runs.
 */
export function sessionLogTest(
  baseline: readonly (readonly number[])[],
  candidate: readonly number[],
  history: readonly (readonly number[])[],
  options: SessionTestOptions,
): SessionChangeResult {
  const alpha = options.alpha ?? 0.05;
  const tau = options.tau ?? 0;
  const minHistory = options.minHistory ?? MIN_HISTORY_SESSIONS;
  const usable = (s: readonly number[]) => s.length >= 2;
  const base = baseline.filter(usable).map((s) => summarize(orientedLogs(s, options.direction)));
  if (base.length === 0 || candidate.length < 2) {
    throw new RangeError(
      'the session test needs >= 2 runs in the candidate and a baseline session',
    );
  }
  const cand = summarize(orientedLogs(candidate, options.direction));
  const hist = history.filter(usable).map((s) => summarize(orientedLogs(s, options.direction)));
  const P = base.length;
  const baseCenter = mean(base.map((b) => b.center));
  const estimate = cand.center - baseCenter;

  let variance: number;
  let df: number;
  let between: SessionChangeResult['between'];
  const K = hist.length;
  const s2 = K >= 2 ? sampleVariance(hist.map((h) => h.center)) : 0;
  const w = K >= 2 ? mean(hist.map((h) => h.v)) : 0;
  const observedB2 = Math.max(0, s2 - w);
  if (K >= minHistory) {
    // Var(mean of P baseline summaries) ~ s^2 / P; the candidate carries sb^2 + its own se^2.
    const fromHistory = observedB2 + s2 / P;
    variance = fromHistory + cand.v;
    df = satterthwaite(variance, [
      [fromHistory, K - 1],
      [cand.v, cand.df],
    ]);
    between = { sd: Math.sqrt(observedB2), source: 'history', sessions: K };
  } else {
    const b2 = Math.max(options.runnerSd * options.runnerSd, observedB2);
    const vBase = base.reduce((a, b) => a + b.v, 0) / (P * P);
    variance = b2 * (1 + 1 / P) + cand.v + vBase;
    df = satterthwaite(variance, [
      [cand.v, cand.df],
      ...base.map((b): [number, number] => [b.v / (P * P), b.df]),
    ]);
    between = { sd: Math.sqrt(b2), source: 'default', sessions: K };
  }
  const r = tChangeResult(
    'session-t-log',
    estimate,
    Math.sqrt(variance),
    df,
    tau,
    alpha,
    options.margins,
  );
  return { ...r, between, centers: { baseline: baseCenter, candidate: cand.center } };
}

/**
 * Welch-Satterthwaite degrees of freedom of a sum of variance components, each with its own df;
 * components treated as known (like a configured runner noise) are simply left out of the
 * denominator. Capped at 1e6 (a normal reference) when nothing is estimated.
 */
export function satterthwaite(total: number, parts: readonly [number, number][]): number {
  let denom = 0;
  for (const [v, df] of parts) if (v > 0 && df > 0) denom += (v * v) / df;
  if (denom === 0) return 1e6;
  return Math.min(1e6, (total * total) / denom);
}
