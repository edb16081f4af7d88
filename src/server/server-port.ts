// Gives the server its port: picks a free one for `port: auto` and fills in {{port}}.
import net from 'node:net';
import type { ResolvedServer } from '../config/resolve.ts';
import { fillPlaceholders } from '../config/placeholders.ts';

/** A TCP port on `host` that was free a moment ago (the OS picks it for a port-0 listener). */
export function pickFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The spec with `{{port}}` replaced in command, env values, ready.url and url, after picking a
 * free port when `spec.port` is 'auto'. Unchanged when no port is configured.
 */
export async function assignPort(spec: ResolvedServer): Promise<ResolvedServer> {
  if (spec.port === null) return spec;
  const port = spec.port === 'auto' ? await pickFreePort() : spec.port;
  const fill = (text: string) => fillPlaceholders(text, { port: String(port) });
  return {
    ...spec,
    port,
    command: spec.command === null ? null : fill(spec.command),
    env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, fill(v)])),
    ready: spec.ready.kind === 'url' ? { ...spec.ready, url: fill(spec.ready.url) } : spec.ready,
    url: fill(spec.url),
  };
}
