// Issue B: POST /api/v1/assistant/ask under 100 connections, beside GET /healthz (a trivial JSON route of the
// same server, our hello-world baseline), printing the ratio. Two runs of ask: questions people repeat (the
// decision cache answers them) and questions made unique on every request (every one goes through retrieval).
import path from 'node:path';
import type autocannon from 'autocannon';
import { readQuestions } from '../src/modules/assistant/assistant.eval.js';
import { fmt, load, startServer } from './lib.js';

export async function run(): Promise<void> {
  const questions = readQuestions(path.resolve('test/fixtures/assistant-heldout.tsv')).map((r) => r.question);
  const server = await startServer();
  try {
    const ask = (unique: boolean): autocannon.Request[] => {
      let n = 0;
      return questions.map((q) => ({
        method: 'POST',
        path: '/api/v1/assistant/ask',
        headers: { 'content-type': 'application/json' },
        // A number at the end changes nothing in the answer but defeats the decision cache.
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          body: JSON.stringify({ question: unique ? `${q} ${++n}` : q, channel: 'bench' }),
        }),
      }));
    };
    // Warm up (JIT, caches), then measure.
    await load({ url: `${server.url}/healthz`, duration: 2 });
    await load({ url: server.url, requests: ask(false), duration: 2 });
    const hello = await load({ url: `${server.url}/healthz` });
    const repeated = await load({ url: server.url, requests: ask(false) });
    const unique = await load({ url: server.url, requests: ask(true) });
    console.log('## Assistant (issue B)');
    console.log(`GET /healthz (hello-world JSON, same server): ${fmt(hello)}`);
    console.log(`POST /api/v1/assistant/ask, ${questions.length} questions repeated:   ${fmt(repeated)}`);
    console.log(`  ratio ask / hello-world: ${(repeated.rps / hello.rps).toFixed(2)} (target >= 0.3)`);
    console.log(`POST /api/v1/assistant/ask, every question unique: ${fmt(unique)}`);
    console.log(`  ratio ask / hello-world: ${(unique.rps / hello.rps).toFixed(2)} (no cache hits)`);
  } finally {
    await server.stop();
  }
}
