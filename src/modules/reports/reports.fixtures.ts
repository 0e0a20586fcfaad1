// Shared by the reports module's test files: signed-in clients and the starter form's units and periods.
import type { TestApp } from '../../../test/helpers/build-app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { unitByCode } from '../org/index.js';

/** A signed-in client that has loaded a page (so it holds a CSRF token). */
export async function ready(c: Promise<TestClient & { userId: number }>) {
  const client = await c;
  await client.get('/quan-tri');
  return client;
}

/** The starter form, its periods by first day, and three units that report: two communes and a department. */
export async function setup(ta: TestApp) {
  const db = ta.app.deps.db;
  const a = (await unitByCode(db, '00004', '2025-08-01'))!;
  const b = (await unitByCode(db, '00008', '2025-08-01'))!;
  const dept = (await unitByCode(db, 'HN-SYT', '2025-08-01'))!;
  const form = await db.selectFrom('report_forms').selectAll().orderBy('id').executeTakeFirstOrThrow();
  const period = async (start: string) =>
    db
      .selectFrom('report_periods')
      .selectAll()
      .where('form_id', '=', form.id)
      .where('start_date', '=', start)
      .executeTakeFirstOrThrow();
  return { db, a, b, dept, form, period };
}
