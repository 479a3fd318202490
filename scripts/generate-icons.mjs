#!/usr/bin/env node
// Draws Switchboard's icons as PNGs with nothing but Node (zlib): the tray states (idle, active,
// blocked, down, attention, waiting) at 16 px and @2x, and the app icon at 512 px. Run: node scripts/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (Float64 0..1, premultiplied-free) -> PNG bytes. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixels[y * size + x];
      const at = y * (size * 4 + 1) + 1 + x * 4;
      raw[at] = Math.round(r * 255);
      raw[at + 1] = Math.round(g * 255);
      raw[at + 2] = Math.round(b * 255);
      raw[at + 3] = Math.round(a * 255);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hex(color) {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255];
}

/**
 * Renders `shapes` (painted in order; each a function (x, y) -> boolean over the unit square) with
 * 4x4 supersampling so edges are smooth at 16 px.
 */
function render(size, layers) {
  const samples = 4;
  const pixels = [];
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let sample = null;
          for (const { inside, color } of layers) if (inside(x, y)) sample = color;
          if (sample) {
            r += sample[0];
            g += sample[1];
            b += sample[2];
            a += 1;
          }
        }
      }
      const n = samples * samples;
      pixels.push(a === 0 ? [0, 0, 0, 0] : [r / a, g / a, b / a, a / n]);
    }
  }
  return pixels;
}

const circle = (cx, cy, radius) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
const ring = (cx, cy, outer, inner) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return d <= outer ** 2 && d >= inner ** 2;
};
const roundedSquare = (margin, radius) => (x, y) => {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return (
    x >= margin &&
    x <= 1 - margin &&
    y >= margin &&
    y <= 1 - margin &&
    dx * dx + dy * dy <= radius * radius
  );
};
const bar = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
/** An upright triangle: apex at (cx, top), base at y = bottom, half as wide as `halfWidth`. */
const delta = (cx, top, bottom, halfWidth) => (x, y) =>
  y >= top && y <= bottom && Math.abs(x - cx) <= (halfWidth * (y - top)) / (bottom - top);

/** A downward triangle: base at y = top, apex at (cx, bottom). */
const nabla = (cx, top, bottom, halfWidth) => (x, y) =>
  y >= top && y <= bottom && Math.abs(x - cx) <= (halfWidth * (bottom - y)) / (bottom - top);

const WHITE = hex('#ffffff');

/** Tray: a coloured disc with a white "jack" ring; blocked adds a bar, down a gap. */
const TRAY_STATES = {
  idle: { color: '#8b949e', mark: [] },
  active: { color: '#2ea043', mark: [{ inside: circle(0.5, 0.5, 0.12), color: WHITE }] },
  blocked: { color: '#d1242f', mark: [{ inside: bar(0.27, 0.44, 0.73, 0.56), color: WHITE }] },
  down: {
    color: '#bf8700',
    mark: [
      { inside: bar(0.44, 0.25, 0.56, 0.58), color: WHITE },
      { inside: circle(0.5, 0.72, 0.065), color: WHITE },
    ],
  },
  // A tool's definition changed and waits for review (SPEC 11): a white delta on violet.
  attention: { color: '#8250df', mark: [{ inside: delta(0.5, 0.24, 0.72, 0.27), color: WHITE }] },
  // A held call waits for a person (SPEC 10): a white hourglass on blue.
  waiting: {
    color: '#1f6feb',
    mark: [
      { inside: bar(0.3, 0.22, 0.7, 0.3), color: WHITE },
      { inside: nabla(0.5, 0.3, 0.5, 0.17), color: WHITE },
      { inside: delta(0.5, 0.5, 0.7, 0.17), color: WHITE },
      { inside: bar(0.3, 0.7, 0.7, 0.78), color: WHITE },
    ],
  },
};

function trayLayers({ color, mark }) {
  const fill = hex(color);
  const base = [{ inside: circle(0.5, 0.5, 0.47), color: fill }];
  const jack =
    mark.length === 0 || color === '#2ea043'
      ? [{ inside: ring(0.5, 0.5, 0.3, 0.19), color: WHITE }]
      : [];
  return [...base, ...jack, ...mark];
}

/** App icon: a blue rounded square holding a patch panel, two rows of three jacks, one live. */
function appLayers() {
  const blue = hex('#1f6feb');
  const dark = hex('#0d1117');
  const jacks = [0.36, 0.64].flatMap((cy, row) =>
    [0.28, 0.5, 0.72].flatMap((cx, column) => [
      { inside: circle(cx, cy, 0.09), color: WHITE },
      { inside: circle(cx, cy, 0.045), color: row === 0 && column === 1 ? hex('#2ea043') : dark },
    ]),
  );
  return [{ inside: roundedSquare(0.06, 0.18), color: blue }, ...jacks];
}

function write(name, size, layers) {
  const path = join(OUT, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, render(size, layers)));
  return path;
}

const written = [];
for (const [state, spec] of Object.entries(TRAY_STATES)) {
  written.push(write(`tray/${state}.png`, 16, trayLayers(spec)));
  written.push(write(`tray/${state}@2x.png`, 32, trayLayers(spec)));
}
written.push(write('icon.png', 512, appLayers()));
console.log(`generate-icons: wrote ${written.length} PNGs under ${OUT}`);
