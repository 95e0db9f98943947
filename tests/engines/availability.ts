// Whether this machine can run a private engine, and if not, exactly what to install.
import { accessSync, constants, openSync, readSync, closeSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { BUSYBOX } from './fixtures.js';
import { docker26Dir, matrixEntry, trixieRoot, type EngineName } from './matrix.js';

export type Availability = { ok: true } | { ok: false; reason: string };

// dockerd and friends live in sbin, which a non-login PATH may lack.
const SEARCH = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];

function findBinary(name: string): string | undefined {
  for (const dir of SEARCH) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** 'static' | 'dynamic' | 'missing': a FROM scratch image can only run a static binary. */
function linkage(path: string): 'static' | 'dynamic' | 'missing' {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return 'missing';
  }
  try {
    // ELF64 little-endian: program headers at e_phoff (0x20), e_phentsize (0x36),
    // e_phnum (0x38). A PT_INTERP (3) header means it needs a dynamic loader.
    const eh = Buffer.alloc(64);
    readSync(fd, eh, 0, 64, 0);
    if (eh.readUInt32BE(0) !== 0x7f454c46 || eh[4] !== 2) return 'dynamic'; // not ELF64: treat as unusable
    const phoff = Number(eh.readBigUInt64LE(0x20));
    const phentsize = eh.readUInt16LE(0x36);
    const phnum = eh.readUInt16LE(0x38);
    const ph = Buffer.alloc(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    for (let i = 0; i < phnum; i++) if (ph.readUInt32LE(i * phentsize) === 3) return 'dynamic';
    return 'static';
  } finally {
    closeSync(fd);
  }
}

/**
 * BARNACLE_SKIP_ENGINES=all | a family (docker, podman) | engine names (docker26-classic,podman54);
 * BARNACLE_ENGINES=names or families: only those (for a quick run while developing).
 */
function skippedByEnv(name: EngineName): boolean {
  const words = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean);
  const names = (list: string[]) => list.includes(name) || list.includes(matrixEntry(name).family);
  const skip = words(process.env.BARNACLE_SKIP_ENGINES);
  const only = words(process.env.BARNACLE_ENGINES);
  return names(skip) || skip.includes('all') || (only.length > 0 && !names(only));
}

const PROVISION = 'bash scripts/provision-engines.sh';

export function engineAvailability(name: EngineName): Availability {
  const kind = matrixEntry(name).family;
  if (skippedByEnv(name)) return { ok: false, reason: 'left out by BARNACLE_SKIP_ENGINES / BARNACLE_ENGINES' };
  if (process.platform !== 'linux') return { ok: false, reason: `needs Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) {
    return {
      ok: false,
      reason: 'needs root: the harness starts its own engine daemons (run the tests as root, e.g. in CI or a VM)',
    };
  }
  if (name.startsWith('docker26') && !existsSync(`${docker26Dir()}/.complete`)) {
    return { ok: false, reason: `Docker 26 is not provisioned in ${docker26Dir()} — ${PROVISION} docker26` };
  }
  if (name === 'podman54') {
    if (!existsSync(`${trixieRoot()}/.complete`)) {
      return { ok: false, reason: `the trixie root is not provisioned in ${trixieRoot()} — ${PROVISION} podman5` };
    }
    if (!findBinary('unshare')) return { ok: false, reason: 'unshare not found — apt-get install util-linux' };
  }
  const needed: Array<[string, string]> =
    name === 'podman54'
      ? [['runc', 'runc']] // the rest lives in the trixie root
      : kind === 'docker'
        ? [
            ['dockerd', 'docker.io'],
            ['containerd', 'containerd'],
            ['runc', 'runc'],
          ]
        : [
            ['podman', 'podman'],
            ['conmon', 'conmon'],
          ];
  for (const [bin, pkg] of needed) {
    if (!findBinary(bin)) return { ok: false, reason: `${bin} not found — apt-get install ${pkg}` };
  }
  if (name === 'podman43' && !findBinary('runc') && !findBinary('crun')) {
    return { ok: false, reason: 'neither runc nor crun found — apt-get install runc' };
  }
  const busybox = linkage(BUSYBOX);
  if (busybox === 'missing') return { ok: false, reason: `${BUSYBOX} not found — apt-get install busybox-static` };
  if (busybox === 'dynamic') {
    return { ok: false, reason: `${BUSYBOX} is dynamically linked (package busybox) — apt-get install busybox-static` };
  }
  return { ok: true };
}
