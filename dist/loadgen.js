import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/load/worker.ts
function send(message) {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, void 0, {}, () => resolve());
  });
}
async function engineFor(job) {
  if (job.workload.client !== "autocannon") {
    const native = await import("./chunk-3WRRRGXT.js");
    if (native.nativeEngineFits(job)) {
      const c = await import("./chunk-74O7UKEX.js");
      const request = job.cClient === false ? null : c.cClientRequest(job);
      const binary = request ? c.cClientBinary() : null;
      if (request && binary) {
        return { client: "c", run: (j, progress) => c.runCClient(j, binary, request, progress) };
      }
      return { client: "javascript", run: native.runNativeLoadJob };
    }
  }
  return { client: "autocannon", run: (await import("./chunk-O6T3K5BK.js")).runLoadJob };
}
if (!process.send) {
  console.error("perfgate loadgen: start me with an IPC channel (perfgate starts me itself)");
  process.exit(2);
}
process.on("disconnect", () => process.exit(0));
process.on("message", (message) => {
  if (message?.type !== "job") {
    void send({ type: "error", message: `unexpected message ${JSON.stringify(message)}` }).then(
      () => process.exit(1)
    );
    return;
  }
  const job = message.job;
  engineFor(job).then(async ({ client, run }) => {
    const result = await run(job, (progress) => void send({ type: "progress", progress }));
    return send({ type: "result", result: { ...result, client } });
  }).catch(
    (err) => send({ type: "error", message: err instanceof Error ? err.message : String(err) })
  );
});
