// The readiness probe behind `ready.url`: any HTTP answer counts, also from servers whose
// responses are loose about line ends or the reason phrase; anything else is "not yet".
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeUrl } from '../../src/server/wait-until-ready.ts';
import { freePort } from '../helpers/ports.ts';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A TCP server on 127.0.0.1 that answers every request's bytes with `answer`, then closes. */
async function answering(answer: string): Promise<string> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end(answer));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return `http://127.0.0.1:${port}/health`;
}

describe('probeUrl', () => {
  it.each([
    ['a standard answer', 'HTTP/1.1 204 No Content\r\n\r\n', 204],
    ['no reason phrase', 'HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok', 200],
    ['lines ended by a bare LF', 'HTTP/1.1 200 OK\nContent-Length: 2\n\nok', 200],
    ['a 503 while starting up', 'HTTP/1.0 503 Service Unavailable\r\n\r\n', 503],
  ])('reads the status of %s', async (_what, answer, status) => {
    expect(await probeUrl(await answering(answer))).toBe(status);
  });

  it('gives null for an answer that is not HTTP', async () => {
    expect(await probeUrl(await answering('SSH-2.0-OpenSSH_9.2\r\n'))).toBeNull();
  });

  it('gives null for a refused connection', async () => {
    expect(await probeUrl(`http://127.0.0.1:${await freePort()}/`)).toBeNull();
  });
});
