// OpenSSH known_hosts, read the way `ssh` reads it (hostfile.c), so Barnacle
// trusts exactly the host keys the user's own `ssh` (and so the docker CLI)
// would. Pure: the caller reads the files and hands over their text.
//
// A line is `[@marker] patterns keytype base64-key [comment]`. Patterns are a
// comma list of names with `*` and `?` wildcards and `!` negation, or one
// hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`. A host on a port
// other than 22 is written `[host]:port`. `@revoked` marks a key never to be
// accepted; `@cert-authority` lines name CAs for host certificates, which the
// ssh2 client does not speak, so they make no key known (the host stays
// "unknown" rather than being trusted through a CA Barnacle cannot check).

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { matchesWildcard } from '../../../src-shared/wildcard';

export type KnownHostsMarker = 'revoked' | 'cert-authority';

export interface KnownHostsEntry {
  /** Where the line is, for messages: "~/.ssh/known_hosts line 12". */
  file: string;
  line: number;
  marker?: KnownHostsMarker;
  names: { hashed: false; patterns: string[] } | { hashed: true; salt: Buffer; hash: Buffer };
  /** Read from the key blob itself, not the line's type field (as ssh does). */
  keyType: string;
  key: Buffer;
}

export type HostKeyVerdict =
  | { verdict: 'known'; entry: KnownHostsEntry }
  /** A different key of the same type is listed for this host. */
  | { verdict: 'changed'; entry: KnownHostsEntry }
  /** This very key is marked @revoked for this host. */
  | { verdict: 'revoked'; entry: KnownHostsEntry }
  /** Nothing listed for this key type; `otherTypes` are the types that are listed. */
  | { verdict: 'unknown'; otherTypes: string[] };

/** Lines that cannot be read are skipped, as ssh skips them. */
export function parseKnownHosts(text: string, file: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = parseLine(raw, file, index + 1);
    if (entry) entries.push(entry);
  });
  return entries;
}

function parseLine(raw: string, file: string, line: number): KnownHostsEntry | undefined {
  const fields = raw.trim().split(/[ \t]+/);
  if (fields[0] === '' || fields[0]!.startsWith('#')) return undefined;
  let marker: KnownHostsMarker | undefined;
  if (fields[0]!.startsWith('@')) {
    const word = fields.shift()!;
    if (word === '@revoked') marker = 'revoked';
    else if (word === '@cert-authority') marker = 'cert-authority';
    else return undefined;
  }
  const [hostField, , keyField] = fields;
  if (!hostField || !keyField) return undefined;
  const key = decodeBase64(keyField);
  const keyType = key && keyTypeOfBlob(key);
  const names = key && parseNames(hostField);
  if (!key || !keyType || !names) return undefined;
  return { file, line, ...(marker ? { marker } : {}), names, keyType, key };
}

function parseNames(field: string): KnownHostsEntry['names'] | undefined {
  if (!field.startsWith('|')) return { hashed: false, patterns: field.toLowerCase().split(',').filter(Boolean) };
  const [, magic, salt64, hash64] = field.split('|');
  if (magic !== '1' || !salt64 || !hash64) return undefined;
  const salt = decodeBase64(salt64);
  const hash = decodeBase64(hash64);
  // HMAC-SHA1: a 20-byte salt (the HMAC key) and a 20-byte digest.
  if (!salt || !hash || hash.length !== 20) return undefined;
  return { hashed: true, salt, hash };
}

function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

/** The algorithm name a key blob starts with (uint32 length, then the name): "ssh-ed25519". */
export function keyTypeOfBlob(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  const name = blob.toString('latin1', 4, 4 + length);
  return /^[\x21-\x7e]+$/.test(name) ? name : undefined;
}

/** The fingerprint `ssh` and `ssh-keygen -l` print: "SHA256:" and unpadded base64. */
export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The name a host is listed under: "host" on port 22, "[host]:port" elsewhere (lower case, as ssh writes it). */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** Whether a line lists `name`. A negated pattern that matches rules the line out, whatever else matches. */
export function entryNamesHost(entry: KnownHostsEntry, name: string): boolean {
  const lower = name.toLowerCase();
  if (entry.names.hashed) {
    const mac = createHmac('sha1', entry.names.salt).update(lower).digest();
    return timingSafeEqual(mac, entry.names.hash);
  }
  let listed = false;
  for (const pattern of entry.names.patterns) {
    const negated = pattern.startsWith('!');
    if (!matchesWildcard(lower, negated ? pattern.slice(1) : pattern)) continue;
    if (negated) return false;
    listed = true;
  }
  return listed;
}

/**
 * What the entries say about `key` offered by the host listed as `name`
 * (knownHostsName, or a HostKeyAlias). Revoked beats everything, as in ssh; a
 * line with this exact key makes it known even when another line of the same
 * type disagrees (several keys per host are allowed).
 */
export function checkHostKey(entries: readonly KnownHostsEntry[], name: string, key: Buffer): HostKeyVerdict {
  const keyType = keyTypeOfBlob(key);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && entryNamesHost(e, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { verdict: 'revoked', entry: revoked };
  const plain = forHost.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.key.equals(key));
  if (same) return { verdict: 'known', entry: same };
  const other = plain.find((e) => e.keyType === keyType);
  if (other) return { verdict: 'changed', entry: other };
  return { verdict: 'unknown', otherTypes: [...new Set(plain.map((e) => e.keyType))] };
}

/**
 * The host key algorithms to ask for first: those of the keys listed for the host,
 * as ssh orders them, so a host known by its RSA key is not asked for an
 * Ed25519 key it also has (which would read as "unknown").
 */
export function knownHostKeyAlgorithms(entries: readonly KnownHostsEntry[], name: string): string[] {
  const types = entries.filter((e) => e.marker === undefined && entryNamesHost(e, name)).map((e) => e.keyType);
  return [...new Set(types.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t])))];
}
