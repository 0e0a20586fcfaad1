import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_DIR } from '../../platform/content.js';
import type { AppDeps } from '../../platform/module.js';
import { validateGuideContent, type GuideContent } from './guides.content.js';

interface TopicsFile {
  topics: Array<{ id: string; audience: string; title: string; scope: string }>;
}

export function readTopicsFile(): TopicsFile['topics'] {
  return (JSON.parse(fs.readFileSync(path.join(CONTENT_DIR, 'topics.json'), 'utf8')) as TopicsFile).topics;
}

/** The starter guides shipped in content/guides, checked like an editor's save. */
export function readStarterGuides(): GuideContent[] {
  const topics = readTopicsFile();
  const known = new Set(topics.map((t) => t.id));
  const dir = path.join(CONTENT_DIR, 'guides');
  const out: GuideContent[] = [];
  for (const t of topics) {
    const file = path.join(dir, `${t.id}.json`);
    if (!fs.existsSync(file)) continue;
    const content = JSON.parse(fs.readFileSync(file, 'utf8').normalize('NFC')) as GuideContent;
    const errors = validateGuideContent(content, known);
    if (errors.length) throw new Error(`content/guides/${t.id}.json: ${errors.map((e) => e.message).join(' ')}`);
    out.push(content);
  }
  return out;
}

export async function seedGuides({ db }: AppDeps): Promise<void> {
  const topics = readTopicsFile();
  const guides = readStarterGuides();
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [i, t] of topics.entries()) {
      await trx
        .insertInto('topics')
        .values({ id: t.id, title: t.title, audience: t.audience, scope: t.scope, sort: i })
        .execute();
    }
    for (const g of guides) {
      const v = await trx
        .insertInto('guide_versions')
        .values({
          topic_id: g.id,
          version_no: 1,
          status: 'published',
          content: JSON.stringify(g),
          author_id: null,
          reviewer_id: null,
          review_note: 'Nội dung khởi tạo',
          created_at: at,
          updated_at: at,
          submitted_at: null,
          published_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('guides').values({ topic_id: g.id, published_version_id: v.id, updated_at: at }).execute();
    }
  });
}
