import crypto from 'node:crypto';
import { audit } from '../../platform/audit.js';
import type { DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { FieldError, SignedInUser } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { redactForPublication, tokenize } from '../../platform/text/index.js';
import { guidesService } from '../guides/index.js';
import { canActForUnit, listUnits, type OrgUnitRow } from '../org/index.js';
import { CHANNEL_LABELS, STATUS_LABELS } from './feedback.labels.js';
import { CommitBatcher } from './feedback.batch.js';
import { enqueueMail, kickOutbox } from './feedback.outbox.js';
import * as repo from './feedback.repository.js';
import { DEFAULT_DEADLINE_DAYS } from './feedback.seed.js';
import type { Channel, FeedbackStatus } from './feedback.table.js';
import { addWorkingDays, vnDate, workingDaysBetween, type WorkCalendar } from './working-days.js';

/** What a citizen sends, from any channel. */
export interface FeedbackInput {
  content: string;
  /** Topic id from content/topics.json. */
  topic?: string | null;
  /** Category id (see /api/v1/feedback/categories). */
  category?: string | null;
  /** Code of the commune (xã, phường) the feedback is about. */
  commune?: string | null;
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
  /** The citizen agreed that the contact data be used to answer them. Required when contact data is given. */
  consent?: boolean;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
}

interface CleanInput {
  content: string;
  topicId: string | null;
  categoryId: string | null;
  communeId: number | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  consent: boolean;
  lat: number | null;
  lng: number | null;
  address: string | null;
}

export interface Submitted {
  id: number;
  code: string;
  /** Secret for the private follow-up link (rating, supplement). */
  token: string;
  replayed: boolean;
}

export interface IdempotencyOptions {
  key: string;
  /** e.g. "POST /api/v1/feedback". */
  route: string;
  /** Hash of the request body: the same key with another body is a conflict. */
  requestHash: string;
}

interface RefData {
  categories: repo.CategoryRow[];
  categoryById: Map<string, repo.CategoryRow>;
  rules: repo.RuleRow[];
  calendar: WorkCalendar;
  calendarRows: repo.CalendarRow[];
  units: OrgUnitRow[];
  unitByCode: Map<string, OrgUnitRow>;
  unitById: Map<number, OrgUnitRow>;
  communes: OrgUnitRow[];
  centerId: number | null;
  loadedAt: number;
}

const REF_TTL_MS = 30_000;
export const CENTER_CODE = 'HN-TTPVHCC';
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_RE = /^PA-\d{4}-[2-9A-HJ-NP-Z]{6}$/;
const SECRET_KEY = 'feedback_link_secret';
export const CONTENT_MIN = 10;
export const CONTENT_MAX = 4000;
const ANSWER_MAX = 8000;

const nowIso = () => new Date().toISOString();

/** Strip control characters (NUL breaks PostgreSQL text), fix lone surrogates, NFC. */
export function cleanText(v: unknown): string {
  if (typeof v !== 'string') return '';
  return (
    v
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .trim()
  );
}

/** Upper-case, spaces removed: "pa-2026-7k3q9x " -> "PA-2026-7K3Q9X"; null when it cannot be a code. */
export function normalizeCode(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const c = v.replace(/\s+/g, '').toUpperCase();
  return CODE_RE.test(c) ? c : null;
}

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}

function newCode(year: string): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return `PA-${year}-${s}`;
}

/** Stable JSON (keys sorted) so the same body always gives the same hash. */
export function requestHash(body: unknown): string {
  const stable = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(stable);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(stable(body)) ?? '')
    .digest('hex');
}

/** Fill a template's placeholders: {ma} tracking code, {don-vi} responsible unit, {ngay} today. */
export function fillTemplate(body: string, v: { code: string; unitName: string; today: string }): string {
  const [y, m, d] = v.today.split('-');
  return body
    .replace(/\{ma\}/g, v.code)
    .replace(/\{don-vi\}/g, v.unitName)
    .replace(/\{ngay\}/g, `${d}/${m}/${y}`);
}

const STOP = new Set(
  'la gi the nao nhu co khong toi minh em anh chi ban cho cua va voi o dau duoc can phai lam muon hoi thi ma nay do khi bao nhieu roi a nhe vay sao cac nhung mot hay hoac ve tu den tai trong ra vao len xuong bi chua da se dang rat qua cung'.split(
    ' ',
  ),
);

/** Folded meaningful words of a text, for duplicate detection. */
export function wordSet(text: string): Set<string> {
  return new Set(
    tokenize(text)
      .map((t) => t.folded)
      .filter((w) => w.length >= 2 && !STOP.has(w)),
  );
}

