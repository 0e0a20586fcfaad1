// Editable reference data of the feedback module: categories, routing rules, answer templates, calendar.
// Each change is audited and drops the service's cache.
import { audit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { FieldError, SignedInUser } from '../../platform/html/index.js';
import * as repo from './feedback.repository.js';
import { cleanText, type FeedbackService } from './feedback.service.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CategoryForm {
  id: string;
  name: string;
  description: string;
  keywords: string;
  deadlineDays: string;
  sort: string;
  active: boolean;
}

function fail(errors: FieldError[]): never {
  const e = new AppError('validation_failed', errors[0]!.message);
  (e as AppError & { fields?: FieldError[] }).fields = errors;
  throw e;
}

/** Field errors attached to a validation AppError thrown here. */
export function fieldErrors(e: unknown): FieldError[] | null {
  return e instanceof AppError && e.code === 'validation_failed'
    ? ((e as AppError & { fields?: FieldError[] }).fields ?? null)
    : null;
}

export async function saveCategory(svc: FeedbackService, user: SignedInUser, f: CategoryForm, isNew: boolean): Promise<void> {
  const errors: FieldError[] = [];
  const id = f.id.trim();
  const name = cleanText(f.name).slice(0, 200);
  const days = Number(f.deadlineDays);
  if (isNew && (!SLUG.test(id) || id.length > 60)) {
    errors.push({ field: 'id', message: 'Mã nhóm chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ "moi-truong".' });
  }
  if (!name) errors.push({ field: 'name', message: 'Hãy nhập tên nhóm.' });
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    errors.push({ field: 'deadlineDays', message: 'Thời hạn là số ngày làm việc từ 1 đến 90.' });
  }
  if (errors.length) fail(errors);
  const categories = await repo.listCategories(svc.db);
  if (isNew && categories.some((c) => c.id === id)) fail([{ field: 'id', message: 'Mã nhóm này đã có.' }]);
  const row = {
    name,
    description: cleanText(f.description).slice(0, 1000),
    keywords: cleanText(f.keywords).slice(0, 500),
    deadline_days: days,
    sort: Number.isInteger(Number(f.sort)) ? Number(f.sort) : 0,
    active: f.active ? 1 : 0,
    updated_at: new Date().toISOString(),
  };
  await svc.db.transaction().execute(async (trx) => {
    if (isNew) await repo.insertCategory(trx, { id, ...row });
    else if (!(await repo.updateCategory(trx, id, row))) throw new AppError('not_found', 'Không tìm thấy nhóm này.');
    await audit(trx, {
      actorId: user.id,
      action: isNew ? 'feedback.category.create' : 'feedback.category.update',
      entity: 'feedback_category',
      entityId: id,
      summary: `${isNew ? 'Thêm' : 'Sửa'} nhóm phản ánh "${name}" (${days} ngày làm việc)`,
    });
  });
  svc.invalidate();
}

export async function addRule(
  svc: FeedbackService,
  user: SignedInUser,
  f: { category: string; topic: string; target: string; unitCode: string },
): Promise<void> {
  const ref = await svc.refData();
  const errors: FieldError[] = [];
  const category = f.category || null;
  const topic = f.topic || null;
  if (category && !ref.categoryById.has(category)) errors.push({ field: 'category', message: 'Nhóm không có trong danh sách.' });
  if (topic && !svc.topics().some((t) => t.id === topic))
    errors.push({ field: 'topic', message: 'Thủ tục không có trong danh sách.' });
  if (!category && !topic) errors.push({ field: 'category', message: 'Chọn một nhóm, một thủ tục, hoặc cả hai.' });
  const target = f.target === 'commune' ? 'commune' : f.target === 'unit' ? 'unit' : null;
  if (!target) errors.push({ field: 'target', message: 'Chọn nơi nhận.' });
  const unitCode = f.unitCode || null;
  if (target === 'unit' && !unitCode) errors.push({ field: 'unitCode', message: 'Chọn đơn vị nhận.' });
  if (unitCode && !ref.unitByCode.has(unitCode)) errors.push({ field: 'unitCode', message: 'Đơn vị không có trong danh sách.' });
  if (errors.length) fail(errors);
  await svc.db.transaction().execute(async (trx) => {
    const id = await repo.insertRule(trx, {
      category_id: category,
      topic_id: topic,
      target: target!,
      unit_code: unitCode,
      sort: ref.rules.length,
      created_at: new Date().toISOString(),
    });
    await audit(trx, {
      actorId: user.id,
      action: 'feedback.rule.create',
      entity: 'feedback_rule',
      entityId: id,
      summary: `Phân công: ${category ?? '*'} / ${topic ?? '*'} -> ${target === 'commune' ? 'xã, phường' : unitCode}`,
    });
  });
  svc.invalidate();
}

