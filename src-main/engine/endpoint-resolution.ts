// Picks the engine the docker CLI would talk to, for the same flags, environment and
// config directory — so "Barnacle cleans what `docker images` shows" holds. Follows
// docker/cli `resolveContextName` and `resolveDefaultDockerEndpoint`
// (cli/command/cli.go) and the TLS defaults of cli/flags/options.go.

import { join } from 'node:path';
import { PhraseError, saysOf } from '../../src-shared/phrase-error';
import { phrase, type PhraseParam } from '../../src-shared/phrase';
import type { Endpoint, EndpointSource } from '../../src-shared/model';
import {
  ContextNotFoundError,
  DEFAULT_CONTEXT_NAME,
  contextMetaPath,
  dockerConfigDir,
  readCurrentContextName,
  readStoredContext,
} from './context-store';
import { nodeFileView, type FileView } from './file-view';
import { normalizeDockerHost, platformDefaultHost } from './host-address';
import { productLabelForHost } from './known-sockets';

export interface ResolveInput {
  /** `--host` / `-H`. */
  hostFlag?: string;
  /** `--context` / `-c`. */
  contextFlag?: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  fs?: FileView;
}

export interface ContextChoice {
  name: string;
  source: Exclude<EndpointSource, 'discovered' | 'user'>;
}

/**
 * Which context the CLI would use, without checking it exists. --host and DOCKER_HOST
 * select the "default" context (which then uses that host); DOCKER_HOST beats
 * DOCKER_CONTEXT. Setting both --host and --context is an error, as in the CLI.
 */
export function chooseContext(input: ResolveInput): ContextChoice {
  const { hostFlag, contextFlag, env } = input;
  if (contextFlag && hostFlag) throw new PhraseError(phrase('address.hostAndContext'));
  if (contextFlag) return { name: contextFlag, source: 'flag-context' };
  if (hostFlag) return { name: DEFAULT_CONTEXT_NAME, source: 'flag-host' };
  if (env.DOCKER_HOST) return { name: DEFAULT_CONTEXT_NAME, source: 'env-docker-host' };
  if (env.DOCKER_CONTEXT) return { name: env.DOCKER_CONTEXT, source: 'env-docker-context' };
  const current = readCurrentContextName(dockerConfigDir(env, input.homeDir), input.fs ?? nodeFileView);
  if (current) return { name: current, source: 'config-current-context' };
  return { name: DEFAULT_CONTEXT_NAME, source: 'default' };
}

/** Throws ContextNotFoundError for a context that is named but absent, PhraseError for bad addresses. */
export function resolveEndpoint(input: ResolveInput): Endpoint {
  const fs = input.fs ?? nodeFileView;
  const choice = chooseContext(input);
  if (choice.name === DEFAULT_CONTEXT_NAME) return defaultContextEndpoint(input, choice.source, fs);
  return namedContextEndpoint(input, choice, fs);
}

function namedContextEndpoint(input: ResolveInput, choice: ContextChoice, fs: FileView): Endpoint {
  const configDir = dockerConfigDir(input.env, input.homeDir);
  const stored = readStoredContext(configDir, choice.name, fs);
  if (!stored) {
    throw new ContextNotFoundError(
      choice.name,
      contextMetaPath(configDir, choice.name),
      describeChoice(choice, configDir),
    );
  }
  // A docker endpoint without a Host makes the CLI's client fall back to its built-in default.
  const host = stored.host ? validated(stored.host, input.platform, stored.name) : platformDefaultHost(input.platform);
  const endpoint: Endpoint = { host, label: stored.name, source: choice.source, contextName: stored.name };
  const hasFiles = Object.keys(stored.tls).length > 0;
  if (hasFiles || stored.skipTlsVerify) endpoint.tls = { ...stored.tls, verify: !stored.skipTlsVerify };
  return endpoint;
}

function defaultContextEndpoint(input: ResolveInput, source: ContextChoice['source'], fs: FileView): Endpoint {
  const { env, platform } = input;
  const tls = tlsFromEnvironment(env, input.homeDir, fs);
  const raw = source === 'flag-host' ? (input.hostFlag ?? '') : (env.DOCKER_HOST ?? '');
  const host = normalizeDockerHost(raw, platform, tls !== undefined);
  // Named by an address (--host, DOCKER_HOST): say whose socket it is. Named "default"
  // (no setting, DOCKER_CONTEXT=default, …): that is what `docker context show` prints.
  const byAddress = source === 'flag-host' || source === 'env-docker-host';
  const label = byAddress
    ? (productLabelForHost(host, { env, homeDir: input.homeDir, platform }) ?? host)
    : DEFAULT_CONTEXT_NAME;
  const endpoint: Endpoint = { host, label, source, contextName: DEFAULT_CONTEXT_NAME };
  if (tls) endpoint.tls = tls;
  return endpoint;
}

function validated(host: string, platform: NodeJS.Platform, context: string): string {
  try {
    return normalizeDockerHost(host, platform);
  } catch (err) {
    const { message, says } = saysOf(err);
    throw new PhraseError(phrase('address.contextUnusable', { context, problem: says ?? message }));
  }
}

/**
 * TLS for the default context, as the CLI reads it from the environment: DOCKER_TLS or
 * DOCKER_TLS_VERIFY set to anything (even "0") switches TLS on; DOCKER_TLS_VERIFY set
 * means verify. Files come from DOCKER_CERT_PATH, else the config directory; ca.pem must
 * exist (the CLI fails with "open …/ca.pem: no such file or directory"), cert.pem and
 * key.pem are used when present.
 */
export function tlsFromEnvironment(
  env: Record<string, string | undefined>,
  homeDir: string,
  fs: FileView = nodeFileView,
): Endpoint['tls'] {
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return undefined;
  const certDir = env.DOCKER_CERT_PATH || dockerConfigDir(env, homeDir);
  const caPath = join(certDir, 'ca.pem');
  if (!fs.fileExists(caPath)) {
    const switch_ = verify ? 'DOCKER_TLS_VERIFY' : 'DOCKER_TLS';
    throw new PhraseError(phrase('address.tlsWithoutCa', { variable: switch_, file: caPath }));
  }
  const tls: NonNullable<Endpoint['tls']> = { caPath, verify };
  const certPath = join(certDir, 'cert.pem');
  const keyPath = join(certDir, 'key.pem');
  if (fs.fileExists(certPath)) tls.certPath = certPath;
  if (fs.fileExists(keyPath)) tls.keyPath = keyPath;
  return tls;
}

/** What chose the context: a flag or variable by its name, config.json in words. */
function describeChoice(choice: ContextChoice, configDir: string): PhraseParam {
  switch (choice.source) {
    case 'flag-context':
      return '--context';
    case 'env-docker-context':
      return 'DOCKER_CONTEXT';
    case 'config-current-context':
      return phrase('address.chosenByConfig', { file: join(configDir, 'config.json') });
    default:
      return choice.source;
  }
}
