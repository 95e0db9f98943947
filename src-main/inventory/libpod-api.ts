// Podman's own API, for what its Docker-compatible one does not say (which
// volumes are anonymous, the containers its builds left). Only read here.

import type Docker from 'dockerode';

/** Whether the modem writes an API version in front of every path (connection.ts pins one). */
const pinned = (docker: Docker): boolean => !!(docker.modem as { version?: string }).version;

/**
 * GET a libpod path (`/libpod/…`, with its query). Podman answers its own API only
 * under a version (/libpod/… alone is 404 on 4.3 and 5.4). A pinned modem puts its
 * version in front (/v1.41/libpod/…, answered by both); an unpinned one gets 4.0.0,
 * the oldest Podman 5 still serves.
 */
export function libpodGet<T>(docker: Docker, path: string, query: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${pinned(docker) ? '' : '/v4.0.0'}${path}?`,
        method: 'GET',
        options: query,
        statusCodes: { 200: true, 404: 'no such libpod endpoint', 500: 'server error' },
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
    );
  });
}
