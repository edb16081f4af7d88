// Entry of the load generator process (bundled as dist/loadgen.js). It runs the jobs that come
// on the IPC channel one after another, sends progress and each result back, and exits when
// the channel closes. See protocol.ts. The engines are loaded when a job first needs them:
// the built-in client never pays for loading autocannon.
import type { LoadJob, ParentMessage, WorkerMessage } from './protocol.ts';
import type { LoadClientKind, LoadProgress, LoadResult } from './types.ts';

type Run = (job: LoadJob, onProgress: (p: LoadProgress) => void) => Promise<LoadResult>;
interface Engine {
  client: LoadClientKind;
  run: Run;
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/**
 * The engine that runs `job`: the built-in client where it fits (its C build for one fixed
 * request where it can be had, see c-client.ts), else autocannon.
 */
async function engineFor(job: LoadJob): Promise<Engine> {
  if (job.workload.client !== 'autocannon') {
    const native = await import('./native-engine.ts');
    if (native.nativeEngineFits(job)) {
      const c = await import('./c-client.ts');
      const request = job.cClient === false ? null : c.cClientRequest(job);
      const binary = request ? c.cClientBinary() : null;
      if (request && binary) {
        return { client: 'c', run: (j, progress) => c.runCClient(j, binary, request, progress) };
      }
      return { client: 'javascript', run: native.runNativeLoadJob };
    }
  }
  return { client: 'autocannon', run: (await import('./autocannon-engine.ts')).runLoadJob };
}

if (!process.send) {
  console.error('perfgate loadgen: start me with an IPC channel (perfgate starts me itself)');
  process.exit(2);
}

// The parent died, gave up or closed the session: nothing left to report to.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: ParentMessage) => {
  if (message?.type !== 'job') {
    void send({ type: 'error', message: `unexpected message ${JSON.stringify(message)}` }).then(
      () => process.exit(1),
    );
    return;
  }
  const job = message.job;
  engineFor(job)
    .then(async ({ client, run }) => {
      const result = await run(job, (progress) => void send({ type: 'progress', progress }));
      return send({ type: 'result', result: { ...result, client } });
    })
    .catch((err: unknown) =>
      send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
});
