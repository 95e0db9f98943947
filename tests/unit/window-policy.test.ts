// The data side of the window's security: the CSP (and that the header, the
// renderer's meta tag and the policy constant agree), which frames may call IPC,
// which links may leave the app, and which file a barnacle:// URL may read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerCsp } from '../../scripts/electron-checklist';
import {
  allowedExternalUrl,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isTrustedSender,
  rendererFileFor,
  trustedOrigins,
  withPolicyHeaders,
} from '../../src-main/security/window-policy';

/** directive → its sources, e.g. { 'script-src': ["'self'"] }. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `${name} appears twice`).toBe(false);
    map.set(name.toLowerCase(), sources);
  }
  return map;
}

function metaCsp(html: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (!match?.[1]) throw new Error('index.html has no CSP meta tag');
  return match[1];
}

describe('Content-Security-Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);
  const allSources = [...policy.values()].flat();

  it('allows no eval, no inline code and no remote origin', () => {
    for (const unsafe of [
      "'unsafe-eval'",
      "'unsafe-inline'",
      "'unsafe-hashes'",
      "'wasm-unsafe-eval'",
      "'strict-dynamic'",
    ]) {
      expect(allSources).not.toContain(unsafe);
    }
    // Only keywords and data: for images: no *, no scheme-wide http:/https:/ws:, no host.
    for (const source of allSources) expect(["'self'", "'none'", 'data:']).toContain(source);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('denies by default and closes the usual escape hatches', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
  });

  it('is what the shell sends as a header, word for word', () => {
    const header = headerCsp(readFileSync('src-main/shell/secure-window.ts', 'utf8'));
    expect(header).toBe(CONTENT_SECURITY_POLICY);
  });

  it("matches the renderer's meta tag, which leaves out frame-ancestors (meta ignores it)", () => {
    const meta = directives(metaCsp(readFileSync('src-renderer/index.html', 'utf8')));
    expect(meta.has('frame-ancestors')).toBe(false);
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(Object.fromEntries(meta)).toEqual(Object.fromEntries(header));
  });
});

describe('isTrustedSender', () => {
  const devServer = 'http://localhost:5173/';
  const production = trustedOrigins(undefined);
  const development = trustedOrigins(devServer);

  it.each([
    [`${APP_ORIGIN}/index.html`, production],
    [`${APP_ORIGIN}/`, production],
    [`${APP_ORIGIN}/assets/deep/page.html?x=1#y`, production],
    ['http://localhost:5173/', development],
    ['http://localhost:5173/src/main.ts', development],
  ])('accepts %s', (url, origins) => {
    expect(isTrustedSender(url, origins, true)).toBe(true);
  });

  it.each([
    [undefined, production],
    ['', production],
    ['not a url', production],
    ['barnacle://evil/index.html', production],
    ['barnacle://app.evil.example/index.html', production],
    ['barnacle://app@evil/index.html', production],
    ['file:///work/out/renderer/index.html', production],
    ['https://app/index.html', production],
    ['about:blank', production],
    ['data:text/html,<script>1</script>', production],
    ['http://localhost:5173/', production], // the dev server is trusted only in development
    ['http://localhost:5174/', development],
    ['https://localhost:5173/', development],
    ['http://localhost.evil.example:5173/', development],
    ['http://127.0.0.1:5173/', development], // another origin than the one the dev server announced
  ])('refuses %s', (url, origins) => {
    expect(isTrustedSender(url, origins, true)).toBe(false);
  });

  it('trusts a dev server only on loopback over http', () => {
    expect(trustedOrigins('http://127.0.0.1:5173')).toEqual([APP_ORIGIN, 'http://127.0.0.1:5173']);
    expect(trustedOrigins('http://[::1]:5173/')).toEqual([APP_ORIGIN, 'http://[::1]:5173']);
    for (const url of [
      'http://192.168.1.10:5173',
      'http://evil.example:5173',
      'https://localhost.evil.example',
      'file:///x',
      'nonsense',
    ]) {
      expect(trustedOrigins(url), url).toEqual([APP_ORIGIN]);
    }
  });

  it('refuses our own renderer when it speaks from a subframe, not the main frame', () => {
    expect(isTrustedSender(`${APP_ORIGIN}/index.html`, production, false)).toBe(false);
  });
});

describe('allowedExternalUrl', () => {
  it.each([
    ['https://docs.docker.com/engine/install/', 'https://docs.docker.com/engine/install/'],
    ['https://podman.io/docs/installation', 'https://podman.io/docs/installation'],
    ['https://github.com/abiosoft/colima', 'https://github.com/abiosoft/colima'],
    [
      'https://github.com/abiosoft/colima/blob/main/README.md',
      'https://github.com/abiosoft/colima/blob/main/README.md',
    ],
    ['https://github.com/abiosoft/colima#install', 'https://github.com/abiosoft/colima#install'],
    // Normalised by the WHATWG parser: what is opened is exactly what was checked.
    ['HTTPS://DOCS.DOCKER.COM/engine/', 'https://docs.docker.com/engine/'],
    ['https://docs.docker.com/a/../engine/', 'https://docs.docker.com/engine/'],
  ])('opens %s as %s', (url, opened) => {
    expect(allowedExternalUrl(url)).toBe(opened);
  });

  it.each([
    'http://docs.docker.com/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'data:text/html,hi',
    'smb://docs.docker.com/',
    'https://docs.docker.com@evil.example/',
    'https://user:pass@docs.docker.com/',
    'https://docs.docker.com.evil.example/',
    'https://docs.docker.com:8443/',
    'https://evil.example/https://docs.docker.com/',
    'https://evil.example/?u=https://docs.docker.com/',
    'https://github.com/abiosoft/colima-evil',
    'https://github.com/abiosoft/colimaX/releases',
    'https://github.com/abiosoft/colima/../../evil/repo',
    'https://github.com/evil/colima',
    'https://docs.dоcker.com/', // Cyrillic о: punycode host, not ours
    '//docs.docker.com/',
    '/engine/install',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(allowedExternalUrl(url)).toBeNull();
  });
});

describe('rendererFileFor', () => {
  const root = '/opt/barnacle/out/renderer';

  it.each([
    ['barnacle://app/', 'index.html'],
    ['barnacle://app/index.html', 'index.html'],
    ['barnacle://app/assets/index-abc.js', 'assets/index-abc.js'],
    ['barnacle://app/assets/a%20b.css', 'assets/a b.css'],
    ['barnacle://app/assets/x.js?v=1#top', 'assets/x.js'],
    // The URL parser resolves dot segments (also %2e%2e) before we see the path:
    // these stay inside the directory.
    ['barnacle://app/../../etc/passwd', 'etc/passwd'],
    ['barnacle://app/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
  ])('serves %s from the renderer directory', (url, file) => {
    expect(rendererFileFor(root, url)).toBe(join(root, file));
  });

  it.each([
    // Escaped slashes survive the URL parser and climb once decoded.
    'barnacle://app/..%2f..%2fetc%2fpasswd',
    'barnacle://app/assets/..%2f..%2f..%2fsecret',
    'barnacle://app/a%00.js',
    'barnacle://app/%E0%A4%A', // malformed escape
    'barnacle://other/index.html',
    'barnacle://app.evil/index.html',
    'http://app/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(rendererFileFor(root, url)).toBeNull();
  });
});

describe('barnacle:// responses', () => {
  it('carry the CSP, frame-ancestors included, and no-sniff on the response itself, body and status kept', async () => {
    const served = withPolicyHeaders(
      new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    expect(served.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(directives(served.headers.get('Content-Security-Policy')!).get('frame-ancestors')).toEqual(["'none'"]);
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(served.headers.get('Content-Type')).toBe('text/html');
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('<!doctype html>');
    expect(withPolicyHeaders(new Response('not found', { status: 404 })).status).toBe(404);
  });
});
