import { LRUCache } from 'lru-cache';
import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Insertable } from 'kysely';
import { audit } from '../../platform/audit.js';
import { relaxedTransaction } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { FieldError, SignedInUser } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { normalize, redactPersonalData } from '../../platform/text/index.js';
import { guidesService } from '../guides/index.js';
import { composeReply, type Reply } from './assistant.answer.js';
import { AssistantEngine, type Decision, type KnowledgeTopic, type Outcome } from './assistant.engine.js';
import { phraseAnswer } from './assistant.llm.js';
import * as repo from './assistant.repository.js';
import type { AssistantConversationsTable, AssistantOutcome } from './assistant.table.js';

export interface AskInput {
  question: string;
  conversationId?: string | null;
  channel?: string | null;
  /** A channel's own user key (hashed), so a Zalo chat continues without a conversation id. */
  externalKey?: string | null;
}

export interface AskResult extends Reply {
  topic: string | null;
  confidence: number;
  conversationId: string;
  outcome: Outcome;
  /** The number of this question in its conversation (1 for the first). */
  turn: number;
}

interface ConversationState {
  id: string;
  channel: string;
  /** The channel's user key (hashed), if the conversation is found by it. */
  key: string | null;
  lastTopic: string | null;
  count: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const CHANNEL = /^[a-z0-9-]{1,20}$/;
export const MAX_QUESTION = 500;
/** Answers below this confidence also go to the editors' queue. */
export const QUEUE_BELOW = 0.75;
const CACHE_SIZE = 2000;
const CONVERSATIONS_IN_MEMORY = 20_000;
const FLUSH_EVERY_MS = 1000;
const FLUSH_AT = 500;

const now = () => new Date().toISOString();
/** The date in Hanoi (UTC+7), for figures per day. */
export const hanoiDay = (d = new Date()) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
/** The question as retrieval sees it: personal data taken out entirely (not even the "[... đã ẩn]" label). */
const forRetrieval = (redacted: string) => redacted.replace(/\[[^\]]*đã ẩn\]/g, ' ');

/**
 * The assistant: answers questions with the engine, remembers the topic in play per conversation, logs every
 * question (personal data removed before storage), and serves the back office (log, queue, figures, phrases).
 * One instance per running app. Message writes are buffered and flushed every second in one transaction.
 */
