// Reads the TLS files named for a new context (--tls-ca, --tls-cert, --tls-key) and
// checks them before anything is written: a wrong file found now is one sentence
// naming the flag, where found at connect time it is OpenSSL's words about a
// handshake. Node's own X509Certificate / createPrivateKey do the parsing.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import type { TlsMaterial } from './context-writer';

export interface TlsFilePaths {
  caPath?: string;
  certPath?: string;
  keyPath?: string;
}

type Read = (path: string) => Buffer;

function readNamed(option: string, file: string, read: Read): Buffer {
  try {
    return read(file);
  } catch (err) {
    throw new PhraseError(phrase('contexts.fileUnreadable', { option, file, said: (err as Error).message }));
  }
}

function certificate(option: string, file: string, data: Buffer): X509Certificate {
  try {
    return new X509Certificate(data);
  } catch (err) {
    throw new PhraseError(phrase('contexts.notCertificate', { option, file, said: (err as Error).message }));
  }
}

/** The files' contents, checked: certificates parse, the key parses and belongs to the certificate. */
export function readTlsFiles(paths: TlsFilePaths, read: Read = readFileSync): TlsMaterial {
  if ((paths.certPath === undefined) !== (paths.keyPath === undefined)) {
    throw new PhraseError(phrase('contexts.certWithoutKey'));
  }
  const material: TlsMaterial = {};
  if (paths.caPath !== undefined) {
    material.ca = readNamed('--tls-ca', paths.caPath, read);
    certificate('--tls-ca', paths.caPath, material.ca);
  }
  if (paths.certPath !== undefined && paths.keyPath !== undefined) {
    material.cert = readNamed('--tls-cert', paths.certPath, read);
    material.key = readNamed('--tls-key', paths.keyPath, read);
    const cert = certificate('--tls-cert', paths.certPath, material.cert);
    let key;
    try {
      key = createPrivateKey(material.key);
    } catch (err) {
      throw new PhraseError(phrase('contexts.notKey', { file: paths.keyPath, said: (err as Error).message }));
    }
    if (!cert.checkPrivateKey(key)) {
      throw new PhraseError(phrase('contexts.keyMismatch', { key: paths.keyPath, cert: paths.certPath }));
    }
  }
  return material;
}
