#!/usr/bin/env node
// Extracts the few GitHub REST operations perfgate calls from GitHub's official OpenAPI
// description (the `@octokit/openapi` package) into fixtures/github/openapi-extract.json.
//
// The package unpacks to ~400 MB, so it is not a dependency: this script is run by hand when
// the extract should follow a newer description, and its output is committed.
//
//   node scripts/extract-openapi.mjs [path/to/unpacked/@octokit/openapi] [--out file]
//
// Without a path it runs `npm pack @octokit/openapi` into a temporary directory, unpacks it
// there, and removes the directory afterwards.
//
// The extract is a valid OpenAPI 3.0 document: the chosen operations keep their `$ref`s, and
// every component they reach (schemas, parameters, responses, examples, headers), directly or
// through other components, is copied under `components`.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operations perfgate calls: [method, path template]. */
export const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['post', '/repos/{owner}/{repo}/statuses/{sha}'],
];

const SPEC_FILE = join('generated', 'api.github.com.json');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(ROOT, 'fixtures', 'github', 'openapi-extract.json');

function parseArgs(argv) {
  const args = { pkg: undefined, out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') args.out = resolve(argv[++i] ?? '');
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node scripts/extract-openapi.mjs [unpacked @octokit/openapi dir] [--out file]',
      );
      process.exit(0);
    } else args.pkg = resolve(arg);
  }
  return args;
}

/** Downloads and unpacks @octokit/openapi into a new temporary directory. */
function downloadPackage() {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-openapi-'));
  const out = execFileSync('npm', ['pack', '@octokit/openapi', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const tarball = out.trim().split('\n').pop();
  execFileSync('tar', ['xzf', tarball], { cwd: dir });
  return { dir, pkg: join(dir, 'package') };
}

/** Follows a local JSON pointer such as `#/components/schemas/issue-comment`. */
function resolvePointer(spec, ref) {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
    if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return node;
}

/** Every `$ref` string reachable from `node`, following refs into components. */
function collectRefs(spec, node, seen = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(spec, item, seen);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        if (!seen.has(value)) {
          seen.add(value);
          collectRefs(spec, resolvePointer(spec, value), seen);
        }
      } else collectRefs(spec, value, seen);
    }
  }
  return seen;
}

/** Builds the extract document from the full description. */
export function extract(spec, operations = OPERATIONS) {
  const paths = {};
  for (const [method, path] of operations) {
    const item = spec.paths[path];
    const op = item?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the description`);
    paths[path] ??= {};
    if (item.parameters) paths[path].parameters = item.parameters;
    paths[path][method] = op;
  }
  const components = {};
  for (const ref of [...collectRefs(spec, paths)].sort()) {
    const [, section, kind, name] = ref.split('/');
    if (section !== 'components' || !kind || !name) throw new Error(`unexpected $ref ${ref}`);
    components[kind] ??= {};
    components[kind][name] = resolvePointer(spec, ref);
  }
  return {
    openapi: spec.openapi,
    info: {
      ...spec.info,
      description:
        `Extract of ${spec.info.title} ${spec.info.version} (api.github.com): only the ` +
        `operations perfgate calls, written by scripts/extract-openapi.mjs.`,
    },
    servers: spec.servers,
    paths,
    components,
  };
}

/** Formats the output like the rest of the repository, so `prettier --check .` passes. */
function formatWithPrettier(file) {
  const prettier = join(ROOT, 'node_modules', '.bin', 'prettier');
  if (!existsSync(prettier)) return;
  execFileSync(prettier, ['--config', join(ROOT, '.prettierrc.json'), '--write', file], {
    stdio: 'ignore',
  });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let tmp;
  let pkg = args.pkg;
  if (!pkg) {
    tmp = downloadPackage();
    pkg = tmp.pkg;
  }
  try {
    const spec = JSON.parse(readFileSync(join(pkg, SPEC_FILE), 'utf8'));
    const doc = extract(spec);
    mkdirSync(dirname(args.out), { recursive: true });
    const text = JSON.stringify(doc, null, 2) + '\n';
    writeFileSync(args.out, text);
    formatWithPrettier(args.out);
    const counts = Object.entries(doc.components)
      .map(([kind, entries]) => `${Object.keys(entries).length} ${kind}`)
      .join(', ');
    console.log(
      `wrote ${args.out}: ${OPERATIONS.length} operations, ${counts}, ${Math.round(text.length / 1024)} KB`,
    );
  } finally {
    if (tmp) rmSync(tmp.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
