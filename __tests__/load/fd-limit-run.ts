// Runs one short closed-model load run against the URL given as argv[2] with argv[3]
// connections and prints its LoadResult as JSON, or `{"error": message}`. fd-limit.test.ts
// starts it under a lowered open-files limit.
import { createLoadRunner } from '../../src/load/load-runner.ts';
import { workload } from './servers.ts';

const [url, connections] = process.argv.slice(2);
const runner = createLoadRunner();
try {
  const w = workload([{ method: 'GET', path: '/' }], {
    connections: Number(connections),
    durationMs: 1000,
  });
  const r = await runner.run(w, { baseUrl: url as string, cpus: null });
  console.log(JSON.stringify(r));
} catch (err) {
  console.log(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
} finally {
  await runner.close?.();
}
