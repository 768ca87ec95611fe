#!/usr/bin/env node
// Draws the app icons as PNG files (assets/icon-192.png, assets/icon-512.png and the full-bleed
// assets/icon-maskable-512.png) from the same shapes as assets/favicon.svg: a red rounded square
// with a white tick. It needs nothing but Node (zlib for the PNG data), so the icons can be
// redrawn on a machine with no network and no image tools. Run it by hand after changing the
// design: `node scripts/make-icons.mjs`; the PNGs are committed, the build only copies them.

import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const RED = [0xb3, 0x14, 0x1b];
const WHITE = [0xff, 0xff, 0xff];
// The tick of favicon.svg in its 32x32 box: M8 17 l5 5 l11 -12, stroke width 4, round caps.
const TICK = [[8, 17], [13, 22], [24, 10]];

/** Distance from point p to the segment a-b. */
function distToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether the point (in the 32-unit box) lies inside the square with corner radius `rx`. */
function inRoundedSquare(x, y, rx) {
  if (x < 0 || y < 0 || x > 32 || y > 32) return false;
  const cx = Math.min(Math.max(x, rx), 32 - rx);
  const cy = Math.min(Math.max(y, rx), 32 - rx);
  return Math.hypot(x - cx, y - cy) <= rx;
}

/**
 * Renders the icon at `size` pixels, 4x4 supersampled for smooth edges. `scale` shrinks the tick
 * toward the centre (maskable icons must keep their content inside the middle 80%); `rx` is the
 * corner radius in icon units (0 for a full-bleed square).
 */
function render(size, { rx, scale }) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const ux = ((x + (sx + 0.5) / n) / size) * 32;
          const uy = ((y + (sy + 0.5) / n) / size) * 32;
          if (!inRoundedSquare(ux, uy, rx)) continue;
          bg++;
          // Map back into the tick's own coordinates around the centre (16, 16).
          const tx = 16 + (ux - 16) / scale;
          const ty = 16 + (uy - 16) / scale;
          const d = Math.min(distToSegment([tx, ty], TICK[0], TICK[1]), distToSegment([tx, ty], TICK[1], TICK[2]));
          if (d <= 2) fg++;
        }
      }
      const total = n * n;
      const i = (y * size + x) * 4;
      const a = bg / total;
      const f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) px[i + c] = Math.round(RED[c] * (1 - f) + WHITE[c] * f);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no filtering). */
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [name, size, opts] of [
  ['icon-192.png', 192, { rx: 6, scale: 1 }],
  ['icon-512.png', 512, { rx: 6, scale: 1 }],
  ['icon-maskable-512.png', 512, { rx: 0, scale: 0.75 }],
]) {
  const file = join(ASSETS, name);
  writeFileSync(file, png(size, render(size, opts)));
  console.error(`make-icons: wrote ${file}`);
}
