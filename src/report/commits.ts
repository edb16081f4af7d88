import type { Comparison, RecordInfo } from '../verdict/comparison-schema.ts';
import type { Flavor } from './comparison-flavor.ts';
import type { SideLabels } from './workload-detail.ts';

// The line naming what was compared: the head commit and the baseline's (or base build's)
// commit, with the baseline's date and runner, each commit linked to the repository when its
// address is known. Pure.

function commitText(r: RecordInfo, flavor: Flavor, repoUrl: string | undefined): string {
  if (!r.commit) return 'no commit';
  const short = r.commit.sha.slice(0, 7);
  const dirty = r.commit.dirty ? ' (uncommitted changes)' : '';
  const safe = /^[0-9a-f]{7,64}$/i.test(r.commit.sha);
  if (flavor.markdown && repoUrl && safe) {
    return `[\`${short}\`](${encodeURI(`${repoUrl.replace(/\/+$/, '')}/commit/${r.commit.sha}`)})${dirty}`;
  }
  return `${flavor.markdown ? `\`${flavor.inline(short)}\`` : short}${dirty}`;
}

function runner(r: RecordInfo, flavor: Flavor): string {
  const m = r.machine;
  return flavor.inline(`${m.cpuModel.trim()}, ${m.cores} cores, ${m.os}`);
}

/** "this PR `abc1234` vs baseline `def5678` (main, 2026-11-30 14:02 UTC, on Intel Xeon, 2 cores, linux)". */
export function renderCommits(
  c: Comparison,
  flavor: Flavor,
  labels: SideLabels,
  repoUrl: string | undefined,
): string {
  const head = `${labels.candidate} ${commitText(c.candidate, flavor, repoUrl)}`;
  const base = c.baseline[0];
  if (!base) return head;
  const when = base.createdAt.replace('T', ' ').slice(0, 16);
  const ref = base.commit?.ref ? `${flavor.inline(base.commit.ref)}, ` : '';
  const pooled =
    c.baseline.length > 1 ? ` and ${c.baseline.length - 1} older record(s), pooled` : '';
  const side =
    c.design === 'paired' ? 'measured side by side on this runner' : `on ${runner(base, flavor)}`;
  const sameMachine = base.machine.fingerprint === c.candidate.machine.fingerprint;
  const where =
    c.design === 'paired' || sameMachine
      ? side
      : `${side}; ${labels.candidate} on ${runner(c.candidate, flavor)}`;
  return `${head} vs ${labels.baseline} ${commitText(base, flavor, repoUrl)} (${ref}${when} UTC, ${where}${pooled})`;
}
