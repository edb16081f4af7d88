import { createHash } from 'node:crypto';
import os from 'node:os';
import type { MachineInfo } from '../record/record.ts';

/** Describes this machine; the fingerprint changes when numbers stop being comparable. */
export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  const cpuModel = (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim();
  const cores = Math.max(1, cpus.length);
  const os_ = `${os.platform()} ${os.release()}`;
  const nodeMajor = process.versions.node.split('.')[0] ?? '';
  const fingerprint = createHash('sha256')
    .update([cpuModel, cores, os.platform(), os.arch(), nodeMajor].join('|'))
    .digest('hex')
    .slice(0, 16);
  return {
    cpuModel,
    cores,
    memoryBytes: os.totalmem(),
    os: os_,
    arch: os.arch(),
    node: process.versions.node,
    fingerprint,
  };
}
