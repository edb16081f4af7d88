// nginx for the load-client benchmarks: one worker, access log off, a small static file,
// pinned to a CPU, in a temporary prefix. A server faster per request than any Node client
// here, so the benchmark measures the client. Needs nginx (Debian: `apt-get install -y nginx`).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const NGINX = ['/usr/sbin/nginx', 'nginx'].find((p) => !spawnSync(p, ['-v']).error);

/** Exits with a message naming the package when a tool is missing. */
export function requireTools(tools) {
  const missing = [];
  if (tools.includes('nginx') && !NGINX) missing.push('nginx');
  if (tools.includes('wrk') && spawnSync('wrk', ['--version']).error) missing.push('wrk');
  if (missing.length) {
    console.error(
      `missing: ${missing.join(', ')}; install with \`sudo apt-get install -y ${missing.join(' ')}\` (Debian/Ubuntu)`,
    );
    process.exit(2);
  }
}

/** Whether two CPUs and taskset are there to keep server and load apart. */
export const PINNED = os.availableParallelism() >= 2 && !spawnSync('taskset', ['-V']).error;

/** [command, args] of `cmd args`, pinned to `cpu` when PINNED. */
export function pin(cpu, cmd, args) {
  return PINNED ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args];
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Starts nginx on CPU 0; resolves with its URL, the worker's pid and stop(). */
export async function startNginx() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-nginx-'));
  chmodSync(dir, 0o755); // the worker may run as nobody
  writeFileSync(path.join(dir, 'index.html'), 'hello world\n');
  const port = await freePort();
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  // multi_accept: a run's connections are all accepted at once; one accept per event-loop turn
  // (the default) left some of 1,000 connections unaccepted for seconds while nginx served the
  // others, which showed as multi-second latencies and incomplete requests of either client.
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `${user}
worker_processes 1;
worker_rlimit_nofile 20000;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 12000; multi_accept on; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} backlog=8192;
    root ${dir};
  }
}
`,
  );
  const [cmd, args] = pin(0, NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')]);
  const master = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) break;
    await sleep(50);
  }
  const masterPid = Number(readFileSync(path.join(dir, 'nginx.pid'), 'utf8'));
  const worker = Number(
    spawnSync('pgrep', ['-P', String(masterPid)], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')[0],
  );
  const stop = async () => {
    if (master.exitCode === null) {
      const exited = new Promise((resolve) => master.once('exit', resolve));
      process.kill(masterPid, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, worker, stop };
}