/** Jaccard similarity of two word sets (0..1). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter += 1;
  return inter / (a.size + b.size - inter);
}

const TRANSITIONS: Record<FeedbackStatus, FeedbackStatus[]> = {
  new: ['in_progress', 'needs_info', 'answered', 'closed'],
  in_progress: ['needs_info', 'answered', 'closed'],
  needs_info: ['in_progress', 'answered', 'closed'],
  answered: ['in_progress', 'closed', 'answered'],
  closed: ['in_progress'],
};

/**
 * Feedback: intake from every channel, routing, deadlines, the staff workflow, citizen follow-up.
 * One instance per running app (reference data cached for 30 s, dropped on every change).
 */
export class FeedbackService {
  private ref: RefData | null = null;
  private refLoading: Promise<RefData> | null = null;
  private secret: Buffer | null = null;
  private readonly batcher: CommitBatcher;

  constructor(private readonly deps: AppDeps) {
    this.batcher = new CommitBatcher(deps.db);
  }

  get db() {
    return this.deps.db;
  }

  // ---- Reference data -------------------------------------------------------------------------

  invalidate(): void {
    this.ref = null;
  }

  async refData(): Promise<RefData> {
    if (this.ref && Date.now() - this.ref.loadedAt < REF_TTL_MS) return this.ref;
    this.refLoading ??= this.loadRef().finally(() => {
      this.refLoading = null;
    });
    this.ref = await this.refLoading;
    return this.ref;
  }

  private async loadRef(): Promise<RefData> {
    const today = vnDate();
    const [categories, rules, calendarRows, units] = await Promise.all([
      repo.listCategories(this.db),
      repo.listRules(this.db),
      repo.listCalendar(this.db),
      listUnits(this.db, { activeOn: today }),
    ]);
    const unitByCode = new Map(units.filter((u) => u.code).map((u) => [u.code!, u]));
    return {
      categories,
      categoryById: new Map(categories.map((c) => [c.id, c])),
      rules,
      calendarRows,
      calendar: {
        holidays: new Set(calendarRows.filter((d) => d.kind === 'holiday').map((d) => d.date)),
        workdays: new Set(calendarRows.filter((d) => d.kind === 'workday').map((d) => d.date)),
      },
      units,
      unitByCode,
      unitById: new Map(units.map((u) => [u.id, u])),
      communes: units.filter((u) => u.type === 'commune').sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      centerId: unitByCode.get(CENTER_CODE)?.id ?? unitByCode.get('01')?.id ?? null,
      loadedAt: Date.now(),
    };
  }

  topics(): Array<{ id: string; title: string }> {
    return guidesService(this.deps)
      .topicList()
      .map((t) => ({ id: t.id, title: t.title }));
  }

  async calendar(): Promise<WorkCalendar> {
    return (await this.refData()).calendar;
  }

  /** A unit's name, also for units no longer active (the item keeps the unit it had). */
  async unitName(db: DbOrTrx, id: number): Promise<string> {
    const ref = await this.refData();
    const u = ref.unitById.get(id);
    if (u) return u.full_name;
    const row = await db.selectFrom('org_units').select('full_name').where('id', '=', id).executeTakeFirst();
    return row?.full_name ?? '';
  }

  // ---- Private links ---------------------------------------------------------------------------

