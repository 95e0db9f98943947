// A throwaway self-signed certificate and two keys (EC P-256, made with openssl for these
// tests only; they secure nothing): enough for Node's X509Certificate and createPrivateKey.

export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBkTCCATegAwIBAgIUGpRMJbO1FjhtXSNunhF63NR3nLAwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSYmFybmFjbGUtdW5pdC10ZXN0MCAXDTI2MTIwMjIyNDYzMVoY
DzIxMjYxMTA4MjI0NjMxWjAdMRswGQYDVQQDDBJiYXJuYWNsZS11bml0LXRlc3Qw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARp8etorX5Ly5uKc1lXkH7qK7sJ8WhN
ONaVDswtln/5vxU0NM/G3njju6ga1n9XrjFZfS2ZtAjNnAdqIfB246G0o1MwUTAd
BgNVHQ4EFgQU6uliIlS6mPNGYp2ws41mowsLIHswHwYDVR0jBBgwFoAU6uliIlS6
mPNGYp2ws41mowsLIHswDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF
AiAZzypVLLPVEN3DmtVrB7xPa93p7JOru9CU6uB6A4y+7AIhAMC/GjNcpNmSCz6m
uqFV4KD7dxKG92s3RMPL4qsfNbJK
-----END CERTIFICATE-----
`;

/** The private key of TEST_CERT. */
export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgWTHmr5Zj8Dgl3cY+
aXEfndhSoEqqxy0sWXzK3ew8Z1ShRANCAARp8etorX5Ly5uKc1lXkH7qK7sJ8WhN
ONaVDswtln/5vxU0NM/G3njju6ga1n9XrjFZfS2ZtAjNnAdqIfB246G0
-----END PRIVATE KEY-----
`;

/** A key of no certificate here. */
export const OTHER_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgd0G8R4hPg06RkRHI
ObbWe34lIyNeojAe2FN5n07FXYOhRANCAAQaaImqJOVXlHS8/YowFzWlrnXJFBu3
R7R3yeATJU92XhH8ZMeXnadqgQKTOdvcqTyWtEer+QdEhdnKSt6lcPtJ
-----END PRIVATE KEY-----
`;
