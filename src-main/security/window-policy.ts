// The parts of Electron's security checklist that are decisions about data —
// which frames may call IPC, which links may leave the app, which file a
// barnacle:// URL means, what the CSP says — as plain predicates unit-tested
// under Node. The window's flags and handlers themselves are literals in
// src-main/shell/secure-window.ts, where electronegativity can read them.

import { join, normalize, sep } from 'node:path';

/** The renderer is served from this privileged scheme, never from file:// or http://. */
export const APP_SCHEME = 'barnacle';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/**
 * Strict CSP: our own scripts and styles only; no eval, no inline script, no
 * remote origins. The shell sends it as a header (a literal there, so the
 * scanner can evaluate it), index.html repeats it as a meta tag minus
 * frame-ancestors (ignored in meta), and the browser tests' server sends it:
 * tests/unit/window-policy.test.ts checks all three agree.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/**
 * A barnacle:// response with the CSP on the response itself: the session's
 * header hook may not run for a custom protocol's responses, and the meta tag
 * cannot say frame-ancestors. Also no MIME sniffing.
 */
export function withPolicyHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** `new URL` without the throw (URL.parse is not in Node 20's typings). */
function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** In development the renderer comes from electron-vite's dev server on loopback; nothing else is trusted. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    const url = parseUrl(devServerUrl);
    if (url && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) origins.push(url.origin);
  }
  return origins;
}

function originOf(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  // Custom schemes report origin "null"; rebuild it from scheme and host.
  return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
}

/**
 * IPC is answered only for the window's main frame showing our own renderer. A
 * subframe never qualifies, whatever its URL: the renderer has none, so one that
 * appears (an injected iframe of barnacle://app itself) is not ours to answer.
 */
export function isTrustedSender(
  frameUrl: string | undefined,
  origins: readonly string[],
  isMainFrame: boolean,
): boolean {
  if (!frameUrl || !isMainFrame) return false;
  const origin = originOf(frameUrl);
  return origin !== null && origins.includes(origin);
}

/**
 * Links we open in the user's browser (docs for installing an engine). Each is
 * an origin plus an optional path; a URL matches only at a path boundary, so
 * github.com/abiosoft/colima never admits github.com/abiosoft/colima-evil.
 */
export const EXTERNAL_LINK_ALLOW_LIST = [
  'https://docs.docker.com/',
  'https://podman.io/',
  'https://podman-desktop.io/',
  'https://github.com/abiosoft/colima',
  'https://rancherdesktop.io/',
  'https://orbstack.dev/',
] as const;

function underPrefix(href: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return href.startsWith(prefix);
  return href === prefix || (href.startsWith(prefix) && /^[/?#]/.test(href.slice(prefix.length)));
}

/**
 * The URL to hand to shell.openExternal, normalised by the WHATWG parser (so the
 * OS sees exactly what was checked), or null when it is not an allowed https link.
 */
export function allowedExternalUrl(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return null;
  return EXTERNAL_LINK_ALLOW_LIST.some((prefix) => underPrefix(parsed.href, prefix)) ? parsed.href : null;
}

/**
 * The file under `rendererDir` that a barnacle://app/… request means, or null
 * for another host, a path that climbs out of the directory, or bad escapes.
 */
export function rendererFileFor(rendererDir: string, requestUrl: string): string | null {
  const url = parseUrl(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== 'app') return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return null; // malformed %-escape
  }
  if (relative.includes('\0')) return null;
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  return file.startsWith(root) && file !== root ? file : null;
}
