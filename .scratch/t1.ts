import { z } from 'zod';
import { configSchema } from '../src/config/schema.ts';
const r = configSchema.safeParse({ server: { command: 'x', ready: { port: 1 } }, defaults: {duraton: '1s'}, thresholds: {p99: 'ten'}, workloads: [{ name: 'a', path: '/', method: 'FETCH' }, {name: 'b', steps: [{path: 'x'}], paht: 1}, {name: 'c'}] }, { reportInput: true });
console.log(JSON.stringify(r.error?.issues, null, 1));
const js = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
console.log(JSON.stringify(js).slice(0, 1500));
