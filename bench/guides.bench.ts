// Issue A: a guide page and the search API under 100 connections, beside a static server on the same bytes.
import http from 'node:http';
import { fmt, freePort, load, startServer } from './lib.js';

export async function run(): Promise<void> {
  const server = await startServer();
  try {
    const page = await (await fetch(`${server.url}/huong-dan/khai-sinh`)).text();
    const bytes = Buffer.from(page);
    const port = await freePort();
    const staticServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length });
      res.end(bytes);
    });
    await new Promise<void>((r) => staticServer.listen(port, '127.0.0.1', () => r()));
    const baseline = await load({ url: `http://127.0.0.1:${port}/` });
    staticServer.close();
    const guide = await load({ url: `${server.url}/huong-dan/khai-sinh` });
    const search = await load({ url: `${server.url}/api/v1/search?q=cap%20lai%20cccd` });
    console.log('## Guides (issue A)');
    console.log(`static server, same ${bytes.length} bytes: ${fmt(baseline)}`);
    console.log(`guide page /huong-dan/khai-sinh:      ${fmt(guide)}`);
    console.log(`  ratio guide / static: ${(guide.rps / baseline.rps).toFixed(2)} (target >= 0.6)`);
    console.log(`search API ?q=cap lai cccd:           ${fmt(search)} (target p99 < 20 ms)`);
  } finally {
    await server.stop();
  }
}
