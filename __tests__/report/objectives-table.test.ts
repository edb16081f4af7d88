// The objectives table: met, broken, not measured, and not checked (a duet's shared machine).
import { describe, expect, it } from 'vitest';
import { renderObjectivesTable } from '../../src/report/objectives-table.ts';
import { checkObjectives, DUET_UNCHECKED } from '../../src/verdict/objectives.ts';
import { makeRecord } from '../helpers/records.ts';

describe('objectives', () => {
  const record = makeRecord({ workloads: { hello: [1000, 1100] } });
  const workloads = [{ name: 'hello', objectives: { throughput: 900, errors: 0.01 } }];

  it('checks every objective on a run of its own', () => {
    const results = checkObjectives(workloads, record);
    expect(results.map((r) => r.met)).toEqual([true, true]);
    expect(renderObjectivesTable(results)).toContain('🟢 met');
  });

  it('in a duet, leaves requests/s and latency unchecked and says why', () => {
    const results = checkObjectives(workloads, record, { duet: true });
    const throughput = results.find((r) => r.metric === 'throughput');
    expect(throughput).toMatchObject({ met: null, unchecked: DUET_UNCHECKED, value: 1050 });
    expect(results.find((r) => r.metric === 'errors')?.met).toBe(true);
    const table = renderObjectivesTable(results);
    expect(table).toContain('⚪ not checked (duet)');
    expect(table).toContain('🟢 met');
  });
});
