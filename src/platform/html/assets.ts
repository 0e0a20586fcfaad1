import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The public/ folder at the repository root (works from src/ under tsx and from dist/src/ once built). */
export const PUBLIC_DIR = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'public', 'css', 'site.css'))) return path.join(dir, 'public');
    dir = path.dirname(dir);
  }
  throw new Error('public/ folder not found');
})();

const hashes = new Map<string, string>();

/** `/static/css/site.css?v=1a2b3c4d`: the hash changes when the file does, so it can be cached for a year. */
export function assetUrl(file: string): string {
  let h = hashes.get(file);
  if (!h) {
    const buf = fs.readFileSync(path.join(PUBLIC_DIR, file));
    h = crypto.createHash('sha256').update(buf).digest('hex').slice(0, 10);
    hashes.set(file, h);
  }
  return `/static/${file}?v=${h}`;
}
