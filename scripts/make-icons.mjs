#!/usr/bin/env node
// Renders build/icon.svg and build/tray/tray.svg to every PNG, ICO and ICNS the
// packages need, with Playwright driving Debian's Chromium. The outputs are
// committed, so packaging machines need no browser: run this after changing
// an SVG, then look at the PNGs.
//
//   node scripts/make-icons.mjs            (CHROMIUM_PATH overrides /usr/bin/chromium)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(root, 'build');

/** Linux wants one PNG per size in a directory named by size (electron-builder's `linux.icon`). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows picks from these in Explorer, the taskbar and the installer. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** macOS: ICNS entry type → pixel size (ic11–ic14 are the @2x of 16, 32, 128, 256). */
export const ICNS_ENTRIES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];
/** Windows tray: the notification area shows 16 px at 100 %, up to 32 px at 200 %. */
export const TRAY_ICO_SIZES = [16, 20, 24, 32];

/** ICO: 6-byte header, one 16-byte directory entry per image, then the PNGs themselves. */
export function icoFile(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

/** ICNS: 'icns' + total length, then per entry its type, length (with this 8-byte head) and PNG. */
export function icnsFile(entries) {
  const chunks = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const dataUrl = (svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** The glyph alone, black on transparent: the macOS template image. */
const glyphHtml = (svg, size) => `<img src="${dataUrl(svg)}" width="${size}" height="${size}" style="display:block">`;

/**
 * Windows and Linux trays sit on light or dark bars: the glyph in white on the
 * app's blue tile reads on both. Composed here so tray.svg stays the one shape.
 */
const colourTrayHtml = (svg, size) => `
  <div style="width:${size}px;height:${size}px;border-radius:${size * 0.22}px;
              background:linear-gradient(#3B8BF6,#1A56C8);display:grid;place-items:center">
    <img src="${dataUrl(svg)}" width="${size * 0.8}" height="${size * 0.8}" style="display:block;filter:invert(1)">
  </div>`;

async function renderer() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // No network here or on most build machines: background fetches only fail noisily.
    args: ['--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  return {
    async png(html, size) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${html}</body></html>`);
      await page.waitForFunction(() => [...document.images].every((i) => i.complete));
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    },
    close: () => browser.close(),
  };
}

function write(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`wrote ${path.slice(root.length + 1)} (${data.length} bytes)`);
}

async function main() {
  const appSvg = readFileSync(join(build, 'icon.svg'), 'utf8');
  const traySvg = readFileSync(join(build, 'tray/tray.svg'), 'utf8');
  const render = await renderer();
  try {
    const app = new Map();
    for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_ENTRIES.map(([, s]) => s)])) {
      app.set(size, await render.png(glyphHtml(appSvg, size), size));
    }
    write(join(build, 'icon.png'), app.get(1024));
    for (const size of LINUX_SIZES) write(join(build, `icons/${size}x${size}.png`), app.get(size));
    write(join(build, 'icon.ico'), icoFile(ICO_SIZES.map((size) => ({ size, data: app.get(size) }))));
    write(join(build, 'icon.icns'), icnsFile(ICNS_ENTRIES.map(([type, size]) => ({ type, data: app.get(size) }))));

    write(join(build, 'tray/trayTemplate.png'), await render.png(glyphHtml(traySvg, 16), 16));
    write(join(build, 'tray/trayTemplate@2x.png'), await render.png(glyphHtml(traySvg, 32), 32));
    write(join(build, 'tray/tray.png'), await render.png(colourTrayHtml(traySvg, 32), 32));
    write(join(build, 'tray/tray@2x.png'), await render.png(colourTrayHtml(traySvg, 64), 64));
    const trayIco = [];
    for (const size of TRAY_ICO_SIZES)
      trayIco.push({ size, data: await render.png(colourTrayHtml(traySvg, size), size) });
    write(join(build, 'tray/tray.ico'), icoFile(trayIco));
  } finally {
    await render.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
