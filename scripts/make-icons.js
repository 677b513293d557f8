// Draws the icon set (a cookie under a magnifying glass) into icons/*.png, without dependencies:
// each pixel is supersampled 4x4 for clean edges at 16 px. Run: node scripts/make-icons.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 19, 32, 38, 48, 96, 128];
const COOKIE = [0xc8, 0x8a, 0x3c];
const CHIP = [0x5a, 0x33, 0x12];
const LENS = [0x1d, 0x4e, 0xa8];

function colorAt(x, y) {
  // Coordinates in a 0..1 square.
  const lx = x - 0.66, ly = y - 0.66; // lens centre
  const lr = Math.hypot(lx, ly);
  // Handle of the lens, towards the bottom right.
  const t = (lx + ly) / 2;
  const d = Math.abs(lx - ly) / Math.SQRT2;
  if (t > 0.17 && t < 0.34 && d < 0.065) return LENS;
  if (lr > 0.16 && lr < 0.225) return LENS;
  const cx = x - 0.42, cy = y - 0.42;
  const r = Math.hypot(cx, cy);
  if (r < 0.38) {
    // A bite out of the top right.
    if (Math.hypot(x - 0.74, y - 0.12) < 0.14) return null;
    for (const [px, py, pr] of [[0.3, 0.3, 0.06], [0.5, 0.22, 0.045], [0.25, 0.55, 0.05], [0.5, 0.48, 0.05], [0.4, 0.7, 0.04]]) {
      if (Math.hypot(x - px, y - py) < pr) return CHIP;
    }
    return COOKIE;
  }
  return null;
}

function png(size) {
  const S = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const c = colorAt((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
        if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0; raw[o + 1] = a ? Math.round(g / a) : 0; raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((255 * a) / (S * S));
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(td) >>> 0 : crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const dir = path.join(__dirname, '..', 'icons');
fs.mkdirSync(dir, { recursive: true });
for (const s of SIZES) fs.writeFileSync(path.join(dir, `icon-${s}.png`), png(s));
console.log(`wrote ${SIZES.length} icons to icons/`);
