import { LRUCache } from 'lru-cache';
import { diffLines } from 'diff';
import { audit } from '../../platform/audit.js';
import type { DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { FieldError, SignedInUser } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import {
  SearchIndex,
  STARTER_DICTIONARY,
  compileDictionary,
  type CompiledDictionary,
  type DictionaryEntry,
} from '../../platform/text/index.js';
import { guideAsText, validateGuideContent, type GuideContent } from './guides.content.js';
import { contentFromForm, type GuideForm } from './guides.form.js';
import * as repo from './guides.repository.js';

export interface PublishedGuide {
  id: string;
  content: GuideContent;
  versionNo: number;
  publishedAt: string | null;
  /** Topic order from topics.json. */
  sort: number;
}

export interface SearchResult {
  topic: string;
  title: string;
  summary: string;
  url: string;
  score: number;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
  /** "Did you mean" words when the query had typos the index corrected. */
  didYouMean: string | null;
}

type GuideField = 'title' | 'aliases' | 'questions' | 'headings' | 'body';

/** Field weights: what a guide is called counts most, its body least (BM25F). */
export const GUIDE_FIELDS = {
  title: { weight: 3.0, b: 0.3 },
  aliases: { weight: 2.5, b: 0.3 },
  questions: { weight: 2.0, b: 0.5 },
  headings: { weight: 1.2, b: 0.7 },
  body: { weight: 1.0, b: 0.75 },
} as const;

export function guideDocument(g: GuideContent, scope = '') {
  return {
    id: g.id,
    fields: {
      title: g.title,
      aliases: g.aliases,
      questions: g.faq.map((f) => f.q),
      headings: [...g.steps, g.whoFor, ...g.documents, ...g.procedureCodes.map((p) => `${p.code} ${p.name}`)],
      body: [
        g.summary,
        scope,
        ...g.faq.map((f) => f.a),
        ...g.mistakes,
        g.fee.text,
        g.processingTime.text,
        g.inPerson,
        g.online.text,
      ],
    } satisfies Partial<Record<GuideField, string | string[]>>,
  };
}

const now = () => new Date().toISOString();

/**
 * Guides: the published catalog (kept in memory, rebuilt on publish), search, the editing workflow
 * (draft -> review -> published by a second person), helpful votes and view counts.
 * One instance per running app.
 */
export class GuidesService {
  private published = new Map<string, PublishedGuide>();
  private ordered: PublishedGuide[] = [];
  private topics: repo.TopicRow[] = [];
  private index: SearchIndex<GuideField> = new SearchIndex(GUIDE_FIELDS, [], compileDictionary([]));
  /** Recent searches (people search the same few things over and over), emptied when the index is rebuilt. */
  private searches = new LRUCache<string, SearchResponse>({ max: 2000 });
  private dict: CompiledDictionary = compileDictionary(STARTER_DICTIONARY);
  private dictEntries: DictionaryEntry[] = [...STARTER_DICTIONARY];
  private views = new Map<string, number>();
  private viewTotals = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | undefined;
  private listeners: Array<() => void> = [];

  constructor(private readonly db: DbOrTrx) {}

  /** Load topics, published guides and the dictionary; start flushing view counts. */
  async load(): Promise<void> {
    await this.refresh();
    if (!this.flushTimer) {
      this.flushTimer = setInterval(() => void this.flushViews().catch(() => undefined), 10_000);
      this.flushTimer.unref();
    }
  }

  /** Rebuild the in-memory catalog and search index from the database. */
  async refresh(): Promise<void> {
    const [topics, rows, terms] = await Promise.all([
      repo.listTopics(this.db),
      repo.listPublished(this.db),
      this.db.selectFrom('text_terms').select(['term', 'expansion', 'kind']).execute(),
    ]);
    this.topics = topics;
    this.dictEntries = [...STARTER_DICTIONARY, ...terms];
    this.dict = compileDictionary(this.dictEntries);
    const published = new Map<string, PublishedGuide>();
    for (const r of rows) {
      published.set(r.topic_id, {
        id: r.topic_id,
        content: JSON.parse(r.content) as GuideContent,
        versionNo: r.version_no,
        publishedAt: r.published_at,
        sort: r.sort,
      });
      this.viewTotals.set(r.topic_id, Math.max(this.viewTotals.get(r.topic_id) ?? 0, r.views));
    }
    this.published = published;
    this.ordered = [...published.values()].sort((a, b) => a.sort - b.sort);
    const scopes = new Map(topics.map((t) => [t.id, t.scope]));
    this.searches.clear();
    this.index = new SearchIndex(
      GUIDE_FIELDS,
      this.ordered.map((g) => guideDocument(g.content, scopes.get(g.id))),
      this.dict,
    );
    for (const l of this.listeners) l();
  }

  /** Called after every refresh (the assistant rebuilds its own index then). */
  onRefresh(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = undefined;
    await this.flushViews().catch(() => undefined);
  }

  // ---- Public catalog -------------------------------------------------------------------------

  all(): readonly PublishedGuide[] {
    return this.ordered;
  }

  get(id: string): PublishedGuide | undefined {
    return this.published.get(id);
  }

  topicList(): readonly repo.TopicRow[] {
    return this.topics;
  }

  dictionary(): CompiledDictionary {
    return this.dict;
  }

  dictionaryEntries(): readonly DictionaryEntry[] {
    return this.dictEntries;
  }

  byAudience(audience: string): PublishedGuide[] {
    return this.ordered.filter(
      (g) => (g.content.audiences as string[]).includes(audience) || (g.content.segments as string[]).includes(audience),
    );
  }

  /** Most viewed guides first (ties in topic order). */
  mostUsed(limit = 6): PublishedGuide[] {
    return [...this.ordered]
      .sort((a, b) => (this.viewTotals.get(b.id) ?? 0) - (this.viewTotals.get(a.id) ?? 0) || a.sort - b.sort)
      .slice(0, limit);
  }

  recordView(id: string): void {
    this.views.set(id, (this.views.get(id) ?? 0) + 1);
    this.viewTotals.set(id, (this.viewTotals.get(id) ?? 0) + 1);
  }

  async flushViews(): Promise<void> {
    if (!this.views.size) return;
    const batch = this.views;
    this.views = new Map();
    for (const [id, n] of batch) {
      await this.db
        .updateTable('guides')
        .set((eb) => ({ views: eb('views', '+', n) }))
        .where('topic_id', '=', id)
        .execute();
    }
  }

  /**
   * Search published guides: diacritics-insensitive, abbreviation-aware, exact accents first.
   *
   * @example
   * service.search('cap lai cccd').results[0]?.topic; // 'can-cuoc'
   */
  search(query: string, limit = 10): SearchResponse {
    const q = query.trim().slice(0, 200);
    if (!q) return { query: q, results: [], didYouMean: null };
    const key = `${limit}\u0000${q}`;
    const cached = this.searches.get(key);
    if (cached) return cached;
    const res = this.runSearch(q, limit);
    this.searches.set(key, res);
    return res;
  }

  private runSearch(q: string, limit: number): SearchResponse {
    const hits = this.index.search(q, { limit: Math.max(limit, 10) });
    const top = hits[0]?.score ?? 0;
    const results = hits
      .filter((h) => h.score >= top * 0.3 && h.coverage > 0)
      .slice(0, limit)
      .map((h) => {
        const g = this.published.get(h.id)!;
        return {
          topic: h.id,
          title: g.content.title,
          summary: g.content.summary,
          url: `/huong-dan/${h.id}`,
          score: Number(h.score.toFixed(3)),
        };
      });
    const corrections = hits[0]?.corrections ?? [];
    let didYouMean: string | null = null;
    if (corrections.length) {
      didYouMean = corrections.reduce((s, c) => s.replace(new RegExp(`\\b${c.typed}\\b`, 'i'), c.readAs), q.toLowerCase());
    }
    return { query: q, results, didYouMean };
  }

  /** The search index, for modules that rank guides with their own rules (the assistant). */
  searchIndex(): SearchIndex<GuideField> {
    return this.index;
  }

  // ---- Helpful votes --------------------------------------------------------------------------

  async recordHelpful(topicId: string, helpful: boolean, comment: string | null): Promise<void> {
    if (!this.published.has(topicId)) throw new AppError('not_found', 'Không tìm thấy hướng dẫn này.');
    await this.db
      .insertInto('guide_feedback')
      .values({ topic_id: topicId, helpful: helpful ? 1 : 0, comment, created_at: now() })
      .execute();
  }

  // ---- Editing workflow -----------------------------------------------------------------------

  knownTopicIds(): Set<string> {
    return new Set(this.topics.map((t) => t.id));
  }

  async startDraft(user: SignedInUser, topicId: string): Promise<number> {
    const topic = await repo.findTopic(this.db, topicId);
    if (!topic) throw new AppError('not_found', 'Không tìm thấy chủ đề này.');
    return this.db.transaction().execute(async (trx) => {
      const open = await repo.findOpenVersion(trx, topicId);
      if (open) return open.id;
      const current = this.published.get(topicId)?.content ?? emptyContent(topic);
      const versionNo = await repo.nextVersionNo(trx, topicId);
      const id = await repo.insertVersion(trx, {
        topic_id: topicId,
        version_no: versionNo,
        status: 'draft',
        content: JSON.stringify(current),
        author_id: user.id,
        now: now(),
      });
      await audit(trx, {
        actorId: user.id,
        action: 'guide.draft',
        entity: 'guide',
        entityId: topicId,
        summary: `Tạo bản nháp phiên bản ${versionNo}`,
      });
      return id;
    });
  }

  async saveDraft(user: SignedInUser, versionId: number, form: GuideForm): Promise<FieldError[]> {
    const v = await this.requireVersion(versionId);
    if (v.status !== 'draft') throw new AppError('conflict', 'Chỉ sửa được bản nháp. Bản này đang chờ duyệt hoặc đã xuất bản.');
    const content = contentFromForm(v.topic_id, form);
    const errors = validateGuideContent(content, this.knownTopicIds());
    if (errors.length) return errors;
    const before = JSON.parse(v.content) as GuideContent;
    const changed = diffLines(guideAsText(before), guideAsText(content)).filter((p) => p.added || p.removed).length;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('guide_versions')
        .set({ content: JSON.stringify(content), updated_at: now(), author_id: user.id })
        .where('id', '=', versionId)
        .where('status', '=', 'draft')
        .execute();
      await audit(trx, {
        actorId: user.id,
        action: 'guide.edit',
        entity: 'guide',
        entityId: v.topic_id,
        summary: `Sửa bản nháp phiên bản ${v.version_no} (${changed} đoạn thay đổi)`,
      });
    });
    return [];
  }

  async submitForReview(user: SignedInUser, versionId: number): Promise<void> {
    const v = await this.requireVersion(versionId);
    if (v.status !== 'draft') throw new AppError('conflict', 'Bản này không còn là bản nháp.');
    const errors = validateGuideContent(JSON.parse(v.content), this.knownTopicIds());
    if (errors.length) throw new AppError('validation_failed', `Bản nháp chưa hợp lệ: ${errors[0]!.message}`);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('guide_versions')
        .set({ status: 'review', submitted_at: now(), updated_at: now() })
        .where('id', '=', versionId)
        .execute();
      await audit(trx, {
        actorId: user.id,
        action: 'guide.submit',
        entity: 'guide',
        entityId: v.topic_id,
        summary: `Gửi duyệt phiên bản ${v.version_no}`,
      });
    });
  }

  async publish(user: SignedInUser, versionId: number): Promise<void> {
    const v = await this.requireVersion(versionId);
    if (v.status !== 'review') throw new AppError('conflict', 'Chỉ xuất bản được bản đang chờ duyệt.');
    if (v.author_id === user.id) {
      throw new AppError('forbidden', 'Người soạn không tự duyệt được. Cần một biên tập viên khác duyệt và xuất bản.');
    }
    const at = now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('guide_versions')
        .set({ status: 'archived', updated_at: at })
        .where('topic_id', '=', v.topic_id)
        .where('status', '=', 'published')
        .execute();
      await trx
        .updateTable('guide_versions')
        .set({ status: 'published', reviewer_id: user.id, published_at: at, updated_at: at })
        .where('id', '=', versionId)
        .execute();
      const exists = await trx.selectFrom('guides').select('topic_id').where('topic_id', '=', v.topic_id).executeTakeFirst();
      if (exists) {
        await trx
          .updateTable('guides')
          .set({ published_version_id: versionId, updated_at: at })
          .where('topic_id', '=', v.topic_id)
          .execute();
      } else {
        await trx
          .insertInto('guides')
          .values({ topic_id: v.topic_id, published_version_id: versionId, updated_at: at })
          .execute();
      }
      await audit(trx, {
        actorId: user.id,
        action: 'guide.publish',
        entity: 'guide',
        entityId: v.topic_id,
        summary: `Duyệt và xuất bản phiên bản ${v.version_no}`,
      });
    });
    await this.refresh();
  }

  async returnToDraft(user: SignedInUser, versionId: number, note: string): Promise<void> {
    const v = await this.requireVersion(versionId);
    if (v.status !== 'review') throw new AppError('conflict', 'Chỉ trả lại được bản đang chờ duyệt.');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('guide_versions')
        .set({ status: 'draft', review_note: note || null, reviewer_id: user.id, updated_at: now() })
        .where('id', '=', versionId)
        .execute();
      await audit(trx, {
        actorId: user.id,
        action: 'guide.return',
        entity: 'guide',
        entityId: v.topic_id,
        summary: `Trả lại phiên bản ${v.version_no} để sửa`,
        detail: note ? { note } : undefined,
      });
    });
  }

  async requireVersion(versionId: number): Promise<repo.VersionRow> {
    const v = await repo.findVersion(this.db, versionId);
    if (!v) throw new AppError('not_found', 'Không tìm thấy phiên bản này.');
    return v;
  }

  /** Line diff between a version and the one before it (or another version). */
  async diff(versionId: number, againstId?: number) {
    const v = await this.requireVersion(versionId);
    let base: repo.VersionRow | undefined;
    if (againstId) base = await this.requireVersion(againstId);
    else {
      base = await this.db
        .selectFrom('guide_versions')
        .selectAll()
        .where('topic_id', '=', v.topic_id)
        .where('version_no', '<', v.version_no)
        .orderBy('version_no', 'desc')
        .executeTakeFirst();
    }
    if (base && base.topic_id !== v.topic_id) throw new AppError('bad_request', 'Hai phiên bản không cùng một hướng dẫn.');
    const before = base ? guideAsText(JSON.parse(base.content) as GuideContent) : '';
    const after = guideAsText(JSON.parse(v.content) as GuideContent);
    return { version: v, base: base ?? null, parts: diffLines(before, after) };
  }
}

export function emptyContent(topic: repo.TopicRow): GuideContent {
  const audience: GuideContent['audiences'][number] =
    topic.audience === 'business' ? 'doanh-nghiep' : topic.audience === 'official' ? 'can-bo' : 'nguoi-dan';
  return {
    id: topic.id,
    title: topic.title,
    audiences: [audience],
    segments: [],
    summary: topic.scope,
    whoFor: '',
    steps: [],
    documents: [],
    fee: { text: '', sources: [] },
    processingTime: { text: '', sources: [] },
    online: { text: '', url: '' },
    inPerson: '',
    procedureCodes: [],
    mistakes: [],
    related: [],
    faq: [],
    aliases: [],
    sources: [],
    checkedOn: new Date().toISOString().slice(0, 10),
  };
}

const instances = new WeakMap<AppDeps, GuidesService>();

/** The app's guides service (one per running app). */
export function guidesService(deps: AppDeps): GuidesService {
  let s = instances.get(deps);
  if (!s) {
    s = new GuidesService(deps.db);
    instances.set(deps, s);
  }
  return s;
}
