// Port helpers for tests that start real servers.
import net from 'node:net';

/**
 * A TCP port that was free a moment ago: binds port 0 on `host`, reads the port the OS chose
 * and closes again. Another process could take it in between, which is rare enough for tests.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const holder = await occupyPort(host);
  await holder.close();
  return holder.port;
}

/** A listening TCP server that holds a port until closed; accepted sockets are closed at once. */
export interface PortHolder {
  port: number;
  close(): Promise<void>;
}

/** Keeps a port busy (port 0 = any free one), e.g. to test "port already in use" errors. */
export function occupyPort(host = '127.0.0.1', port = 0): Promise<PortHolder> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