export async function removeRule(svc: FeedbackService, user: SignedInUser, id: number): Promise<void> {
  await svc.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteRule(trx, id))) throw new AppError('not_found', 'Không tìm thấy quy tắc này.');
    await audit(trx, {
      actorId: user.id,
      action: 'feedback.rule.delete',
      entity: 'feedback_rule',
      entityId: id,
      summary: 'Xóa quy tắc phân công',
    });
  });
  svc.invalidate();
}

export async function saveTemplate(
  svc: FeedbackService,
  user: SignedInUser,
  id: number | null,
  f: { title: string; body: string },
): Promise<number> {
  const title = cleanText(f.title).slice(0, 200);
  const body = cleanText(f.body).slice(0, 8000);
  const errors: FieldError[] = [];
  if (!title) errors.push({ field: 'title', message: 'Hãy nhập tên mẫu.' });
  if (body.length < 10) errors.push({ field: 'body', message: 'Hãy viết nội dung mẫu (ít nhất 10 ký tự).' });
  if (errors.length) fail(errors);
  const at = new Date().toISOString();
  return svc.db.transaction().execute(async (trx) => {
    let tid = id;
    if (tid === null) tid = await repo.insertTemplate(trx, { title, body, updated_at: at, updated_by: user.id });
    else if (!(await repo.updateTemplate(trx, tid, { title, body, updated_at: at, updated_by: user.id }))) {
      throw new AppError('not_found', 'Không tìm thấy mẫu này.');
    }
    await audit(trx, {
      actorId: user.id,
      action: id === null ? 'feedback.template.create' : 'feedback.template.update',
      entity: 'feedback_template',
      entityId: tid,
      summary: `${id === null ? 'Thêm' : 'Sửa'} mẫu trả lời "${title}"`,
    });
    return tid;
  });
}

export async function removeTemplate(svc: FeedbackService, user: SignedInUser, id: number): Promise<void> {
  await svc.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteTemplate(trx, id))) throw new AppError('not_found', 'Không tìm thấy mẫu này.');
    await audit(trx, {
      actorId: user.id,
      action: 'feedback.template.delete',
      entity: 'feedback_template',
      entityId: id,
      summary: 'Xóa mẫu trả lời',
    });
  });
}

export async function setCalendarDay(
  svc: FeedbackService,
  user: SignedInUser,
  f: { date: string; kind: string; name: string },
): Promise<void> {
  const errors: FieldError[] = [];
  const date = f.date.trim();
  if (
    !DATE.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    errors.push({ field: 'date', message: 'Hãy chọn một ngày hợp lệ.' });
  }
  const kind = f.kind === 'workday' ? 'workday' : f.kind === 'holiday' ? 'holiday' : null;
  if (!kind) errors.push({ field: 'kind', message: 'Chọn ngày nghỉ hoặc ngày làm bù.' });
  const name = cleanText(f.name).slice(0, 200);
  if (!name) errors.push({ field: 'name', message: 'Hãy ghi tên ngày (ví dụ: Tết Nguyên đán).' });
  if (errors.length) fail(errors);
  await svc.db.transaction().execute(async (trx) => {
    await repo.upsertCalendarDay(trx, { date, kind: kind!, name });
    await audit(trx, {
      actorId: user.id,
      action: 'feedback.calendar.set',
      entity: 'feedback_calendar',
      entityId: date,
      summary: `${kind === 'holiday' ? 'Ngày nghỉ' : 'Ngày làm bù'} ${date}: ${name}`,
    });
  });
  svc.invalidate();
}

export async function removeCalendarDay(svc: FeedbackService, user: SignedInUser, date: string): Promise<void> {
  await svc.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteCalendarDay(trx, date))) throw new AppError('not_found', 'Không tìm thấy ngày này.');
    await audit(trx, {
      actorId: user.id,
      action: 'feedback.calendar.delete',
      entity: 'feedback_calendar',
      entityId: date,
      summary: `Bỏ ngày ${date} khỏi lịch`,
    });
  });
  svc.invalidate();
}
