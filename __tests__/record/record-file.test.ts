import { describe, expect, it } from 'vitest';
import { migrateRecord, UNKNOWN_TOOL_VERSION } from '../../src/record/migrate.ts';
import {
  canonicalJson,
  parseRecordText,
  recordChecksum,
  sealRecord,
  serializeRecord,
} from '../../src/record/record-file.ts';
import { makeRecord } from '../helpers/records.ts';

/** The previous ("v0") format: no `tool`, no `design`. */
function v0Shape(): Record<string, unknown> {
  const {
    tool: _tool,
    design: _design,
    checksum: _c,
    ...rest
  } = makeRecord({ workloads: { hello: [900, 910] } });
  return { ...rest, version: 0 };
}

describe('canonicalJson', () => {
  it('sorts keys at every level and ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('drops undefined properties like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe('stored record round trip', () => {
  it('seals with a checksum over everything but the checksum, and reads back the same record', () => {
    const record = makeRecord();
    const sealed = sealRecord(record);
    expect(sealed.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(recordChecksum(sealed)).toBe(sealed.checksum);
    const read = parseRecordText(serializeRecord(record), 'x.json', { requireChecksum: true });
    expect(read).toEqual({ ok: true, path: 'x.json', record: sealed, storedVersion: 1 });
  });

  it('keeps the checksum valid whatever the key order of the file', () => {
    const sealed = sealRecord(makeRecord());
    const reordered = Object.fromEntries(Object.entries(sealed).reverse());
    expect(parseRecordText(JSON.stringify(reordered), 'x.json').ok).toBe(true);
  });
});

describe('corrupt records', () => {
  const text = serializeRecord(makeRecord());

  it.each([
    ['empty', '', /empty/],
    ['truncated', text.slice(0, text.length / 2), /not valid JSON/],
    ['not an object', '[1,2]', /not a JSON object/],
    ['tampered', text.replace('"reqPerSec": 1000', '"reqPerSec": 2000'), /checksum mismatch/],
    ['other kind', JSON.stringify({ kind: 'something' }), /not a perfgate results record/],
  ])('%s -> corrupt with a reason', (_name, content, reason) => {
    const read = parseRecordText(content, '/store/a.json');
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.path).toBe('/store/a.json');
      expect(read.reason).toMatch(reason);
    }
  });

  it('a record without checksum is corrupt when the store requires one', () => {
    const bare = JSON.stringify(makeRecord());
    expect(parseRecordText(bare, 'a.json').ok).toBe(true);
    expect(parseRecordText(bare, 'a.json', { requireChecksum: true })).toMatchObject({
      ok: false,
      reason: /no checksum/,
    });
  });

  it('a newer or unknown version is refused, not guessed at', () => {
    const future = sealRecord({ ...makeRecord(), version: 7 } as never);
    expect(parseRecordText(JSON.stringify(future), 'a.json')).toMatchObject({
      ok: false,
      reason: /newer than this perfgate/,
    });
    expect(migrateRecord({ kind: 'perfgate-results', version: -1 })).toMatchObject({
      ok: false,
      reason: /unknown record version -1/,
    });
    expect(migrateRecord({ kind: 'perfgate-results', version: '1' })).toMatchObject({
      ok: false,
      reason: /not an integer/,
    });
  });

  it('a record that fails the schema names the field', () => {
    const bad = { ...makeRecord(), seed: -3 };
    const read = parseRecordText(JSON.stringify(sealRecord(bad as never)), 'a.json');
    expect(read).toMatchObject({ ok: false, reason: /seed/ });
  });
});

describe('migrations', () => {
  it('brings a v0 record to the current version and validates it', () => {
    const result = migrateRecord(v0Shape());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.from).toBe(0);
      expect(result.record.version).toBe(1);
      expect(result.record.tool).toEqual({ name: 'perfgate', version: UNKNOWN_TOOL_VERSION });
      expect(result.record.design).toBe('independent');
      expect(result.record.workloads[0]?.runs.map((r) => r.reqPerSec)).toEqual([900, 910]);
    }
  });

  it('reads a stored v0 record: checksum checked on the stored form, dropped after migration', () => {
    const stored = v0Shape();
    const text = JSON.stringify({ ...stored, checksum: recordChecksum(stored) });
    const read = parseRecordText(text, 'old.json', { requireChecksum: true });
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.storedVersion).toBe(0);
      expect(read.record.checksum).toBeUndefined();
    }
  });

  it('an invalid v0 record is reported after migration, with the version it had', () => {
    const result = migrateRecord({ ...v0Shape(), workloads: 'none' });
    expect(result).toMatchObject({ ok: false, reason: /invalid record \(version 0\): workloads/ });
  });

  it('dispatches through a custom migration table', () => {
    const table = new Map([
      [
        0,
        (raw: Record<string, unknown>) => ({
          ...raw,
          version: 1,
          tool: { name: 'perfgate', version: 'x' },
          design: 'paired',
        }),
      ],
    ]);
    expect(migrateRecord(v0Shape(), table)).toMatchObject({
      ok: true,
      record: { design: 'paired', tool: { version: 'x' } },
    });
    expect(migrateRecord(v0Shape(), new Map())).toMatchObject({
      ok: false,
      reason: /no migration to version 1/,
    });
  });
});
