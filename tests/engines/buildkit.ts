// BuildKit builds for tests that need build cache records: the docker CLI with
// trixie's docker-buildx plugin (scripts/provision-engines.sh buildx) against a
// harness engine, which builds with its own BuildKit and keeps the records.
// No registry is reachable: the image starts FROM scratch with busybox copied in.

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertHarnessHost } from './guard.js';
import { engineCache } from './matrix.js';

const plugin = (): string => join(engineCache(), 'buildx', 'docker-buildx');
const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'];

/** Why BuildKit builds cannot run here, or null when they can. */
export function buildKitUnavailable(): string | null {
  if (!existsSync(plugin()))
    return `docker-buildx not provisioned (${plugin()}): bash scripts/provision-engines.sh buildx`;
  if (!BUSYBOX.some(existsSync)) return 'busybox-static not installed';
  return null;
}

export interface BuildKitSpec {
  tag: string;
  /** Shell lines, one RUN each: each leaves a build cache record. */
  runs: string[];
}

/** Builds `spec` with BuildKit on the engine at `host`; resolves when the image is loaded. */
export async function buildKitBuild(host: string, spec: BuildKitSpec): Promise<void> {
  assertHarnessHost(host);
  const dir = mkdtempSync(join(tmpdir(), 'bn-buildkit-'));
  try {
    const config = join(dir, 'config');
    mkdirSync(join(config, 'cli-plugins'), { recursive: true });
    symlinkSync(plugin(), join(config, 'cli-plugins', 'docker-buildx'));
    const context = join(dir, 'context');
    mkdirSync(context);
    copyFileSync(BUSYBOX.find(existsSync)!, join(context, 'busybox'));
    const lines = ['FROM scratch', 'COPY busybox /bin/busybox'];
    for (const run of spec.runs) lines.push(`RUN ${JSON.stringify(['/bin/busybox', 'sh', '-c', run])}`);
    writeFileSync(join(context, 'Dockerfile'), `${lines.join('\n')}\n`);
    await new Promise<void>((resolve, reject) =>
      execFile(
        'docker',
        ['buildx', 'build', '--network', 'none', '-t', spec.tag, '--load', context],
        { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, DOCKER_CONFIG: config, DOCKER_HOST: host } },
        (err, _stdout, stderr) => (err ? reject(new Error(`buildx build ${spec.tag} failed: ${stderr}`)) : resolve()),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
