// Shared by the feedback module's tests.
import type { FastifyInstance } from 'fastify';
import type { TestClient } from '../helpers/client.js';

/** The id of the unit that carries a code today (communes reused codes in 2025). */
export async function unitIdOf(app: FastifyInstance, code: string): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  const row = await app.deps.db
    .selectFrom('org_units')
    .select('id')
    .where('code', '=', code)
    .where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function itemOf(app: FastifyInstance, code: string) {
  return app.deps.db.selectFrom('feedback_items').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

export async function countItems(app: FastifyInstance): Promise<number> {
  const r = await app.deps.db
    .selectFrom('feedback_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Submit through the JSON API; returns the tracking code. */
export async function submitApi(c: TestClient, body: Record<string, unknown>): Promise<string> {
  const res = await c.json('POST', '/api/v1/feedback', body);
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { code: string }).code;
}

/** A commune unit code that exists in the starter data. */
export const COMMUNE = '00070'; // Phường Hoàn Kiếm
export const OTHER_COMMUNE = '00004'; // Phường Ba Đình
