// Certificates for a TLS engine, made by openssl in a temp dir for one test run:
// two CAs (the engine's and a stranger's), each signing a server certificate for
// 127.0.0.1 / localhost and a client certificate. Laid out as DOCKER_CERT_PATH
// wants them: <dir>/<ca name>/{ca,cert,key}.pem for clients, server-*.pem beside.

import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

export function opensslAvailability(): { ok: true } | { ok: false; reason: string } {
  const ran = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return ran.status === 0 ? { ok: true } : { ok: false, reason: 'no openssl to make test certificates' };
}

export interface CaFiles {
  /** The CA's certificate. */
  ca: string;
  /** Its key, to sign more certificates with (signServer). */
  caKey: string;
  serverCert: string;
  serverKey: string;
  /** A folder holding ca.pem, cert.pem (a client certificate) and key.pem: a DOCKER_CERT_PATH. */
  clientDir: string;
  clientCert: string;
  clientKey: string;
}

/** A fresh P-256 key, unencrypted: quick to make, and every TLS stack here takes it. */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
const SERVER_EXT = 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth';

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });

function signed(
  dir: string,
  name: string,
  ca: { cert: string; key: string },
  ext: string,
  days = 2,
): { cert: string; key: string } {
  const key = join(dir, `${name}-key.pem`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}-cert.pem`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, `${ext}\n`);
  openssl(['req', '-new', ...NEW_KEY, '-keyout', key, '-out', csr, '-subj', `/CN=${name}`]);
  const signBy = ['-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial'];
  openssl(['x509', '-req', '-in', csr, ...signBy, '-days', String(days), '-out', cert, '-extfile', extFile]);
  return { cert, key };
}

/** A CA named `name` in `root`/`name`, with its server and client certificates. */
export function makeCa(root: string, name: string): CaFiles {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const ca = { cert: join(dir, 'ca-cert.pem'), key: join(dir, 'ca-key.pem') };
  const subject = `/CN=${name} test CA`;
  openssl(['req', '-x509', ...NEW_KEY, '-days', '2', '-keyout', ca.key, '-out', ca.cert, '-subj', subject]);
  const server = signed(dir, 'server', ca, SERVER_EXT);
  const client = signed(dir, 'client', ca, 'extendedKeyUsage=clientAuth');
  const clientDir = join(dir, 'client-dir');
  mkdirSync(clientDir);
  copyFileSync(ca.cert, join(clientDir, 'ca.pem'));
  copyFileSync(client.cert, join(clientDir, 'cert.pem'));
  copyFileSync(client.key, join(clientDir, 'key.pem'));
  return {
    ca: ca.cert,
    caKey: ca.key,
    serverCert: server.cert,
    serverKey: server.key,
    clientDir,
    clientCert: client.cert,
    clientKey: client.key,
  };
}

/** One more server certificate for 127.0.0.1 from `ca`; days -1 makes one that has expired (notAfter a day before notBefore). */
export function signServer(root: string, ca: CaFiles, name: string, days: number): { cert: string; key: string } {
  return signed(root, name, { cert: ca.ca, key: ca.caKey }, SERVER_EXT, days);
}
