// Number formatting shared by every report. Pure.

/** Microseconds as "412 µs", "1.23 ms" or "2.4 s". */
export function formatLatencyUs(us: number): string {
  if (!Number.isFinite(us)) return '–';
  if (us < 1000) return `${us.toFixed(us < 10 ? 1 : 0)} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
  return `${(us / 1_000_000).toFixed(2)} s`;
}

/** Requests per second with thousands separators. */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return '–';
  return perSec >= 100 ? Math.round(perSec).toLocaleString('en-US') : perSec.toFixed(1);
}

/** Bytes as "512 B", "3.4 KiB", "81.2 MiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

/** A fraction as a percentage: 0.0312 -> "3.1%". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** CPU milliseconds per request: "0.042 ms". */
export function formatCpuMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  return `${ms < 1 ? ms.toFixed(3) : ms.toFixed(2)} ms`;
}
