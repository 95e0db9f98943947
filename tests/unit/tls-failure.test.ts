// TLS handshake failures read as what to do (engine/tls-failure.ts through
// connection.ts healthFromFailure). The messages are what Node said against the
// live TLS engine of tests/integration/tls-endpoint.test.ts (2026-12-02), the codes
// Node's own for certificate verification.

import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src-shared/model';
import { say } from '../../src-shared/messages/translate';
import { connect, healthFromFailure } from '../../src-main/engine/connection';
import { tlsFailurePhrase } from '../../src-main/engine/tls-failure';

const where = 'tcp://127.0.0.1:2376';
const endpoint: Endpoint = { host: where, label: 'remote', source: 'user' };
const BAD_CERT_ALERT =
  '801C0285617F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42';

describe('TLS failures', () => {
  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', 'health.tls.unknownCa'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', 'health.tls.unknownCa'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', 'health.tls.unknownCa'],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match certificate's altnames: IP: 10.0.0.9 is not in the cert's list: 127.0.0.1",
      'health.tls.hostMismatch',
    ],
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'health.tls.expired'],
    ['CERT_NOT_YET_VALID', 'certificate is not yet valid', 'health.tls.expired'],
    ['EPROTO', BAD_CERT_ALERT, 'health.tls.clientRejected'],
    [undefined, 'tlsv13 alert certificate required', 'health.tls.clientRejected'],
    ['EPROTO', 'C0:error:0A00010B:SSL routines:ssl3_get_record:wrong version number', 'health.tls.serverNotTls'],
  ])('%s %s → %s', (code, message, key) => {
    const health = healthFromFailure(endpoint, { message, ...(code ? { code } : {}) });
    expect(health.state).toBe('unreachable');
    expect('says' in health && health.says?.key).toBe(key);
    // The OpenSSL words stay for whoever knows them; the sentence around them says what to do.
    expect(health.message).toContain(message);
  });

  it('Docker’s answer to plain HTTP on its TLS port says to switch TLS on', () => {
    const failure = { statusCode: 400, message: 'Client sent an HTTP request to an HTTPS server.' };
    const says = tlsFailurePhrase(failure, where);
    expect(says?.key).toBe('health.tls.serverWantsTls');
    expect(say('en', says!)).toContain('DOCKER_TLS_VERIFY=1');
    expect(say('zh', says!)).toContain('使用 TLS');
  });

  it('leaves other failures, and other schemes, to the general words', () => {
    expect(tlsFailurePhrase({ message: 'socket hang up', code: 'ECONNRESET' }, where)).toBeUndefined();
    expect(tlsFailurePhrase({ statusCode: 500, message: 'bad certificate store' }, where)).toBeUndefined();
    const ssh = healthFromFailure({ ...endpoint, host: 'ssh://me@h' }, { message: BAD_CERT_ALERT, code: 'EPROTO' });
    expect('says' in ssh && ssh.says?.key).toBe('health.couldNotReach');
  });

  it('a context TLS file that is gone is named, in words, before any connection', async () => {
    const gone: Endpoint = { ...endpoint, tls: { caPath: '/nonexistent/ca.pem', verify: true } };
    const failure = await connect(gone).catch((err: unknown) => err);
    expect(failure).toMatchObject({ health: { state: 'unreachable', says: { key: 'health.tls.fileMissing' } } });
    expect((failure as Error).message).toMatch(/^Cannot read the TLS file \/nonexistent\/ca\.pem \(ENOENT/);
  });
});
