import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

// Where each workload is written in the config file, so an annotation can point at its line.
// Pure: takes the file's text (YAML or JSON, which YAML parses too).

/** Line numbers (1-based) of a config's workloads by name, and of its `workloads:` key. */
export interface ConfigLines {
  workloads: Map<string, number>;
  /** The `workloads` key's line, or 1. */
  section: number;
}

/** Finds each workload's line; an unparsable text gives no lines (annotations then point at line 1). */
export function findConfigLines(text: string): ConfigLines {
  const counter = new LineCounter();
  const lines: ConfigLines = { workloads: new Map(), section: 1 };
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length || !isMap(doc.contents)) return lines;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'workloads');
  if (!pair) return lines;
  const at = (offset: number | undefined) =>
    offset === undefined ? 1 : counter.linePos(offset).line;
  if (isScalar(pair.key)) lines.section = at(pair.key.range?.[0]);
  if (!isSeq(pair.value)) return lines;
  for (const item of pair.value.items) {
    if (!isMap(item)) continue;
    const name = item.get('name');
    if (typeof name === 'string' && !lines.workloads.has(name)) {
      lines.workloads.set(name, at(item.range?.[0]));
    }
  }
  return lines;
}