export class AssistantService {
  private engine: AssistantEngine | null = null;
  private building: Promise<void> | null = null;
  private listening = false;
  private readonly decisions = new LRUCache<string, { decision: Decision; reply: Reply; stored: string }>({ max: CACHE_SIZE });
  private readonly conversations = new Map<string, ConversationState>();
  private readonly byKey = new Map<string, string>();
  /** Conversations started since the last flush (inserted once, with their state at flush time). */
  private newConversations = new Map<string, { key: string | null; createdAt: string }>();
  private dirty = new Set<string>();
  private pending: repo.NewMessage[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private log: Pick<FastifyBaseLogger, 'error'> = { error: () => undefined };

  constructor(private readonly deps: AppDeps) {}

  setLogger(log: Pick<FastifyBaseLogger, 'error'>): void {
    this.log = log;
  }

  /** Build the engine from the published guides; rebuild whenever editors publish or change the dictionary. */
  async load(): Promise<void> {
    if (!this.listening) {
      this.listening = true;
      guidesService(this.deps).onRefresh(() => void this.rebuild());
    }
    await this.rebuild();
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Rebuild the engine (guides, editor phrases, dictionary). Concurrent calls share one build. */
  rebuild(): Promise<void> {
    const run = async () => {
      const guides = guidesService(this.deps);
      const phrases = await repo.listPhrases(this.deps.db);
      const topics: KnowledgeTopic[] = guides.topicList().map((t) => ({
        id: t.id,
        title: t.title,
        scope: t.scope,
        guide: guides.get(t.id)?.content ?? null,
      }));
      this.engine = new AssistantEngine(
        topics,
        phrases.map((p) => ({ topicId: p.topic_id, phrase: p.phrase, kind: p.kind, answer: p.answer })),
        guides.dictionaryEntries(),
      );
      this.decisions.clear();
    };
    const p = (this.building ?? Promise.resolve()).then(run, run);
    this.building = p;
    return p;
  }

  /** The current engine (built on start-up). */
  currentEngine(): AssistantEngine {
    if (!this.engine) throw new AppError('internal', 'Trợ lý chưa sẵn sàng. Vui lòng thử lại sau ít phút.');
    return this.engine;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  // ---- Answering ----------------------------------------------------------------------------------

  private async conversation(input: AskInput, channel: string): Promise<ConversationState> {
    const remember = (s: ConversationState) => {
      this.conversations.delete(s.id);
      this.conversations.set(s.id, s);
      return s;
    };
    const id = input.conversationId && UUID.test(input.conversationId) ? input.conversationId.toLowerCase() : null;
    if (id) {
      const known = this.conversations.get(id);
      if (known) return remember(known);
      const row = await repo.findConversation(this.deps.db, id);
      if (row) {
        return remember({ id, channel: row.channel, key: row.external_key, lastTopic: row.last_topic, count: row.message_count });
      }
    }
    const key = input.externalKey ?? null;
    if (key) {
      const kid = this.byKey.get(key);
      const known = kid ? this.conversations.get(kid) : undefined;
      if (known) return remember(known);
      const row = await repo.findConversationByKey(this.deps.db, key);
      if (row) {
        this.byKey.set(key, row.id);
        return remember({ id: row.id, channel: row.channel, key, lastTopic: row.last_topic, count: row.message_count });
      }
    }
    // A new conversation; an unknown id sent by a client is never adopted.
    const state: ConversationState = { id: crypto.randomUUID(), channel, key, lastTopic: null, count: 0 };
    this.newConversations.set(state.id, { key, createdAt: now() });
    if (key) this.byKey.set(key, state.id);
    return remember(state);
  }

  /** Decide and compose for a question (cached: people ask the same things many times). */
  private answerFor(question: string, lastTopic: string | null): { decision: Decision; reply: Reply; stored: string } {
    const engine = this.currentEngine();
    const key = `${lastTopic ?? ''}\u0000${normalize(question).replace(/\s+/g, ' ').trim()}`;
    const hit = this.decisions.get(key);
    if (hit) return hit;
    const decision = engine.decide(question, { lastTopic });
    const reply = composeReply(decision, (id) => engine.topic(id));
    // The reply as logged, serialized once for all the times the same question is asked.
    const result = { decision, reply, stored: JSON.stringify(reply) };
    this.decisions.set(key, result);
    return result;
  }

  /**
   * Answer a question: retrieval decides, the optional language model may phrase the answer, the conversation
   * remembers the topic in play, and the question is logged with personal data removed.
   *
   * @example
   * const r = await assistantService(deps).ask({ question: 'lam the can cuoc', channel: 'web' });
   */
  async ask(input: AskInput): Promise<AskResult> {
    const question = input.question.trim().slice(0, MAX_QUESTION);
    if (!question) throw new AppError('validation_failed', 'Vui lòng nhập câu hỏi.');
    const channel = input.channel && CHANNEL.test(input.channel) ? input.channel : 'web';
    const redacted = redactPersonalData(question);
    const conv = await this.conversation(input, channel);
    const { decision, reply: base, stored } = this.answerFor(forRetrieval(redacted), conv.lastTopic);
    let reply = base;
    let llm = false;
    const settings = this.deps.config;
    if (settings.assistantLlmUrl && decision.topic && (decision.outcome === 'answered' || decision.outcome === 'followup')) {
      const guide = this.currentEngine().topic(decision.topic)?.guide;
      if (guide) {
        const text = await phraseAnswer(
          { url: settings.assistantLlmUrl, model: settings.assistantLlmModel, timeoutMs: settings.assistantLlmTimeoutMs },
          forRetrieval(redacted),
          guide,
          decision.faq,
          decision.facet,
        );
        if (text) {
          reply = { ...base, answer: `${text}\n(Nguồn: hướng dẫn "${guide.title}")` };
          llm = true;
        }
      }
    }
    conv.count += 1;
    if (decision.topic) conv.lastTopic = decision.topic;
    this.dirty.add(conv.id);
    const confidence = Math.round(decision.confidence * 100) / 100;
    const queued =
      decision.outcome === 'declined' ||
      decision.outcome === 'clarify' ||
      (decision.outcome !== 'greeting' && confidence < QUEUE_BELOW);
    const at = new Date();
    this.pending.push({
      conversation_id: conv.id,
      created_at: at.toISOString(),
      day: hanoiDay(at),
      channel,
      question: redacted,
      outcome: decision.outcome as AssistantOutcome,
      topic: decision.topic,
      confidence,
      facet: decision.facet,
      reply: llm ? JSON.stringify(reply) : stored,
      llm: llm ? 1 : 0,
      queue_status: queued ? 'open' : null,
      handled_by: null,
      handled_at: null,
    });
    if (this.pending.length >= FLUSH_AT) void this.flush();
    return { ...reply, topic: decision.topic, confidence, conversationId: conv.id, outcome: decision.outcome, turn: conv.count };
  }

  /** Write buffered conversations and messages in one transaction. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    if (!this.newConversations.size && !this.dirty.size && !this.pending.length) return Promise.resolve();
    const at = now();
    const created: Array<Insertable<AssistantConversationsTable>> = [];
    for (const [id, c] of this.newConversations) {
      const s = this.conversations.get(id);
      created.push({
        id,
        channel: s?.channel ?? 'web',
        external_key: c.key,
        last_topic: s?.lastTopic ?? null,
        message_count: s?.count ?? 0,
        created_at: c.createdAt,
        updated_at: at,
      });
    }
    const updated = [...this.dirty]
      .filter((id) => !this.newConversations.has(id))
      .map((id) => this.conversations.get(id))
      .filter((s): s is ConversationState => Boolean(s));
    const messages = this.pending;
    this.newConversations = new Map();
    this.dirty = new Set();
    this.pending = [];
    // Relaxed commit: these rows were already held in memory for up to a second; waiting for the disk here
    // would stall every request behind it (an fsync was a sixth of the ask route's time under load).
    this.flushing = relaxedTransaction(this.deps.db, this.deps.dialect, async (trx) => {
      await repo.insertConversations(trx, created);
      for (const s of updated) {
        await repo.updateConversation(trx, s.id, { last_topic: s.lastTopic, message_count: s.count, updated_at: at });
      }
      await repo.insertMessages(trx, messages);
    })
      .then(() => this.forgetOldest())
      .catch((err: unknown) => {
        this.log.error({ err }, 'assistant: writing the conversation log failed');
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  /** Keep the most recently used conversations in memory; the rest are found in the database when they come back. */
  private forgetOldest(): void {
    let excess = this.conversations.size - CONVERSATIONS_IN_MEMORY;
    if (excess <= 0) return;
    // One pass from the oldest (a fresh iterator per deletion would walk the deleted slots again each time).
    for (const [id, s] of this.conversations) {
      if (excess-- <= 0) break;
      this.conversations.delete(id);
      if (s.key && this.byKey.get(s.key) === id) this.byKey.delete(s.key);
    }
  }

  // ---- Back office ----------------------------------------------------------------------------------

  async figures(days = 30) {
    await this.flush();
    const from = hanoiDay(new Date(Date.now() - (days - 1) * 86_400_000));
    const [byDay, topics] = await Promise.all([repo.figuresByDay(this.deps.db, from), repo.topTopics(this.deps.db, from)]);
    return { from, byDay, topics };
  }

  async conversationsPage(page: number, channel?: string) {
    await this.flush();
    const limit = 50;
    const [rows, total] = await Promise.all([
      repo.listConversations(this.deps.db, { limit, offset: (page - 1) * limit, channel }),
      repo.countConversations(this.deps.db, channel),
    ]);
    return { rows, total, pages: Math.max(1, Math.ceil(total / limit)) };
  }

  async conversationLog(id: string) {
    await this.flush();
    const conv = UUID.test(id) ? await repo.findConversation(this.deps.db, id) : undefined;
    if (!conv) throw new AppError('not_found', 'Không tìm thấy cuộc hội thoại này.');
    return { conv, messages: await repo.conversationMessages(this.deps.db, id) };
  }

  async queue() {
    await this.flush();
    const [rows, total] = await Promise.all([repo.openQueue(this.deps.db, 100), repo.countQueue(this.deps.db)]);
    return { rows, total };
  }

  /**
   * The one-step action of the queue: add the question (as the editor worded it) as an alias or FAQ of a topic.
   * The assistant uses it at once. Returns field errors for the form, or [] when done.
   */
  async addPhrase(
    user: SignedInUser,
    form: { messageId?: number; topicId: string; kind: string; phrase: string; answer?: string },
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const phrase = redactPersonalData(form.phrase.trim().replace(/\s+/g, ' '));
    const answer = redactPersonalData((form.answer ?? '').trim());
    const topics = guidesService(this.deps).knownTopicIds();
    if (!topics.has(form.topicId)) errors.push({ field: 'topicId', message: 'Chọn chủ đề mà câu hỏi này thuộc về.' });
    if (form.kind !== 'alias' && form.kind !== 'faq')
      errors.push({ field: 'kind', message: 'Chọn loại: cách gọi khác hoặc câu hỏi thường gặp.' });
    if (phrase.length < 2 || phrase.length > 300)
      errors.push({ field: 'phrase', message: 'Câu hỏi hoặc cách gọi dài từ 2 đến 300 ký tự.' });
    if (answer.length > 1500) errors.push({ field: 'answer', message: 'Câu trả lời dài tối đa 1500 ký tự.' });
    if (!errors.length && (await repo.findSamePhrase(this.deps.db, form.topicId, phrase))) {
      errors.push({ field: 'phrase', message: 'Chủ đề này đã có đúng câu hỏi hoặc cách gọi này.' });
    }
    if (errors.length) return errors;
    const message = form.messageId ? await repo.findMessage(this.deps.db, form.messageId) : undefined;
    if (form.messageId && !message) throw new AppError('not_found', 'Không tìm thấy câu hỏi này trong hàng chờ.');
    const at = now();
    await this.deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertPhrase(trx, {
        topic_id: form.topicId,
        phrase,
        kind: form.kind as 'alias' | 'faq',
        answer: form.kind === 'faq' && answer ? answer : null,
        source_message_id: message?.id ?? null,
        created_by: user.id,
        created_at: at,
      });
      if (message) await repo.setQueueStatus(trx, message.id, 'added', user.id, at);
      await audit(trx, {
        actorId: user.id,
        action: 'assistant.phrase.add',
        entity: 'assistant_phrase',
        entityId: id,
        summary: `Thêm ${form.kind === 'faq' ? 'câu hỏi thường gặp' : 'cách gọi khác'} cho trợ lý, chủ đề ${form.topicId}`,
        detail: { topic: form.topicId, kind: form.kind, phrase },
      });
    });
    await this.rebuild();
    return [];
  }

  async dismiss(user: SignedInUser, messageId: number): Promise<void> {
    const message = await repo.findMessage(this.deps.db, messageId);
    if (!message) throw new AppError('not_found', 'Không tìm thấy câu hỏi này trong hàng chờ.');
    await this.deps.db.transaction().execute(async (trx) => {
      await repo.setQueueStatus(trx, messageId, 'dismissed', user.id, now());
      await audit(trx, {
        actorId: user.id,
        action: 'assistant.queue.dismiss',
        entity: 'assistant_message',
        entityId: messageId,
        summary: 'Bỏ qua một câu hỏi trong hàng chờ của trợ lý',
      });
    });
  }

  phrases() {
    return repo.listPhrases(this.deps.db);
  }

  async removePhrase(user: SignedInUser, id: number): Promise<void> {
    const row = await repo.findPhrase(this.deps.db, id);
    if (!row) throw new AppError('not_found', 'Không tìm thấy cụm từ này.');
    await this.deps.db.transaction().execute(async (trx) => {
      await repo.deletePhrase(trx, id);
      await audit(trx, {
        actorId: user.id,
        action: 'assistant.phrase.delete',
        entity: 'assistant_phrase',
        entityId: id,
        summary: `Xóa ${row.kind === 'faq' ? 'câu hỏi thường gặp' : 'cách gọi khác'} của trợ lý, chủ đề ${row.topic_id}`,
        detail: { topic: row.topic_id, phrase: row.phrase },
      });
    });
    await this.rebuild();
  }

  // ---- Dictionary (text_terms) ----------------------------------------------------------------------

  terms() {
    return repo.listTerms(this.deps.db);
  }

  /** Add a dictionary entry; search and the assistant use it at once. Returns field errors or []. */
  async addTerm(user: SignedInUser, form: { term: string; expansion: string; kind: string }): Promise<FieldError[]> {
    const term = normalize(form.term.trim().replace(/\s+/g, ' '));
    const expansion = form.expansion.trim().replace(/\s+/g, ' ');
    const errors: FieldError[] = [];
    if (term.length < 1 || term.length > 40)
      errors.push({ field: 'term', message: 'Từ viết tắt hoặc cách gõ dài từ 1 đến 40 ký tự.' });
    if (expansion.length < 1 || expansion.length > 200)
      errors.push({ field: 'expansion', message: 'Nghĩa đầy đủ dài từ 1 đến 200 ký tự.' });
    if (!['abbreviation', 'teencode', 'synonym'].includes(form.kind))
      errors.push({ field: 'kind', message: 'Chọn loại mục từ.' });
    if (!errors.length && (await repo.findTermByText(this.deps.db, term))) {
      errors.push({ field: 'term', message: `Từ điển đã có mục "${term}". Xóa mục cũ trước nếu muốn sửa.` });
    }
    if (errors.length) return errors;
    await this.deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertTerm(trx, {
        term,
        expansion,
        kind: form.kind as 'abbreviation' | 'teencode' | 'synonym',
        created_by: user.id,
        created_at: now(),
      });
      await audit(trx, {
        actorId: user.id,
        action: 'text_term.add',
        entity: 'text_term',
        entityId: id,
        summary: `Thêm mục từ điển "${term}" = "${expansion}"`,
      });
    });
    await guidesService(this.deps).refresh();
    await this.building;
    return [];
  }

  async removeTerm(user: SignedInUser, id: number): Promise<void> {
    const row = await repo.findTerm(this.deps.db, id);
    if (!row) throw new AppError('not_found', 'Không tìm thấy mục từ này.');
    await this.deps.db.transaction().execute(async (trx) => {
      await repo.deleteTerm(trx, id);
      await audit(trx, {
        actorId: user.id,
        action: 'text_term.delete',
        entity: 'text_term',
        entityId: id,
        summary: `Xóa mục từ điển "${row.term}"`,
      });
    });
    await guidesService(this.deps).refresh();
    await this.building;
  }
}

const instances = new WeakMap<AppDeps, AssistantService>();

/** The app's assistant (one per running app). */
export function assistantService(deps: AppDeps): AssistantService {
  let s = instances.get(deps);
  if (!s) {
    s = new AssistantService(deps);
    instances.set(deps, s);
  }
  return s;
}
