// Entry of the load generator process (bundled as dist/loadgen.js). It waits for one job on
// the IPC channel, runs it, sends progress and the result back, and exits. See protocol.ts.
import { runLoadJob } from './autocannon-engine.ts';
import { nativeEngineFits, runNativeLoadJob } from './native-engine.ts';
import type { ParentMessage, WorkerMessage } from './protocol.ts';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

if (!process.send) {
  console.error('perfgate loadgen: start me with an IPC channel (perfgate starts me itself)');
  process.exit(2);
}

// The parent died or gave up: nothing left to report to.
process.on('disconnect', () => process.exit(0));

process.once('message', (message: ParentMessage) => {
  if (message?.type !== 'job') {
    void send({ type: 'error', message: `unexpected message ${JSON.stringify(message)}` }).then(
      () => process.exit(1),
    );
    return;
  }
  const job = message.job;
  const native = job.workload.client !== 'autocannon' && nativeEngineFits(job);
  const run = native ? runNativeLoadJob : runLoadJob;
  run(job, (progress) => void send({ type: 'progress', progress }))
    .then((result) => send({ type: 'result', result }))
    .catch((err: unknown) =>
      send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => {
      process.disconnect();
      process.exit(0);
    });
});
