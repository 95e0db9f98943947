// The colour tokens live in one place, styles/app.css, in the three blocks the
// theme pin relies on: light (the default, and a pinned light on a dark OS),
// dark by the OS (unless pinned light), and pinned dark (whatever the OS). A
// component with tokens or a prefers-color-scheme of its own follows the OS
// instead of the pin: the plan dialogs did (issue 13).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = 'src-renderer';
const css = readFileSync(join(RENDERER, 'styles/app.css'), 'utf8');

/** The declarations of the first rule whose selector text is `opening` (a block without nested braces). */
function block(opening: string): Map<string, string> {
  const start = css.indexOf(opening);
  if (start < 0) throw new Error(`app.css has no ${opening}`);
  const body = css.slice(start + opening.length, css.indexOf('}', start));
  const declared = new Map<string, string>();
  for (const [, name, value] of body.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([\w-]+)\s*:\s*([^;]+);/g)) {
    declared.set(name!, value!.trim().replace(/\s+/g, ' '));
  }
  return declared;
}

const light = block(':root {');
const osDark = block("@media (prefers-color-scheme: dark) {\n  :root:not([data-theme='light']) {");
const pinnedDark = block(":root[data-theme='dark'] {");

/** Every component and stylesheet of the renderer, but app.css. */
const sources = (readdirSync(RENDERER, { recursive: true }) as string[])
  .filter((f) => /\.(svelte|css|ts)$/.test(f) && f !== join('styles', 'app.css'))
  .map((f) => ({ file: f, text: readFileSync(join(RENDERER, f), 'utf8') }));
const styles = sources
  .filter((s) => s.file.endsWith('.svelte'))
  .map((s) => ({ file: s.file, style: /<style[^>]*>([\s\S]*?)<\/style>/.exec(s.text)?.[1] ?? '' }));

const isColour = (value: string) => /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i.test(value);

describe('theme tokens (styles/app.css)', () => {
  it('dark by the OS and pinned dark are the same list', () => {
    expect(osDark.get('color-scheme')).toBe('dark');
    expect(Object.fromEntries(pinnedDark)).toEqual(Object.fromEntries(osDark));
  });

  it('every colour token of the light theme has a dark value', () => {
    const colours = [...light].filter(([name, value]) => name.startsWith('--') && isColour(value)).map(([n]) => n);
    expect(colours.length).toBeGreaterThan(40);
    expect(colours.filter((name) => !osDark.has(name))).toEqual([]);
    expect([...osDark.keys()].filter((name) => name !== 'color-scheme' && !light.has(name))).toEqual([]);
  });

  it('every token the renderer uses is declared there', () => {
    const used = new Set(sources.flatMap((s) => [...s.text.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((name) => !light.has(name)).sort()).toEqual([]);
  });

  it('no component declares colour tokens or follows the OS scheme on its own', () => {
    const own = styles.filter(
      ({ style }) => /(^|[;{\s])--[\w-]+\s*:/.test(style) || /prefers-color-scheme/.test(style),
    );
    expect(own.map((s) => s.file)).toEqual([]);
  });

  it('components paint with tokens: no opaque colour written out (translucent shadows and scrims are theme-free)', () => {
    const written = styles.flatMap(({ file, style }) =>
      [...style.matchAll(/([\w-]+)\s*:\s*([^;{}]+);/g)]
        .filter(([, , value]) => /#[0-9a-f]{3,8}\b|\b(white|black)\b(?![\w-])|rgba?\((?![^)]*\/)/i.test(value!))
        .map(([declaration]) => `${file}: ${declaration}`),
    );
    expect(written).toEqual([]);
  });
});