  private async linkSecret(): Promise<Buffer> {
    if (this.secret) return this.secret;
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', SECRET_KEY).executeTakeFirst();
    if (row) return (this.secret = Buffer.from(row.value, 'hex'));
    const value = crypto.randomBytes(32).toString('hex');
    try {
      await this.db.insertInto('meta').values({ key: SECRET_KEY, value }).execute();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return this.linkSecret();
  }

  /** The secret of an item's private link: HMAC of its code, so it never needs storing. */
  async tokenFor(code: string): Promise<string> {
    return crypto
      .createHmac('sha256', await this.linkSecret())
      .update(`feedback-link:${code}`)
      .digest('base64url')
      .slice(0, 24);
  }

  async checkToken(code: string, token: unknown): Promise<boolean> {
    if (typeof token !== 'string' || token.length !== 24) return false;
    const expected = Buffer.from(await this.tokenFor(code));
    const given = Buffer.from(token);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }

  async privateLink(code: string): Promise<string> {
    return `${this.deps.config.publicUrl}/gop-y/theo-doi/${code}?k=${await this.tokenFor(code)}`;
  }

  // ---- Intake ----------------------------------------------------------------------------------

  /** Check an input; every problem is reported with the form field it belongs to. */
  async check(input: FeedbackInput): Promise<{ value: CleanInput | null; errors: FieldError[] }> {
    const ref = await this.refData();
    const errors: FieldError[] = [];
    const content = cleanText(input.content);
    if (typeof input.content !== 'string' || !content) {
      errors.push({ field: 'content', message: 'Hãy viết nội dung bạn muốn phản ánh, kiến nghị.' });
    } else if (content.length < CONTENT_MIN) {
      errors.push({ field: 'content', message: `Nội dung quá ngắn. Hãy viết rõ hơn (ít nhất ${CONTENT_MIN} chữ cái).` });
    } else if (content.length > CONTENT_MAX) {
      errors.push({ field: 'content', message: `Nội dung quá dài (tối đa ${CONTENT_MAX} ký tự). Hãy viết ngắn gọn hơn.` });
    }
    const topicId = cleanText(input.topic) || null;
    if (topicId && !this.topics().some((t) => t.id === topicId)) {
      errors.push({ field: 'topic', message: 'Thủ tục bạn chọn không có trong danh sách. Hãy chọn lại.' });
    }
    const categoryId = cleanText(input.category) || null;
    if (categoryId && !ref.categoryById.get(categoryId)?.active) {
      errors.push({ field: 'category', message: 'Nhóm vấn đề bạn chọn không có trong danh sách. Hãy chọn lại.' });
    }
    const communeCode = cleanText(input.commune) || null;
    const commune = communeCode ? ref.unitByCode.get(communeCode) : undefined;
    if (communeCode && commune?.type !== 'commune') {
      errors.push({ field: 'commune', message: 'Không tìm thấy xã, phường này. Hãy chọn trong danh sách.' });
    }
    const name = cleanText(input.contact?.name) || null;
    const phone = cleanText(input.contact?.phone) || null;
    const email = cleanText(input.contact?.email) || null;
    if (name && name.length > 100) errors.push({ field: 'name', message: 'Họ tên quá dài (tối đa 100 ký tự).' });
    if (phone && (!/^\+?[\d\s.-]{9,20}$/.test(phone) || !/^\d{9,12}$/.test(phone.replace(/\D/g, '')))) {
      errors.push({ field: 'phone', message: 'Số điện thoại chưa đúng. Ví dụ: 0912 345 678.' });
    }
    if (email && (email.length > 200 || !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/.test(email))) {
      errors.push({ field: 'email', message: 'Địa chỉ email chưa đúng. Ví dụ: ten@gmail.com.' });
    }
    const consent = input.consent === true;
    if ((name || phone || email) && !consent) {
      errors.push({
        field: 'consent',
        message:
          'Bạn đã để lại thông tin liên hệ: hãy đánh dấu đồng ý để cơ quan dùng thông tin này trả lời bạn, hoặc xóa thông tin liên hệ.',
      });
    }
    const lat = typeof input.lat === 'number' ? input.lat : null;
    const lng = typeof input.lng === 'number' ? input.lng : null;
    if (
      (lat !== null && (!Number.isFinite(lat) || Math.abs(lat) > 90)) ||
      (lng !== null && (!Number.isFinite(lng) || Math.abs(lng) > 180))
    ) {
      errors.push({ field: 'lat', message: 'Tọa độ không hợp lệ.' });
    }
    const address = cleanText(input.address) || null;
    if (address && address.length > 300) errors.push({ field: 'address', message: 'Địa điểm quá dài (tối đa 300 ký tự).' });
    if (errors.length) return { value: null, errors };
    return {
      value: {
        content,
        topicId,
        categoryId,
        communeId: commune?.id ?? null,
        name,
        phone,
        email,
        consent,
        lat,
        lng,
        address,
      },
      errors,
    };
  }

  /** The responsible unit: the most specific matching rule, else the commune given, else the Center. */
  route(ref: RefData, v: { categoryId: string | null; topicId: string | null; communeId: number | null }): number {
    let best: repo.RuleRow | null = null;
    let bestScore = -1;
    for (const r of ref.rules) {
      if (r.category_id && r.category_id !== v.categoryId) continue;
      if (r.topic_id && r.topic_id !== v.topicId) continue;
      const score = (r.topic_id ? 2 : 0) + (r.category_id ? 1 : 0);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    const fallback = ref.centerId;
    if (best) {
      if (best.target === 'commune' && v.communeId) return v.communeId;
      const unit = best.unit_code ? ref.unitByCode.get(best.unit_code) : undefined;
      if (unit) return unit.id;
    } else if (v.communeId) {
      return v.communeId;
    }
    if (fallback === null) throw new AppError('internal', 'Chưa có đơn vị tiếp nhận phản ánh (chưa nạp danh sách đơn vị).');
    return fallback;
  }

  /**
   * Store a new item in one transaction and answer only after it commits. With an idempotency key, a retry
   * of the same request gets the first answer back; the same key with another body is a conflict.
   */
  async submit(
    input: FeedbackInput,
    channel: Channel,
    opts: { actorId?: number | null; idempotency?: IdempotencyOptions } = {},
  ): Promise<Submitted> {
    const { value, errors } = await this.check(input);
    if (!value) throw new AppError('validation_failed', errors[0]!.message);
    const ref = await this.refData();
    const idem = opts.idempotency;
    for (let attempt = 0; ; attempt++) {
      if (idem) {
        const prior = await repo.findIdempotency(this.db, idem.key, idem.route);
        if (prior) {
          if (prior.request_hash !== idem.requestHash) {
            throw new AppError('conflict', 'Khóa Idempotency-Key này đã được dùng cho một nội dung khác.');
          }
          const { code } = JSON.parse(prior.response_body) as { code: string };
          const row = await repo.findByCode(this.db, code);
          return { id: row?.id ?? 0, code, token: await this.tokenFor(code), replayed: true };
        }
      }
      try {
        // The code and the private link are made before the transaction: nothing slow runs inside it.
        const code = newCode(vnDate().slice(0, 4));
        const link = value.email && value.consent ? await this.privateLink(code) : null;
        const created = await this.batcher.run(async (trx) => {
          const r = await this.insertNew(trx, ref, value, channel, opts.actorId ?? null, code, link);
          if (idem) {
            await trx
              .insertInto('feedback_idempotency')
              .values({
                key: idem.key,
                route: idem.route,
                request_hash: idem.requestHash,
                status_code: 201,
                response_body: JSON.stringify({ code: r.code }),
                created_at: nowIso(),
              })
              .execute();
          }
          return r;
        });
        if (created.mailQueued) kickOutbox(this.deps);
        return { id: created.id, code: created.code, token: await this.tokenFor(created.code), replayed: false };
      } catch (e) {
        // A code collision or a concurrent request with the same key: look again, then try once more.
        if (isUniqueViolation(e) && attempt < 3) continue;
        throw e;
      }
    }
  }

  private async insertNew(
    trx: DbOrTrx,
    ref: RefData,
    v: CleanInput,
    channel: Channel,
    actorId: number | null,
    code: string,
    link: string | null,
  ) {
    const now = new Date();
    const receivedOn = vnDate(now);
    const category = v.categoryId ? ref.categoryById.get(v.categoryId) : undefined;
    const deadline = addWorkingDays(receivedOn, category?.deadline_days ?? DEFAULT_DEADLINE_DAYS, ref.calendar);
    const at = now.toISOString();
    const id = await repo.insertItem(trx, {
      code,
      channel,
      category_id: v.categoryId,
      topic_id: v.topicId,
      commune_id: v.communeId,
      unit_id: this.route(ref, v),
      status: 'new',
      content: v.content,
      contact_name: v.name,
      contact_phone: v.phone,
      contact_email: v.email,
      consent: v.consent ? 1 : 0,
      lat: v.lat,
      lng: v.lng,
      address: v.address,
      received_at: at,
      received_on: receivedOn,
      deadline_on: deadline,
      paused_on: null,
      first_answered_at: null,
      on_time: null,
      answered_at: null,
      answer: null,
      answered_by: null,
      closed_at: null,
      rating: null,
      rating_comment: null,
      rated_at: null,
      merged_into_id: null,
      public_content: null,
      public_answer: null,
      published_at: null,
      published_by: null,
      created_by: actorId,
      updated_at: at,
    });
    await repo.insertHistory(trx, {
      feedback_id: id,
      at,
      kind: 'received',
      from_status: null,
      to_status: 'new',
      note: `Tiếp nhận qua kênh: ${CHANNEL_LABELS[channel]}.`,
      public: 1,
      actor_id: actorId,
    });
    const mailQueued =
      v.email && link
        ? await enqueueMail(trx, this.deps.config, {
            feedbackId: id,
            to: v.email,
            kind: 'received',
            code,
            deadlineOn: deadline,
            link,
          })
        : false;
    return { id, code, mailQueued };
  }

  // ---- Staff workflow --------------------------------------------------------------------------

  /** The item, if this user may see it (write: and act on it). Unit officers only reach their units' items. */
  async itemForStaff(user: SignedInUser, codeIn: string, write = false): Promise<repo.ItemRow> {
    const code = normalizeCode(codeIn);
    const item = code ? await repo.findByCode(this.db, code) : undefined;
    if (!item) throw new AppError('not_found', 'Không tìm thấy phản ánh này.');
    if (write && user.role === 'viewer')
      throw new AppError('forbidden', 'Tài khoản của bạn chỉ xem được, không xử lý được phản ánh.');
    if (!(await canActForUnit(this.db, user, item.unit_id))) {
      throw new AppError('forbidden', 'Phản ánh này thuộc đơn vị khác, bạn không xem hoặc xử lý được.');
    }
    return item;
  }

  /** New deadline when leaving "chờ bổ sung": the days spent waiting for the citizen do not count. */
  private resumeDeadline(item: repo.ItemRow, cal: WorkCalendar, today: string): string {
    if (item.status !== 'needs_info' || !item.paused_on) return item.deadline_on;
    return addWorkingDays(item.deadline_on, workingDaysBetween(item.paused_on, today, cal), cal);
  }

  async changeStatus(user: SignedInUser, code: string, to: FeedbackStatus, noteIn: string): Promise<void> {
    const item = await this.itemForStaff(user, code, true);
    const note = cleanText(noteIn).slice(0, 2000) || null;
    if (to === 'answered') throw new AppError('validation_failed', 'Dùng mục "Trả lời" để trả lời người gửi.');
    if (!TRANSITIONS[item.status].includes(to) || to === item.status) {
      throw new AppError('conflict', `Không chuyển được từ "${STATUS_LABELS[item.status]}" sang "${STATUS_LABELS[to]}".`);
    }
    if ((to === 'needs_info' || to === 'closed') && !note) {
      throw new AppError(
        'validation_failed',
        to === 'needs_info' ? 'Hãy ghi rõ người gửi cần bổ sung gì.' : 'Hãy ghi lý do đóng phản ánh (người gửi sẽ đọc được).',
      );
    }
    const cal = await this.calendar();
    const today = vnDate();
    const at = nowIso();
    const link = await this.privateLink(item.code);
    let mailQueued = false;
    await this.db.transaction().execute(async (trx) => {
      const deadline = this.resumeDeadline(item, cal, today);
      const closing = to === 'closed' && !item.first_answered_at;
      await repo.updateItem(trx, item.id, {
        status: to,
        deadline_on: deadline,
        paused_on: to === 'needs_info' ? today : null,
        closed_at: to === 'closed' ? at : null,
        ...(closing ? { first_answered_at: at, on_time: today <= deadline ? 1 : 0 } : {}),
        updated_at: at,
      });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'status',
        from_status: item.status,
        to_status: to,
        note,
        public: 1,
        actor_id: user.id,
      });
      await audit(trx, {
        actorId: user.id,
        action: 'feedback.status',
        entity: 'feedback',
        entityId: item.code,
        summary: `${STATUS_LABELS[item.status]} -> ${STATUS_LABELS[to]}`,
      });
      if (to === 'needs_info' && item.contact_email && item.consent) {
        mailQueued = await enqueueMail(trx, this.deps.config, {
          feedbackId: item.id,
          to: item.contact_email,
          kind: 'needs_info',
          code: item.code,
          note: note ?? '',
          link,
        });
      }
    });
    if (mailQueued) kickOutbox(this.deps);
  }

