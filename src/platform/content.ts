import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's content/ folder: starter guides and reference data shipped with the code. */
export const CONTENT_DIR = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'content', 'topics.json'))) return path.join(dir, 'content');
    dir = path.dirname(dir);
  }
  throw new Error('content/ folder not found');
})();
