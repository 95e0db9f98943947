// Reads the TLS files named for a new context (--tls-ca, --tls-cert, --tls-key) and
// checks them before anything is written: a wrong file found now is one sentence
// naming the flag, where found at connect time it is OpenSSL's words about a
// handshake. Node's own X509Certificate / createPrivateKey do the parsing.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase, type PhraseParam } from '../../src-shared/phrase';
import type { TlsMaterial } from './context-writer';
import { parseHost } from './parsed-host';

export interface TlsFilePaths {
  caPath?: string;
  certPath?: string;
  keyPath?: string;
}

/** How a refusal names each file: the CLI's flags, or the Settings form's labels (phrases). */
export interface TlsOptionNames {
  ca: PhraseParam;
  cert: PhraseParam;
  key: PhraseParam;
  skip: PhraseParam;
}

export const CLI_TLS_OPTIONS: TlsOptionNames = {
  ca: '--tls-ca',
  cert: '--tls-cert',
  key: '--tls-key',
  skip: '--tls-skip-verify',
};

type Read = (path: string) => Buffer;

function readNamed(option: PhraseParam, file: string, read: Read): Buffer {
  try {
    return read(file);
  } catch (err) {
    throw new PhraseError(phrase('contexts.fileUnreadable', { option, file, said: (err as Error).message }));
  }
}

function certificate(option: PhraseParam, file: string, data: Buffer): X509Certificate {
  try {
    return new X509Certificate(data);
  } catch (err) {
    throw new PhraseError(phrase('contexts.notCertificate', { option, file, said: (err as Error).message }));
  }
}

/** The files' contents, checked: certificates parse, the key parses and belongs to the certificate. */
export function readTlsFiles(
  paths: TlsFilePaths,
  read: Read = readFileSync,
  options: TlsOptionNames = CLI_TLS_OPTIONS,
): TlsMaterial {
  if ((paths.certPath === undefined) !== (paths.keyPath === undefined)) {
    throw new PhraseError(phrase('contexts.certWithoutKey'));
  }
  const material: TlsMaterial = {};
  if (paths.caPath !== undefined) {
    material.ca = readNamed(options.ca, paths.caPath, read);
    certificate(options.ca, paths.caPath, material.ca);
  }
  if (paths.certPath !== undefined && paths.keyPath !== undefined) {
    material.cert = readNamed(options.cert, paths.certPath, read);
    material.key = readNamed(options.key, paths.keyPath, read);
    const cert = certificate(options.cert, paths.certPath, material.cert);
    let key;
    try {
      key = createPrivateKey(material.key);
    } catch (err) {
      throw new PhraseError(
        phrase('contexts.notKey', { option: options.key, file: paths.keyPath, said: (err as Error).message }),
      );
    }
    if (!cert.checkPrivateKey(key)) {
      throw new PhraseError(
        phrase('contexts.keyMismatch', { option: options.key, key: paths.keyPath, cert: paths.certPath }),
      );
    }
  }
  return material;
}

/** Throws a PhraseError for TLS settings that contradict each other or the address. */
export function checkTlsChoice(
  host: string,
  tls: TlsFilePaths,
  skipTlsVerify: boolean,
  options: TlsOptionNames = CLI_TLS_OPTIONS,
): void {
  const given = (
    [
      [options.ca, tls.caPath],
      [options.cert, tls.certPath],
      [options.key, tls.keyPath],
      [options.skip, skipTlsVerify || undefined],
    ] as const
  ).find(([, value]) => value !== undefined)?.[0];
  if (given !== undefined && parseHost(host).scheme !== 'tcp') {
    throw new PhraseError(phrase('contexts.tlsNotTcp', { option: given, host }));
  }
  if (tls.caPath !== undefined && skipTlsVerify) throw new PhraseError(phrase('contexts.caAndSkip'));
  if ((tls.certPath === undefined) !== (tls.keyPath === undefined)) {
    throw new PhraseError(phrase('contexts.certWithoutKey'));
  }
}
