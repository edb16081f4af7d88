// `perfgate run` against a server that is not Node: Python's standard-library HTTP server
// (fixtures/servers/python_server.py), with keep-alive HTTP/1.1, with HTTP/1.0 (a connection per
// request), and with bodies framed by the end of the connection. Plain requests, HEAD, and a
// sequence with captures from a JSON body and a header, through both load clients.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resultsRecordSchema } from '../../src/record/record.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/fixture-server.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const SERVER = path.join(REPO_ROOT, 'fixtures/servers/python_server.py');

function config(env: string, client: string): string {
  return `server:
  command: python3 ${JSON.stringify(SERVER)}
  port: auto
  env: { PORT: '{{port}}'${env} }
  ready: { log: 'listening on http://127.0.0.1', timeout: 15s }
defaults: { client: ${client}, connections: 3, requests: 60, runs: 2, warmup: 0, timeout: 5s }
workloads:
  - name: json
    path: /json
    expect: { body: python }
  - name: crud
    steps:
      - method: POST
        path: /items
        body: { name: perfgate }
        expect: { status: 201 }
        capture: { id: body.id, loc: headers.location }
      - method: GET
        path: '/items/{{id}}'
        headers: { x-from: '{{loc}}' }
        expect: { body: perfgate }
      - { method: DELETE, path: '/items/{{id}}', expect: { status: 204 } }
`;
}

const HEAD = `  - name: head
    method: HEAD
    path: /
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-python-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => expectNoChildProcesses());

describe('perfgate run against a Python server', () => {
  it.each([
    ['HTTP/1.1 keep-alive', 'auto', ''],
    ['HTTP/1.0, a connection per request', 'auto', ", HTTP_VERSION: 'HTTP/1.0'"],
    ['bodies ended by closing the connection', 'auto', ', BODY_MODE: close'],
    ['HTTP/1.1 keep-alive', 'autocannon', ''],
  ])(
    '%s, %s client: every request answered, no errors',
    async (_what, client, env) => {
      const file = path.join(dir, `pg-${client}-${env.length}.yml`);
      // autocannon waits for a HEAD response's body, so HEAD runs on the built-in client only.
      await writeFile(file, config(env, client) + (client === 'auto' ? HEAD : ''));
      const out = path.join(dir, `results-${client}-${env.length}.json`);
      const r = await runCli(['run', '--config', file, '--out', out, '--seed', '3'], {
        cwd: dir,
        timeoutMs: 120_000,
      });
      expect(r.code, r.err).toBe(0);
      const record = resultsRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
      expect(record.workloads.map((w) => w.name)).toEqual(
        client === 'auto' ? ['json', 'crud', 'head'] : ['json', 'crud'],
      );
      // The kernel counts CPU time in 10 ms ticks, and 60 requests to this server can take
      // less than one: a single run may read 0, the whole record cannot.
      let serverCpuMs = 0;
      for (const w of record.workloads) {
        for (const run of w.runs) {
          const where = `${w.name} run ${run.index}`;
          expect(run.requests, where).toBe(60);
          expect(run.errors, where).toEqual({
            connection: 0,
            timeout: 0,
            status: 0,
            body: 0,
            protocol: 0,
            incomplete: 0,
          });
          expect(run.reqPerSec, where).toBeGreaterThan(0);
          expect(run.cpuMsPerRequest, where).toBeGreaterThanOrEqual(0);
          serverCpuMs += (run.cpuMsPerRequest ?? 0) * run.requests;
        }
      }
      expect(serverCpuMs).toBeGreaterThan(0);
    },
    130_000,
  );
});
