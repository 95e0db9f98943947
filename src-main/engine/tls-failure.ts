// A TLS handshake that failed, read as what to do about it. Node reports these as
// OpenSSL's words ("self signed certificate in certificate chain", "tlsv13 alert
// certificate required") which say nothing about ca.pem or DOCKER_CERT_PATH. The
// verification codes are Node's (err.code); what the engine's side refused arrives
// only as an alert in the message, so that one is read from the words.

import { phrase, type Phrase } from '../../src-shared/phrase';
import type { EngineFailure } from './engine-error';

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

// Alerts the engine sends when it does not accept our certificate (or sent none).
const CLIENT_REJECTED =
  /alert (bad certificate|unknown ca|certificate required|certificate unknown|certificate revoked|certificate expired|unsupported certificate|access denied)/i;
// OpenSSL reading an HTTP answer as a TLS record: the engine does not speak TLS there.
const NOT_TLS = /wrong version number|packet length too long|record layer failure/i;

/** The phrase for a TLS failure, or undefined when the failure was not about TLS. */
export function tlsFailurePhrase(failure: EngineFailure, where: string): Phrase | undefined {
  const said = failure.message;
  const code = failure.code ?? '';
  if (UNKNOWN_CA.has(code)) return phrase('health.tls.unknownCa', { where, said });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return phrase('health.tls.hostMismatch', { where, said });
  if (EXPIRED.has(code)) return phrase('health.tls.expired', { where, said });
  if (CLIENT_REJECTED.test(said)) return phrase('health.tls.clientRejected', { where, said });
  if (NOT_TLS.test(said) && /SSL|EPROTO/i.test(`${code} ${said}`)) {
    return phrase('health.tls.serverNotTls', { where, said });
  }
  // Docker's own answer to plain HTTP on its TLS port.
  if (failure.statusCode === 400 && /HTTP request to an HTTPS server/i.test(said)) {
    return phrase('health.tls.serverWantsTls', { where });
  }
  return undefined;
}
