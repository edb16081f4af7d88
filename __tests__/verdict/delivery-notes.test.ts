// How the report names the latency it gates, and an open-model run that fell behind its rate:
// flagged in the comparison and in the summary, and failing a gated comparison as a
// measurement problem (not as a verdict on the code).
import { describe, expect, it } from 'vitest';
import { decideGate } from '../../src/gate/outcome.ts';
import { measureNotes } from '../../src/report/summary-table.ts';
import type { ResultsRecord, RunSample } from '../../src/record/record.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { makeRecord } from '../helpers/records.ts';

/** A record whose runs all get `fields`. */
function withRuns(record: ResultsRecord, fields: Partial<RunSample>): ResultsRecord {
  return {
    ...record,
    workloads: record.workloads.map((w) => ({
      ...w,
      runs: w.runs.map((r) => ({ ...r, ...fields })),
    })),
  };
}

/** A record of one workload `name` whose runs all came from `client`. */
function makeRecordWith(name: string, client: RunSample['loadClient']): ResultsRecord {
  return withRuns(makeRecord({ workloads: { [name]: [1000, 1010, 990] } }), {
    latencyBasis: 'corrected',
    loadClient: client,
  });
}

const BEHIND: RunSample['rate'] = {
  target: 20_000,
  achieved: 4750,
  due: 200_000,
  dropped: 152_500,
  minShare: 0.95,
};

describe('the latency basis in reports', () => {
  it('names the basis, and warns when the baseline measured another one', () => {
    const base = makeRecord(); // made before the field existed: service time
    const head = withRuns(makeRecord(), { latencyBasis: 'corrected' });
    const notes = compareRecords(base, head).notes;
    expect(notes.find((n) => n.code === 'latency-basis')?.message).toBe(
      'Latency percentiles are corrected for coordinated omission (closed model, as wrk does).',
    );
    expect(notes.find((n) => n.code === 'latency-basis-differs')?.level).toBe('warning');
    expect(measureNotes(head)).toEqual([
      'Latency percentiles: corrected for coordinated omission (closed model, as wrk does).',
    ]);
  });
});

describe('the load client in reports', () => {
  it('names the client, and warns when the baseline was measured by another one', () => {
    const base = withRuns(makeRecord(), { latencyBasis: 'corrected', loadClient: 'javascript' });
    const head = withRuns(makeRecord(), { latencyBasis: 'corrected', loadClient: 'c' });
    const notes = compareRecords(base, head).notes;
    expect(notes.find((n) => n.code === 'latency-basis')?.message).toBe(
      "Latency percentiles are corrected for coordinated omission (closed model, as wrk does); load from the built-in client's C build.",
    );
    const differs = notes.find((n) => n.code === 'load-client-differs');
    expect(differs?.level).toBe('warning');
    expect(differs?.message).toContain(
      "The baseline's load of \"hello\" came from the built-in client in JavaScript, this run's from the built-in client's C build: latency",
    );
    expect(measureNotes(head)).toEqual([
      "Latency percentiles: corrected for coordinated omission (closed model, as wrk does); load from the built-in client's C build.",
    ]);
  });

  it('compares the clients workload by workload, naming the first that differs', () => {
    const spec = { workloads: { read: [1000, 1010, 990], write: [500, 505, 495] } };
    const clients = (read: RunSample['loadClient'], write: RunSample['loadClient']) => {
      const r = makeRecord(spec);
      return {
        ...r,
        workloads: r.workloads.map((w) => ({
          ...w,
          runs: w.runs.map((run) => ({
            ...run,
            latencyBasis: 'corrected' as const,
            loadClient: w.name === 'read' ? read : write,
          })),
        })),
      };
    };
    // The same two clients over the run, swapped between the workloads.
    const swapped = compareRecords(clients('c', 'javascript'), clients('javascript', 'c')).notes;
    expect(swapped.find((n) => n.code === 'load-client-differs')?.message).toContain(
      `The baseline's load of "read" came from the built-in client's C build, this run's from the built-in client in JavaScript (and 1 more workload): `,
    );
    const same = compareRecords(clients('c', 'javascript'), clients('c', 'javascript')).notes;
    expect(same.some((n) => n.code === 'load-client-differs')).toBe(false);
    // A workload the baseline does not have is not compared.
    const added = compareRecords(makeRecordWith('read', 'c'), clients('c', 'javascript')).notes;
    expect(added.some((n) => n.code === 'load-client-differs')).toBe(false);
  });

  it('says nothing of clients when the baseline predates the field', () => {
    const base = withRuns(makeRecord(), { latencyBasis: 'corrected' });
    const head = withRuns(makeRecord(), { latencyBasis: 'corrected', loadClient: 'autocannon' });
    const notes = compareRecords(base, head).notes;
    expect(notes.some((n) => n.code === 'load-client-differs')).toBe(false);
    expect(notes.find((n) => n.code === 'latency-basis')?.message).toContain(
      '; load from autocannon.',
    );
  });
});

describe('an open-model run below its min-rate-share', () => {
  const base = withRuns(makeRecord(), { latencyBasis: 'intended' });
  const head = withRuns(makeRecord(), { latencyBasis: 'intended', rate: BEHIND });

  it('is flagged with the achieved rate and fails the gate as a measurement problem', () => {
    const c = compareRecords(base, head);
    const note = c.notes.find((n) => n.code === 'rate-not-delivered');
    expect(note?.level).toBe('warning');
    expect(note?.message).toContain('sent 4750 req/s of the 20000 req/s asked for (24%');
    const gate = decideGate({
      comparison: c,
      compared: true,
      onMissing: 'pass',
      failOnInconclusive: false,
      breakage: null,
    });
    expect(gate.fail).toBe(true);
    expect(gate.failReason).toMatch(/^measurement problem: "hello" did not deliver its rate/);
    expect(gate.failReason).toContain('more connections, or a lower rate');
  });

  it('is flagged under the summary of a run without a comparison', () => {
    const lines = measureNotes(head);
    expect(lines[1]).toMatch(
      /^Warning: "hello" did not deliver its rate \(3 of 3 runs; run 1 sent 4750 req\/s/,
    );
  });

  it('passes when the run delivered its share', () => {
    const ok = withRuns(head, { rate: { ...BEHIND, achieved: 19_500, dropped: 5000 } });
    const c = compareRecords(base, ok);
    expect(c.notes.some((n) => n.code === 'rate-not-delivered')).toBe(false);
    expect(
      decideGate({
        comparison: c,
        compared: true,
        onMissing: 'pass',
        failOnInconclusive: false,
        breakage: null,
      }).failReason ?? '',
    ).not.toMatch(/measurement problem/);
  });
});
