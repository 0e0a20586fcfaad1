// Issue A: a guide page and the search API under 100 connections, beside a static server on the same bytes.
import http from 'node:http';
import { fmt, load, startServer, startStatic, type LoadResult } from './lib.js';

const GUIDE = '/huong-dan/khai-sinh';
/** What Chromium sends; the platform answers with brotli. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** Static server on the given bytes vs the guide page, both warmed up, measured one after the other. */
async function compare(serverUrl: string, bytes: Buffer, headers: Record<string, string>, sent: Record<string, string>) {
  const staticServer = await startStatic(bytes, 'text/html; charset=utf-8', sent);
  await load({ url: staticServer.url, duration: 2, headers });
  await load({ url: `${serverUrl}${GUIDE}`, duration: 2, headers });
  const baseline = await load({ url: staticServer.url, headers });
  await staticServer.stop();
  const guide = await load({ url: `${serverUrl}${GUIDE}`, headers });
  return { baseline, guide };
}

function ratioLine(label: string, r: { baseline: LoadResult; guide: LoadResult }, size: number): void {
  console.log(`${label}, static server on the same ${size} bytes: ${fmt(r.baseline)}`);
  console.log(`${label}, guide page ${GUIDE}: ${fmt(r.guide)}`);
  console.log(`  ratio guide / static: ${(r.guide.rps / r.baseline.rps).toFixed(2)} (target >= 0.6)`);
}

/** The body as sent (fetch would decompress it). */
function rawBody(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
      .on('error', reject);
  });
}

export async function run(): Promise<void> {
  const server = await startServer();
  try {
    const plain = Buffer.from(await (await fetch(`${server.url}${GUIDE}`)).arrayBuffer());
    const br = await rawBody(`${server.url}${GUIDE}`, BROWSER);
    console.log('## Guides (issue A)');
    ratioLine('uncompressed', await compare(server.url, plain, {}, {}), plain.length);
    ratioLine('brotli (browser)', await compare(server.url, br, BROWSER, { 'content-encoding': 'br' }), br.length);
    const search = await load({ url: `${server.url}/api/v1/search?q=cap%20lai%20cccd` });
    console.log(
      `search API ?q=cap lai cccd: ${fmt(search)} (target p99 < 20 ms; the static server's own p99 above is the floor on this machine)`,
    );
    // Every query different (a number appended), so none is answered from the search cache.
    let n = 0;
    const unique = await load({
      url: server.url,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/search?q=cap%20lai%20cccd%20${++n}` }) }],
    });
    console.log(`search API, every query unique (no cache): ${fmt(unique)}`);
  } finally {
    await server.stop();
  }
}
