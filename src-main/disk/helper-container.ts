// The engine's storage measured from inside the engine's own machine, for an
// engine in a VM or on another computer, where the person allowed it: one
// short-lived container on the engine runs busybox du and df over the data root
// mounted read-only, and is always removed. Everything goes through the engine
// API (the connection Barnacle already has); nothing is pulled: the image must
// be on the engine already.
//
// The container: no network, read-only root filesystem, every capability
// dropped but DAC_READ_SEARCH (du must list and stat folders other users own,
// e.g. a volume's files; checked live in tests/integration/helper-measure.test.ts),
// no-new-privileges, a label saying what it is, a random name. Its command is a
// fixed argv: no value a person typed reaches it (the image is the container's
// Image, the data root the source of a bind).
//
// du -k and df -k count KiB: the figures are whole KiB, rounded by busybox.

import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { EngineStorage } from '../../src-shared/disk-levels';
import type { EngineKind, ImageStore } from '../../src-shared/model';

export const HELPER_LABEL = 'org.barnacle.helper';
export const HELPER_LABEL_VALUE = 'measure-storage';
export const HELPER_MOUNT = '/barnacle-root';

/**
 * The container's command: du (this filesystem only, KiB) then df (POSIX format, KiB) of
 * the mount. A fixed string: `/bin/busybox` is in the busybox image and in Alpine, and
 * calling it by path needs no applet links (tests' FROM scratch image has none).
 */
export const HELPER_COMMAND: readonly string[] = [
  '/bin/busybox',
  'sh',
  '-c',
  `/bin/busybox du -s -k -x ${HELPER_MOUNT}; /bin/busybox df -k -P ${HELPER_MOUNT}`,
];

export interface DemuxedLogs {
  stdout: string;
  stderr: string;
}

/**
 * The engine's log stream for a container without a TTY: frames of an 8-byte
 * header (stream 0 stdin, 1 stdout, 2 stderr; three zero bytes; a big-endian
 * length) and that many bytes. Docker and Podman's compat API frame alike
 * (checked live on both). A buffer that does not start like a frame is taken as
 * plain stdout (a TTY container's raw stream); a truncated last frame keeps what
 * arrived.
 */
export function demultiplexLogs(buffer: Buffer): DemuxedLogs {
  const looksFramed = buffer.length >= 8 && buffer[0]! <= 2 && buffer[1] === 0 && buffer[2] === 0 && buffer[3] === 0;
  if (!looksFramed) return { stdout: buffer.toString('utf8'), stderr: '' };
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buffer.length) {
    const stream = buffer[at]!;
    const size = buffer.readUInt32BE(at + 4);
    const body = buffer.subarray(at + 8, Math.min(buffer.length, at + 8 + size));
    (stream === 2 ? err : out).push(body);
    at += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

export interface HelperFigures {
  /** du -s -k: KiB allocated below the mount, times 1024. */
  allocatedBytes: number;
  /** df -k -P: Available and 1024-blocks, times 1024. */
  filesystemFreeBytes: number | null;
  filesystemTotalBytes: number | null;
  /** Lines du and df wrote to stderr (du names each entry it could not read). */
  unreadable: number;
}

const KiB = 1024;

/**
 * du's and df's output as the helper prints it. du: "<KiB>\t/barnacle-root". df -P:
 * a header, then "<fs> <1024-blocks> <used> <available> <capacity>% <mounted on>"
 * (read from the end, as a filesystem's name may hold spaces). Null without du's line:
 * then nothing was measured. df missing or malformed leaves the filesystem unknown.
 */
export function parseHelperOutput(stdout: string, stderr: string): HelperFigures | null {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim());
  let allocatedKiB: number | null = null;
  let free: number | null = null;
  let total: number | null = null;
  for (const line of lines) {
    const du = /^(\d+)\s+(\/\S*)$/.exec(line);
    if (du && du[2] === HELPER_MOUNT && allocatedKiB === null) {
      allocatedKiB = Number(du[1]);
      continue;
    }
    const df = /\s(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+\/\S*$/.exec(line);
    if (df && total === null) {
      total = Number(df[1]) * KiB;
      free = Number(df[3]) * KiB;
    }
  }
  if (allocatedKiB === null || !Number.isSafeInteger(allocatedKiB * KiB)) return null;
  const safe = (n: number | null) => (n !== null && Number.isSafeInteger(n) ? n : null);
  return {
    allocatedBytes: allocatedKiB * KiB,
    filesystemFreeBytes: safe(free),
    filesystemTotalBytes: safe(total),
    unreadable: stderr.split(/\r?\n/).filter((l) => l.trim() !== '').length,
  };
}

/** The command that brings the image, as the person would type it for this engine. */
export function pullCommandOf(kind: EngineKind, image: string): string {
  return `${kind === 'podman' ? 'podman' : 'docker'} pull ${image}`;
}

export interface HelperRun {
  docker: Docker;
  engine: { kind: EngineKind; imageStore: ImageStore };
  image: string;
  /** The engine's data root, as /info names it: the bind's source, on the engine's machine. */
  root: string;
  /** The time the helper may run, from its start to its logs; then it is killed and removed. */
  budgetMs: number;
  now?: () => number;
  signal?: AbortSignal;
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | null)?.statusCode;
}

