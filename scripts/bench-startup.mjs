// `npm run bench:startup [-- CLI.js ...]`: how long `perfgate --help` takes to start, against a
// bare `node -e 0`, as medians of interleaved runs (interleaving spreads a busy machine's noise
// over every command alike). The difference is what the bundle itself costs at start-up.
import { spawnSync } from 'node:child_process';

const clis = process.argv.slice(2).length ? process.argv.slice(2) : ['dist/cli.js'];
const commands = [['node -e 0', ['-e', '0']], ...clis.map((c) => [`${c} --help`, [c, '--help']])];
const reps = 21;
const times = new Map(commands.map(([name]) => [name, []]));
for (let i = 0; i < reps; i += 1) {
  for (const [name, args] of commands) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${name} exited with ${r.status}`);
    times.get(name).push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = median(times.get('node -e 0'));
for (const [name, xs] of times) {
  const m = median(xs);
  const extra = name === 'node -e 0' ? '' : ` (bundle: +${(m - bare).toFixed(0)} ms)`;
  console.log(`${name.padEnd(40)} median ${m.toFixed(0)} ms of ${reps}${extra}`);
}
