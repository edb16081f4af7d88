// `perfgate baselines show` on a directory store holding 20 records of the config: the trend of
// every workload and metric, oldest first, with commits and dates.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDirectoryStore } from '../../src/baseline/directory-store.ts';
import { loadRunConfig } from '../../src/config/load-run-config.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { fakeSha, makeRecord } from '../helpers/records.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-show-'));
const config = path.join(dir, 'perfgate.yml');
writeFileSync(
  config,
  `server: { command: node server.js, ready: { port: 3000 } }
baseline: { dir: store }
workloads:
  - { name: hello, path: / }
  - { name: create user, method: POST, path: /user }
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perfgate baselines show', () => {
  it('prints the trend of 20 stored records per workload and metric', async () => {
    const { hash } = await loadRunConfig(config);
    const store = createDirectoryStore({ dir: path.join(dir, 'store') });
    for (let i = 0; i < 20; i += 1) {
      // Requests per second climb steadily over the 20 commits of main.
      const runs = [1000 + i * 10, 1002 + i * 10, 998 + i * 10];
      await store.save(
        makeRecord({
          configHash: hash,
          workloads: { hello: runs, 'create user': runs },
          commit: fakeSha(i + 1),
          createdAt: new Date(Date.UTC(2026, 10, 1 + i, 12)),
        }),
      );
    }
    const r = await runCliInProcess(['baselines', 'show', '--config', config]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^Trend of 20 stored records in .*2026-11-01 to 2026-11-20, oldest first/,
    );
    for (const name of ['hello', 'create user']) expect(r.out).toContain(`\n${name}\n`);
    // Oldest first: the first commit's row comes before the last one's.
    expect(r.out.indexOf(fakeSha(1).slice(0, 7))).toBeLessThan(
      r.out.indexOf(fakeSha(20).slice(0, 7)),
    );
    expect(r.out).toMatch(/req\/s +▁[▁-█]{18}█ {2}1,000 to 1,190, \+19\.0% oldest to newest/);
    const last5 = await runCliInProcess(['baselines', 'show', '--last', '5', '--config', config]);
    expect(last5.out).toMatch(/^Trend of 5 stored records/);
  });

  it('says so when the store is empty', async () => {
    const empty = path.join(dir, 'empty.yml');
    writeFileSync(
      empty,
      `server: { command: node x.js, ready: { port: 1 } }\nbaseline: { dir: none }\nworkloads: [{ name: a, path: / }]\n`,
    );
    const r = await runCliInProcess(['baselines', 'show', '--config', empty]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^no baselines for this config/);
  });
});
