// The engine state the screen tests look at: a running and a stopped
// container, an image with three tags, a child image, and a dangling image.

import type Dockerode from 'dockerode';
import { buildImage, resetEngine, runContainer, tagImage } from '../../engines/harness';

export interface Seeded {
  api: string;
  apiDebug: string;
  web: string;
  worker: string;
  dangling: string;
  webContainer: string;
  workerContainer: string;
}

export async function seedScreens(docker: Dockerode): Promise<Seeded> {
  await resetEngine(docker);
  const api = await buildImage(docker, {
    tag: 'barnacle-demo/api:1.4.2',
    files: { '/app/api.txt': 'api v1.4.2\n'.repeat(2000) },
    labels: { 'org.opencontainers.image.title': 'Demo API' },
  });
  await tagImage(docker, api, 'barnacle-demo/api', 'latest');
  await tagImage(docker, api, 'registry.local:5000/team/api', 'stable');
  // Built on api: api cannot go while this child exists.
  const apiDebug = await buildImage(docker, {
    tag: 'barnacle-demo/api-debug:1.4.2',
    from: 'barnacle-demo/api:1.4.2',
    runs: ['echo debug > /debug.txt'],
  });
  const web = await buildImage(docker, {
    tag: 'barnacle-demo/web:latest',
    files: { '/web/index.html': '<h1>web</h1>' },
  });
  const worker = await buildImage(docker, { tag: 'barnacle-demo/worker:2.0', runs: ['echo worker > /worker.txt'] });
  // Rebuilding a tag with new content leaves the old image dangling, as in real life.
  const dangling = await buildImage(docker, {
    tag: 'barnacle-demo/tmp:x',
    files: { '/tmp.txt': 'old\n'.repeat(5000) },
  });
  await buildImage(docker, { tag: 'barnacle-demo/tmp:x', files: { '/tmp.txt': 'new' } });
  const webContainer = await runContainer(docker, 'barnacle-demo/web:latest', {
    name: 'web-1',
    running: true,
    labels: { 'com.docker.compose.project': 'shop' },
  });
  const workerContainer = await runContainer(docker, 'barnacle-demo/worker:2.0', {
    name: 'worker-old',
    running: false,
  });
  return { api, apiDebug, web, worker, dangling, webContainer, workerContainer };
}

/** What `docker images` would list: one row per tag, one per dangling image. */
export async function engineRows(docker: Dockerode): Promise<string[]> {
  const images = await docker.listImages();
  return images.flatMap((i) => {
    const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    return tags.length ? tags : [i.Id];
  });
}