class HelperTimeout extends Error {}

/** How long the image check and the create may take each (an engine that hangs must not hang the Overview). */
const CALL_TIMEOUT_MS = 15_000;

/** Resolves with the promise's value, or rejects with HelperTimeout after `ms` (or on abort). */
function within<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(new HelperTimeout()));
    const timer = setTimeout(onAbort, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    let done = false;
    function finish(then: () => void) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      then();
    }
    promise.then(
      (v) => finish(() => resolve(v)),
      (e: unknown) => finish(() => reject(e as Error)),
    );
  });
}

/**
 * Runs the helper once and answers the storage level: measured via
 * 'helper-container', or unknown with why. Never throws; the container it made is
 * removed (forced) before it answers, whatever happened.
 */
export async function measureWithHelper(run: HelperRun): Promise<EngineStorage> {
  const now = run.now ?? Date.now;
  const started = now();
  const { docker, image, root } = run;

  try {
    await within(docker.getImage(image).inspect(), CALL_TIMEOUT_MS, run.signal);
  } catch (err) {
    if (statusOf(err) === 404)
      return {
        state: 'unknown',
        reason: 'helper-image-missing',
        helperImage: image,
        pullCommand: pullCommandOf(run.engine.kind, image),
      };
    return { state: 'unknown', reason: err instanceof HelperTimeout ? 'helper-timeout' : 'helper-failed' };
  }

  let container: Docker.Container | null = null;
  let creating: Promise<Docker.Container> | null = null;
  try {
    creating = docker.createContainer({
      name: `barnacle-measure-${randomBytes(6).toString('hex')}`,
      Image: image,
      Entrypoint: [HELPER_COMMAND[0]!],
      Cmd: HELPER_COMMAND.slice(1),
      User: '0:0',
      Labels: { [HELPER_LABEL]: HELPER_LABEL_VALUE },
      NetworkDisabled: true,
      StopTimeout: 1,
      HostConfig: {
        Binds: [`${root}:${HELPER_MOUNT}:ro`],
        NetworkMode: 'none',
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        CapAdd: ['DAC_READ_SEARCH'],
        SecurityOpt: ['no-new-privileges'],
      },
    });
    container = await within(creating, CALL_TIMEOUT_MS, run.signal);
    const made = container;
    const answer = await within(
      (async () => {
        await made.start();
        const exit = (await made.wait()) as { StatusCode?: number };
        const logs = (await made.logs({ stdout: true, stderr: true, follow: false })) as unknown;
        return { exit, logs: Buffer.isBuffer(logs) ? logs : Buffer.from(String(logs)) };
      })(),
      run.budgetMs,
      run.signal,
    );
    const { stdout, stderr } = demultiplexLogs(answer.logs);
    const figures = parseHelperOutput(stdout, stderr);
    if (!figures) return { state: 'unknown', reason: 'helper-failed' };
    const done = now();
    return {
      state: 'measured',
      via: 'helper-container',
      helperImage: image,
      root,
      allocatedBytes: figures.allocatedBytes,
      entries: null,
      unreadable: figures.unreadable,
      partial: false,
      filesystemFreeBytes: figures.filesystemFreeBytes,
      filesystemTotalBytes: figures.filesystemTotalBytes,
      imagesOutsideRoot: run.engine.imageStore === 'containerd',
      measuredAt: done,
      tookMs: done - started,
    };
  } catch (err) {
    return { state: 'unknown', reason: err instanceof HelperTimeout ? 'helper-timeout' : 'helper-failed' };
  } finally {
    if (container) await removeHelper(container);
    // A create that answered after its time: what it made is removed once it answers (bounded too).
    else if (creating)
      await within(creating, CALL_TIMEOUT_MS)
        .then(removeHelper)
        .catch(() => undefined);
  }
}

/** Kill (Podman's forced remove would first wait for the stop timeout), then remove with its anonymous volumes. */
async function removeHelper(container: Docker.Container): Promise<void> {
  await container.kill().catch(() => undefined);
  await container.remove({ force: true, v: true }).catch(() => undefined);
}
