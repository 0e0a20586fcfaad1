// Issue A: a guide page and the search API under 100 connections, beside a static server on the same bytes.
import { fmt, load, startServer, startStatic } from './lib.js';

export async function run(): Promise<void> {
  const server = await startServer();
  try {
    const page = await (await fetch(`${server.url}/huong-dan/khai-sinh`)).text();
    const bytes = Buffer.from(page);
    const staticServer = await startStatic(bytes, 'text/html; charset=utf-8');
    // Warm up both (JIT, page cache), then measure.
    await load({ url: staticServer.url, duration: 2 });
    await load({ url: `${server.url}/huong-dan/khai-sinh`, duration: 2 });
    const baseline = await load({ url: staticServer.url });
    await staticServer.stop();
    const guide = await load({ url: `${server.url}/huong-dan/khai-sinh` });
    const search = await load({ url: `${server.url}/api/v1/search?q=cap%20lai%20cccd` });
    console.log('## Guides (issue A)');
    console.log(`static server, same ${bytes.length} bytes: ${fmt(baseline)}`);
    console.log(`guide page /huong-dan/khai-sinh:      ${fmt(guide)}`);
    console.log(`  ratio guide / static: ${(guide.rps / baseline.rps).toFixed(2)} (target >= 0.6)`);
    console.log(
      `search API ?q=cap lai cccd:           ${fmt(search)} (target p99 < 20 ms; the static server's own p99 above is the floor on this machine)`,
    );
  } finally {
    await server.stop();
  }
}