  async addNote(user: SignedInUser, code: string, noteIn: string): Promise<void> {
    const item = await this.itemForStaff(user, code, true);
    const note = cleanText(noteIn).slice(0, 2000);
    if (!note) throw new AppError('validation_failed', 'Hãy viết ghi chú.');
    await repo.insertHistory(this.db, {
      feedback_id: item.id,
      at: nowIso(),
      kind: 'note',
      from_status: null,
      to_status: null,
      note,
      public: 0,
      actor_id: user.id,
    });
  }

  async answer(user: SignedInUser, code: string, textIn: string): Promise<void> {
    const item = await this.itemForStaff(user, code, true);
    const text = cleanText(textIn);
    if (text.length < CONTENT_MIN) throw new AppError('validation_failed', 'Câu trả lời quá ngắn.');
    if (text.length > ANSWER_MAX) throw new AppError('validation_failed', `Câu trả lời quá dài (tối đa ${ANSWER_MAX} ký tự).`);
    if (item.merged_into_id) throw new AppError('conflict', 'Phản ánh này đã được gộp; hãy trả lời ở phản ánh chính.');
    if (!TRANSITIONS[item.status].includes('answered')) {
      throw new AppError('conflict', 'Phản ánh đã đóng. Hãy mở lại (chuyển sang "Đang xử lý") trước khi trả lời.');
    }
    const cal = await this.calendar();
    const today = vnDate();
    const at = nowIso();
    // The sender and the senders of merged duplicates are told.
    const recipients: Array<{ id: number; code: string; email: string; link: string }> = [];
    for (const target of [item, ...(await repo.mergedInto(this.db, item.id))]) {
      if (!target.contact_email || !target.consent) continue;
      recipients.push({
        id: target.id,
        code: target.code,
        email: target.contact_email,
        link: await this.privateLink(target.code),
      });
    }
    let mailQueued = false;
    await this.db.transaction().execute(async (trx) => {
      const deadline = this.resumeDeadline(item, cal, today);
      await repo.updateItem(trx, item.id, {
        status: 'answered',
        answer: text,
        answered_at: at,
        answered_by: user.id,
        deadline_on: deadline,
        paused_on: null,
        closed_at: null,
        rating: null,
        rating_comment: null,
        rated_at: null,
        ...(item.first_answered_at ? {} : { first_answered_at: at, on_time: today <= deadline ? 1 : 0 }),
        updated_at: at,
      });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'answer',
        from_status: item.status,
        to_status: 'answered',
        note: null,
        public: 1,
        actor_id: user.id,
      });
      await audit(trx, {
        actorId: user.id,
        action: 'feedback.answer',
        entity: 'feedback',
        entityId: item.code,
        summary: item.answer ? 'Sửa câu trả lời' : 'Trả lời phản ánh',
      });
      for (const r of recipients) {
        mailQueued =
          (await enqueueMail(trx, this.deps.config, {
            feedbackId: r.id,
            to: r.email,
            kind: 'answered',
            code: r.code,
            answer: text,
            link: r.link,
          })) || mailQueued;
      }
    });
    if (mailQueued) kickOutbox(this.deps);
  }

  async transfer(user: SignedInUser, code: string, unitId: number, noteIn: string): Promise<void> {
    const item = await this.itemForStaff(user, code, true);
    const ref = await this.refData();
    const unit = ref.unitById.get(unitId);
    if (!unit || unit.type === 'city') throw new AppError('validation_failed', 'Hãy chọn đơn vị nhận.');
    if (unit.id === item.unit_id) throw new AppError('validation_failed', 'Phản ánh đang ở đơn vị này rồi.');
    const note = cleanText(noteIn).slice(0, 2000) || null;
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, item.id, { unit_id: unit.id, updated_at: at });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'transfer',
        from_status: null,
        to_status: null,
        note: `Chuyển đến ${unit.full_name}.`,
        public: 1,
        actor_id: user.id,
      });
      if (note) {
        await repo.insertHistory(trx, {
          feedback_id: item.id,
          at,
          kind: 'note',
          from_status: null,
          to_status: null,
          note,
          public: 0,
          actor_id: user.id,
        });
      }
      await audit(trx, {
        actorId: user.id,
        action: 'feedback.transfer',
        entity: 'feedback',
        entityId: item.code,
        summary: `Chuyển đến ${unit.full_name}`,
      });
    });
  }

  /** Possible duplicates of an item among recent ones the user may see, most similar first. */
  async duplicates(user: SignedInUser, item: repo.ItemRow) {
    const sinceOn = new Date(Date.parse(`${item.received_on}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
    const words = wordSet(item.content);
    const out: Array<{ code: string; status: FeedbackStatus; received_at: string; score: number; excerpt: string }> = [];
    for (const c of await repo.duplicateCandidates(this.db, item, sinceOn)) {
      const score = similarity(words, wordSet(c.content));
      if (score < 0.3) continue;
      if (!(await canActForUnit(this.db, user, c.unit_id))) continue;
      out.push({ code: c.code, status: c.status, received_at: c.received_at, score, excerpt: c.content.slice(0, 200) });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, 5);
  }

  /** Merge a duplicate into the main item: it is closed and points to the main one; both keep their history. */
  async merge(user: SignedInUser, code: string, mainCodeIn: string): Promise<void> {
    const item = await this.itemForStaff(user, code, true);
    const mainCode = normalizeCode(mainCodeIn);
    if (!mainCode) throw new AppError('validation_failed', 'Hãy nhập mã phản ánh chính (ví dụ PA-2026-7K3Q9X).');
    const main = await this.itemForStaff(user, mainCode, true);
    if (main.id === item.id) throw new AppError('validation_failed', 'Không gộp một phản ánh vào chính nó.');
    if (main.merged_into_id) throw new AppError('conflict', 'Phản ánh chính đã được gộp vào phản ánh khác.');
    if (item.merged_into_id) throw new AppError('conflict', 'Phản ánh này đã được gộp rồi.');
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, item.id, { merged_into_id: main.id, status: 'closed', closed_at: at, updated_at: at });
      // Items merged into this one follow it to the main item.
      await trx.updateTable('feedback_items').set({ merged_into_id: main.id }).where('merged_into_id', '=', item.id).execute();
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'merge',
        from_status: item.status,
        to_status: 'closed',
        note: `Trùng nội dung với phản ánh ${main.code}; được gộp để trả lời chung.`,
        public: 1,
        actor_id: user.id,
      });
      await repo.insertHistory(trx, {
        feedback_id: main.id,
        at,
        kind: 'merge',
        from_status: null,
        to_status: null,
        note: `Đã gộp phản ánh ${item.code} vào phản ánh này.`,
        public: 0,
        actor_id: user.id,
      });
      await audit(trx, {
        actorId: user.id,
        action: 'feedback.merge',
        entity: 'feedback',
        entityId: item.code,
        summary: `Gộp vào ${main.code}`,
      });
    });
  }

  /** Texts proposed for publication: personal data removed automatically, for staff to review. */
  redactedDraft(item: repo.ItemRow): { content: string; answer: string } {
    const names = item.contact_name ? [item.contact_name] : [];
    return {
      content: item.public_content ?? redactForPublication(item.content, { names }),
      answer: item.public_answer ?? redactForPublication(item.answer ?? '', { names }),
    };
  }

  async publish(user: SignedInUser, code: string, contentIn: string, answerIn: string): Promise<void> {
    if (user.role !== 'admin' && user.role !== 'editor') {
      throw new AppError('forbidden', 'Chỉ biên tập viên Trung tâm được công khai phản ánh.');
    }
    const item = await this.itemForStaff(user, code, true);
    if (!item.answer || item.merged_into_id) throw new AppError('conflict', 'Chỉ công khai được phản ánh đã có câu trả lời.');
    const names = item.contact_name ? [item.contact_name] : [];
    const content = redactForPublication(cleanText(contentIn), { names });
    const answer = redactForPublication(cleanText(answerIn), { names });
    if (content.length < CONTENT_MIN || answer.length < CONTENT_MIN) {
      throw new AppError('validation_failed', 'Nội dung và câu trả lời công khai không được để trống.');
    }
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, item.id, {
        public_content: content.slice(0, CONTENT_MAX),
        public_answer: answer.slice(0, ANSWER_MAX),
        published_at: at,
        published_by: user.id,
        updated_at: at,
      });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'publish',
        from_status: null,
        to_status: null,
        note: 'Đã công khai (đã ẩn thông tin cá nhân).',
        public: 1,
        actor_id: user.id,
      });
      await audit(trx, {
        actorId: user.id,
        action: 'feedback.publish',
        entity: 'feedback',
        entityId: item.code,
        summary: 'Công khai',
      });
    });
  }

  async unpublish(user: SignedInUser, code: string): Promise<void> {
    if (user.role !== 'admin' && user.role !== 'editor') {
      throw new AppError('forbidden', 'Chỉ biên tập viên Trung tâm được thôi công khai phản ánh.');
    }
    const item = await this.itemForStaff(user, code, true);
    if (!item.published_at) return;
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, item.id, { published_at: null, published_by: null, updated_at: at });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'unpublish',
        from_status: null,
        to_status: null,
        note: 'Thôi công khai.',
        public: 0,
        actor_id: user.id,
      });
      await audit(trx, {
        actorId: user.id,
        action: 'feedback.unpublish',
        entity: 'feedback',
        entityId: item.code,
        summary: 'Thôi công khai',
      });
    });
  }

  // ---- Citizen follow-up (private link) --------------------------------------------------------

  /** The item behind a private link, or a 404 that does not say whether the code exists. */
  async itemForLink(codeIn: unknown, token: unknown): Promise<repo.ItemRow> {
    const code = normalizeCode(codeIn);
    const item = code && (await this.checkToken(code, token)) ? await repo.findByCode(this.db, code) : undefined;
    if (!item)
      throw new AppError(
        'not_found',
        'Đường dẫn không đúng hoặc đã bị sửa. Hãy mở lại đường dẫn trong thư hoặc tra cứu bằng mã.',
      );
    return item;
  }

  async rate(codeIn: unknown, token: unknown, rating: 'satisfied' | 'unsatisfied', commentIn: unknown): Promise<repo.ItemRow> {
    const item = await this.itemForLink(codeIn, token);
    if (!item.answer || item.merged_into_id) throw new AppError('conflict', 'Phản ánh này chưa có câu trả lời để đánh giá.');
    if (item.rating) throw new AppError('conflict', 'Bạn đã đánh giá câu trả lời này rồi. Cảm ơn bạn.');
    if (item.status !== 'answered' && item.status !== 'closed') {
      throw new AppError('conflict', 'Phản ánh đang được xử lý lại, bạn sẽ đánh giá khi có câu trả lời mới.');
    }
    const comment = cleanText(commentIn).slice(0, 1000) || null;
    const at = nowIso();
    const to: FeedbackStatus = rating === 'satisfied' ? 'closed' : 'in_progress';
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, item.id, {
        rating,
        rating_comment: comment,
        rated_at: at,
        status: to,
        closed_at: to === 'closed' ? at : null,
        updated_at: at,
      });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'rating',
        from_status: item.status,
        to_status: to,
        note:
          rating === 'satisfied'
            ? 'Người gửi hài lòng với câu trả lời.'
            : 'Người gửi chưa hài lòng với câu trả lời; phản ánh được mở lại để xử lý tiếp.',
        public: 1,
        actor_id: null,
      });
      if (comment) {
        await repo.insertHistory(trx, {
          feedback_id: item.id,
          at,
          kind: 'note',
          from_status: null,
          to_status: null,
          note: `Ý kiến kèm đánh giá: ${comment}`,
          public: 0,
          actor_id: null,
        });
      }
    });
    return item;
  }

  async supplement(codeIn: unknown, token: unknown, textIn: unknown): Promise<void> {
    const item = await this.itemForLink(codeIn, token);
    if (item.status !== 'needs_info') throw new AppError('conflict', 'Phản ánh này không chờ bạn bổ sung thông tin.');
    const text = cleanText(textIn);
    if (text.length < 2) throw new AppError('validation_failed', 'Hãy viết thông tin bạn bổ sung.');
    if (text.length > CONTENT_MAX) throw new AppError('validation_failed', `Nội dung quá dài (tối đa ${CONTENT_MAX} ký tự).`);
    const cal = await this.calendar();
    const today = vnDate();
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, item.id, {
        status: 'in_progress',
        deadline_on: this.resumeDeadline(item, cal, today),
        paused_on: null,
        updated_at: at,
      });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'supplement',
        from_status: null,
        to_status: null,
        note: text,
        public: 0,
        actor_id: null,
      });
      await repo.insertHistory(trx, {
        feedback_id: item.id,
        at,
        kind: 'status',
        from_status: 'needs_info',
        to_status: 'in_progress',
        note: 'Người gửi đã bổ sung thông tin.',
        public: 1,
        actor_id: null,
      });
    });
  }

  // ---- What the citizen sees with the code alone ------------------------------------------------

  /** Status, public history and the answer, with personal data removed. Never contact data. */
  async publicView(codeIn: unknown) {
    const code = normalizeCode(codeIn);
    const item = code ? await repo.findByCode(this.db, code) : undefined;
    if (!item) return null;
    const ref = await this.refData();
    const names = item.contact_name ? [item.contact_name] : [];
    const main = item.merged_into_id ? await repo.findById(this.db, item.merged_into_id) : undefined;
    const answerSource = main ?? item;
    const history = await repo.historyOf(this.db, item.id, true);
    const today = vnDate();
    return {
      item,
      code: item.code,
      status: item.status,
      statusLabel: STATUS_LABELS[item.status],
      category: item.category_id ? (ref.categoryById.get(item.category_id)?.name ?? null) : null,
      unit: await this.unitName(this.db, item.unit_id),
      receivedAt: item.received_at,
      deadline: item.deadline_on,
      overdue: (item.status === 'new' || item.status === 'in_progress') && today > item.deadline_on,
      content: redactForPublication(item.content, { names }),
      answer: answerSource.answer
        ? redactForPublication(answerSource.answer, {
            names: [...names, ...(main?.contact_name ? [main.contact_name] : [])],
          })
        : null,
      answeredAt: answerSource.answered_at,
      mergedInto: main?.code ?? null,
      rating: item.rating,
      history: history.map((h) => ({
        at: h.at,
        status: h.to_status,
        statusLabel: h.to_status ? STATUS_LABELS[h.to_status] : null,
        note: h.note ? redactForPublication(h.note, { names }) : null,
      })),
    };
  }
}

const instances = new WeakMap<AppDeps, FeedbackService>();

/** The feedback service of a running app. */
export function feedbackService(deps: AppDeps): FeedbackService {
  let s = instances.get(deps);
  if (!s) {
    s = new FeedbackService(deps);
    instances.set(deps, s);
  }
  return s;
}
