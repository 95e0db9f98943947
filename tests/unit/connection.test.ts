// Engine identification and the plain-words health for failed connections.

import { describe, expect, it } from 'vitest';
import {
  compareApiVersions,
  engineKindOf,
  healthFromFailure,
  imageStoreOf,
  MIN_API_VERSION,
  OUR_API_VERSION,
} from '../../src-main/engine/connection';
import type { Endpoint } from '../../src-shared/model';

const unix: Endpoint = { host: 'unix:///var/run/docker.sock', label: 'default', source: 'default' };
const tcp: Endpoint = { host: 'tcp://build-box:2376', label: 'remote', source: 'user' };

describe('API versions', () => {
  it('compares numerically, not as text', () => {
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('1.47', '1.47')).toBe(0);
    expect(compareApiVersions('1.52', '1.47')).toBeGreaterThan(0);
  });

  it('speaks a version Docker 29 still accepts (it refuses below 1.44)', () => {
    expect(compareApiVersions(OUR_API_VERSION, '1.44')).toBeGreaterThanOrEqual(0);
    expect(compareApiVersions(MIN_API_VERSION, OUR_API_VERSION)).toBeLessThan(0);
  });
});

describe('identifying the engine', () => {
  it('tells Podman from Docker by its components', () => {
    expect(engineKindOf({ Components: [{ Name: 'Podman Engine', Version: '4.3.1' }] })).toBe('podman');
    expect(engineKindOf({ Platform: { Name: 'Docker Engine - Community' }, Components: [{ Name: 'Engine' }] })).toBe(
      'docker',
    );
  });

  it('reads the image store from /info', () => {
    expect(imageStoreOf({ DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] })).toBe('containerd');
    expect(imageStoreOf({ DriverStatus: [['Backing Filesystem', 'extfs']] })).toBe('classic');
    expect(imageStoreOf({ DriverStatus: null })).toBe('classic');
  });
});

describe('health from a failed connection', () => {
  it.each([
    [unix, { code: 'ENOENT', message: 'connect ENOENT' }, 'socket-not-found'],
    [unix, { code: 'EACCES', message: 'connect EACCES' }, 'permission-denied'],
    [unix, { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'not-running'],
    [tcp, { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'unreachable'],
    [tcp, { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND build-box' }, 'unreachable'],
    [
      unix,
      { statusCode: 400, message: 'client version 1.41 is too old. Minimum supported API version is 1.44' },
      'api-too-old',
    ],
  ] as const)('%o %o → %s', (endpoint, failure, state) => {
    const health = healthFromFailure(endpoint, failure);
    expect(health.state).toBe(state);
    expect(health.message).toContain(endpoint.host);
  });

  it('says what to do, not only what went wrong', () => {
    expect(healthFromFailure(unix, { code: 'ECONNREFUSED', message: '' }).message).toMatch(/Start it/);
    expect(healthFromFailure(unix, { code: 'ENOENT', message: '' }).message).toMatch(/Start Docker/);
  });
});
