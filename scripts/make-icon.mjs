// Draws images/icon.png (128×128): an orange NapCat dot, an arrow, a milk-white Milky drop on blue.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * (N * 4 + 1));
const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
for (let y = 0; y < N; y++) {
  px[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    // Rounded square background, vertical gradient.
    const r = 24, cx = Math.min(Math.max(x, r), N - 1 - r), cy = Math.min(Math.max(y, r), N - 1 - r);
    const inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    let c = inside ? [...mix([32, 58, 110], [20, 120, 190], y / N), 255] : [0, 0, 0, 0];
    // NapCat: orange circle on the left.
    if ((x - 36) ** 2 + (y - 64) ** 2 <= 20 ** 2) c = [245, 145, 50, 255];
    // Arrow in the middle.
    if (y >= 60 && y <= 68 && x >= 58 && x <= 74) c = [255, 255, 255, 255];
    if (x >= 72 && x <= 82 && Math.abs(y - 64) <= (82 - x)) c = [255, 255, 255, 255];
    // Milky: a white drop on the right.
    const dx = x - 100, dy = y - 70;
    if (dx * dx + dy * dy <= 16 ** 2 || (y < 70 && y > 40 && Math.abs(dx) <= (y - 40) * 0.55)) c = [250, 250, 245, 255];
    px.set(c, y * (N * 4 + 1) + 1 + x * 4);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
mkdirSync('images', { recursive: true });
writeFileSync('images/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px)), chunk('IEND', Buffer.alloc(0))]));
