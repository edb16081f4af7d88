import { canonicalJson } from '../config/hash.ts';
import { DEFAULT_THRESHOLDS, GATED_METRICS } from '../config/resolve.ts';
import type { Thresholds } from '../config/resolve.ts';
import type { ResultsRecord } from '../record/record.ts';

// Reads what a comparison needs from the resolved config stored in a record. The record schema
// keeps `config` as an open object (it is the config of whatever version wrote it), so every
// read is defensive: a missing or odd value falls back to the defaults, it never throws.

/** The workloads array of a record's stored config, as plain objects. */
function storedWorkloads(record: ResultsRecord): Record<string, unknown>[] {
  const list = record.config.workloads;
  if (!Array.isArray(list)) return [];
  return list.filter((w): w is Record<string, unknown> => typeof w === 'object' && w !== null);
}

/** The stored config of one workload, or null. */
function storedWorkload(record: ResultsRecord, name: string): Record<string, unknown> | null {
  return storedWorkloads(record).find((w) => w.name === name) ?? null;
}

/** Tolerances of a workload from the record's config; DEFAULT_THRESHOLDS for anything absent. */
export function workloadThresholds(record: ResultsRecord, name: string): Thresholds {
  const out: Thresholds = { ...DEFAULT_THRESHOLDS };
  const stored = storedWorkload(record, name)?.thresholds;
  if (typeof stored !== 'object' || stored === null) return out;
  for (const m of GATED_METRICS) {
    const v = (stored as Record<string, unknown>)[m];
    if (v === null) out[m] = null;
    else if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[m] = v;
  }
  return out;
}

/**
 * What differs between two stored configs, as short phrases: the top-level fields, and for
 * `workloads` the names of the workloads whose settings differ. Cheap: canonical JSON compares.
 */
export function configDifferences(a: ResultsRecord, b: ResultsRecord): string[] {
  const keys = [...new Set([...Object.keys(a.config), ...Object.keys(b.config)])].sort();
  const out: string[] = [];
  for (const key of keys) {
    if (canonicalJson(a.config[key]) === canonicalJson(b.config[key])) continue;
    if (key !== 'workloads') {
      out.push(key);
      continue;
    }
    const names = new Set(
      [...storedWorkloads(a), ...storedWorkloads(b)].map((w) => String(w.name)),
    );
    const changed = [...names].filter(
      (n) => canonicalJson(storedWorkload(a, n)) !== canonicalJson(storedWorkload(b, n)),
    );
    out.push(
      changed.length
        ? `workloads (${changed.map((n) => `"${n}"`).join(', ')})`
        : 'workloads (order)',
    );
  }
  return out;
}
