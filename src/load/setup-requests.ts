import type { RequestSpec } from '../config/schema.ts';
import {
  applyCaptures,
  isExpectedBody,
  isExpectedStatus,
  renderParts,
  requestParts,
  type Values,
} from './request-template.ts';
import { createIterationSource } from './iteration-values.ts';
import { LoadError } from './types.ts';

/** What the setup requests need besides the steps. */
export interface SetupOptions {
  baseUrl: string;
  /** Values already known (e.g. from an earlier setup), available as {{name}}. */
  vars?: Values;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Rows of the workload's data file: each setup request takes the next one. */
  data?: Values[];
}

function describe(step: RequestSpec, i: number): string {
  return `setup[${i}] (${step.method ?? 'GET'} ${step.path})`;
}

function headersRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

async function send(step: RequestSpec, i: number, values: Values, o: SetupOptions) {
  const filled = renderParts(requestParts(step), values);
  if (filled === null) {
    throw new LoadError(
      `${describe(step, i)}: uses a {{value}} that no earlier setup step captured`,
    );
  }
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  try {
    const res = await fetch(o.baseUrl.replace(/\/+$/, '') + filled.path, {
      method: filled.method,
      headers: filled.headers,
      body: filled.body,
      signal,
    });
    return { status: res.status, body: await res.text(), headers: headersRecord(res.headers) };
  } catch (err) {
    if (o.signal?.aborted) throw new LoadError(`${describe(step, i)}: aborted`);
    const why = timeout.aborted
      ? `no response within ${o.timeoutMs} ms`
      : err instanceof Error
        ? ((err.cause as Error | undefined)?.message ?? err.message)
        : String(err);
    throw new LoadError(`${describe(step, i)}: request failed: ${why}`);
  }
}

/**
 * Makes the setup requests once, in order, outside any measurement, and returns every value
 * they captured (together with `vars`). A wrong status or body, or a capture the response
 * lacks, is a LoadError naming the step, the status and the start of the body.
 */
export async function runSetupRequests(steps: RequestSpec[], o: SetupOptions): Promise<Values> {
  const values: Values = { ...(o.vars ?? {}) };
  // Every setup request is an iteration of its own: {{seq}} counts them, rows go round.
  const iteration = createIterationSource(steps, o.data);
  for (const [i, step] of steps.entries()) {
    iteration?.begin(values);
    const res = await send(step, i, values, o);
    const excerpt = JSON.stringify(res.body.slice(0, 200));
    if (!isExpectedStatus(step, res.status)) {
      const want = step.expect?.status ?? '2xx';
      throw new LoadError(
        `${describe(step, i)}: expected status ${String(want)}, got ${res.status}; body: ${excerpt}`,
      );
    }
    if (!isExpectedBody(step, res.body)) {
      throw new LoadError(
        `${describe(step, i)}: expected the body to contain ${JSON.stringify(step.expect?.body)}; body: ${excerpt}`,
      );
    }
    if (!applyCaptures(step, res.status, res.body, res.headers, values)) {
      const missing = Object.entries(step.capture ?? {})
        .filter(([name]) => values[name] === undefined)
        .map(([name, source]) => `${name} (${source})`);
      throw new LoadError(
        `${describe(step, i)}: the response lacks ${missing.join(', ')}; status ${res.status}, body: ${excerpt}`,
      );
    }
  }
  return values;
}
