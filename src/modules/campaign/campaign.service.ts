import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { audit } from '../../platform/audit.js';
import type { Db, DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { FormErrors, SignedInUser } from '../../platform/html/index.js';
import { findUnit, listAudiences, unitScopeIds } from '../org/index.js';
import * as repo from './campaign.repository.js';
import type { ActivityStatus, CampaignChannelsTable, ContentStatus, TargetSource, TargetUnit } from './campaign.table.js';

// ---- Vocabulary ----------------------------------------------------------------------------------

/** Content item types: the plan's products (section III.5). */
export const CONTENT_TYPES: Record<string, string> = {
  'tin-bai': 'Tin, bài viết',
  'phong-su': 'Phóng sự',
  'video-ngan': 'Video ngắn',
  infographic: 'Infographic',
  livestream: 'Livestream',
  'toa-dam': 'Tọa đàm, talkshow',
  'to-roi': 'Tờ rơi',
  'so-tay': 'Sổ tay hướng dẫn',
  'ap-phich': 'Áp phích, poster',
  'tin-nhan': 'Tin nhắn (SMS, Zalo)',
  minigame: 'Minigame, cuộc thi',
};

export const CONTENT_STATUS_LABELS: Record<ContentStatus, string> = {
  draft: 'Bản nháp',
  review: 'Chờ duyệt',
  approved: 'Đã duyệt',
  published: 'Đã đăng',
};

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  cancelled: 'Đã hủy',
};

export const TARGET_SOURCE_LABELS: Record<TargetSource, string> = {
  reports_sum: 'Tổng một trường của báo cáo định kỳ',
  reports_share: 'Tỷ lệ đơn vị có báo cáo trường này lớn hơn 0',
  kpi: 'Chỉ số tính từ hồ sơ (bảng chỉ số)',
  campaign: 'Sản phẩm truyền thông đã đăng',
  feedback: 'Phản ánh, góp ý',
  surveys: 'Khảo sát mức độ hài lòng',
  manual: 'Trung tâm đánh giá',
};

export const TARGET_UNIT_LABELS: Record<TargetUnit, string> = { '%': '%', count: 'số lượng' };

export const CHANNEL_GROUP_LABELS: Record<CampaignChannelsTable['grp'], string> = {
  press: 'Báo chí, truyền hình, phát thanh',
  portal: 'Cổng thông tin điện tử',
  social: 'Mạng xã hội',
  app: 'Ứng dụng, tin nhắn',
  print: 'Trực quan, in ấn',
  direct: 'Trực tiếp tại cơ sở',
};

// ---- Small parsing helpers -----------------------------------------------------------------------

export const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
export const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
export const lines = (s: string): string[] =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const now = () => new Date().toISOString();
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * A month or a date as an inclusive date range bound: "2025-03" -> from "2025-03-01" / to "2025-03-31".
 * Returns undefined for anything else.
 */
export function boundOf(v: string | undefined, end: boolean): string | undefined {
  if (!v) return undefined;
  if (isIsoDate(v)) return v;
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  if (!end) return `${v}-01`;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return `${v}-${String(last).padStart(2, '0')}`;
}

// ---- Access --------------------------------------------------------------------------------------

export interface Access {
  user: SignedInUser;
  /** Unit ids a unit officer acts for; null: every unit (the Center and viewers). */
  scope: number[] | null;
  /** Admin or editor: runs the plan, approves content. */
  center: boolean;
}

export async function accessFor(db: DbOrTrx, user: SignedInUser): Promise<Access> {
  const center = user.role === 'admin' || user.role === 'editor';
  if (user.role !== 'unit_officer') return { user, scope: null, center };
  return { user, scope: user.unitId === null ? [] : await unitScopeIds(db, user.unitId), center };
}

export const isCenterRole = (user: SignedInUser) => user.role === 'admin' || user.role === 'editor';

export const inScope = (a: Access, unitId: number) => a.scope === null || a.scope.includes(unitId);

function forbid(): never {
  throw new AppError('forbidden', 'Tài khoản của bạn không có quyền với mục này.');
}

// ---- The plan ------------------------------------------------------------------------------------

/** The plan for a year, or when none is asked: this year's, else the latest before it, else the latest. */
export async function resolvePlan(db: DbOrTrx, year?: number): Promise<repo.PlanRow | undefined> {
  if (year !== undefined) return repo.planByYear(db, year);
  const plans = await repo.listPlans(db);
  const thisYear = Number(today().slice(0, 4));
  const pick = plans.find((p) => p.year <= thisYear) ?? plans[plans.length - 1];
  return pick ? repo.findPlan(db, pick.id) : undefined;
}

export async function requirePlan(db: DbOrTrx, year?: number): Promise<repo.PlanRow> {
  const p = await resolvePlan(db, year);
  if (!p) throw new AppError('not_found', year ? `Chưa có kế hoạch năm ${year}.` : 'Chưa có kế hoạch nào.');
  return p;
}

export async function planOverview(db: DbOrTrx, plan: repo.PlanRow) {
  const [targets, phases, messages, duties, channels, audiences, plans, activities] = await Promise.all([
    repo.listTargets(db, plan.id),
    repo.listPhases(db, plan.id),
    repo.listMessages(db, plan.id),
    repo.listDuties(db, plan.id),
    repo.listChannels(db),
    listAudiences(db),
    repo.listPlans(db),
    repo.listActivities(db, { planId: plan.id, scope: null }),
  ]);
  const activitiesByPhase = new Map<number, number>();
  for (const a of activities) if (a.phase_id) activitiesByPhase.set(a.phase_id, (activitiesByPhase.get(a.phase_id) ?? 0) + 1);
  return {
    plan,
    goals: JSON.parse(plan.goals) as string[],
    targets,
    phases: phases.map((p) => ({ ...p, activityCount: activitiesByPhase.get(p.id) ?? 0 })),
    messages,
    duties: duties.map((d) => ({ ...d, list: JSON.parse(d.duties) as string[] })),
    channels,
    audiences,
    plans,
  };
}

export interface PlanForm {
  title: string;
  mainMessage: string;
  goals: string;
}

export async function savePlan(db: Db, user: SignedInUser, plan: repo.PlanRow, f: PlanForm): Promise<FormErrors> {
  const errors: FormErrors = [];
  if (!f.title.trim()) errors.push({ field: 'title', message: 'Nhập tên kế hoạch.' });
  if (!f.mainMessage.trim()) errors.push({ field: 'mainMessage', message: 'Nhập thông điệp chính.' });
  if (!lines(f.goals).length) errors.push({ field: 'goals', message: 'Nhập ít nhất một mục tiêu chung, mỗi mục một dòng.' });
  if (errors.length) return errors;
  await db.transaction().execute(async (trx) => {
    await repo.updatePlan(trx, plan.id, {
      title: f.title.trim().slice(0, 300),
      main_message: f.mainMessage.trim().slice(0, 200),
      goals: JSON.stringify(lines(f.goals)),
      updated_at: now(),
    });
    await audit(trx, {
      actorId: user.id,
      action: 'campaign.plan.update',
      entity: 'campaign_plan',
      entityId: plan.id,
      summary: `Sửa kế hoạch năm ${plan.year}`,
    });
  });
  return [];
}

export interface TargetForm {
  text: string;
  metricKey: string;
  targetValue: string;
  unit: string;
  source: string;
  sourceKey: string;
  measure: string;
}

export async function saveTarget(
  db: Db,
  user: SignedInUser,
  planId: number,
  targetId: number | null,
  f: TargetForm,
): Promise<{ errors: FormErrors; id?: number }> {
  const errors: FormErrors = [];
  if (!f.text.trim()) errors.push({ field: 'text', message: 'Nhập nội dung chỉ tiêu.' });
  if (!/^[a-z][a-z0-9_]{1,59}$/.test(f.metricKey.trim()))
    errors.push({ field: 'metricKey', message: 'Mã chỉ số gồm chữ thường không dấu, số và dấu gạch dưới, ví dụ people_guided.' });
  const value = Number(f.targetValue.replace(',', '.'));
  if (!f.targetValue.trim() || !Number.isFinite(value) || value < 0)
    errors.push({ field: 'targetValue', message: 'Nhập giá trị chỉ tiêu là một số không âm, ví dụ 100.' });
  else if (f.unit === '%' && value > 100) errors.push({ field: 'targetValue', message: 'Tỷ lệ không thể lớn hơn 100%.' });
  if (!(f.unit in TARGET_UNIT_LABELS)) errors.push({ field: 'unit', message: 'Chọn đơn vị tính.' });
  if (!(f.source in TARGET_SOURCE_LABELS)) errors.push({ field: 'source', message: 'Chọn nguồn số liệu.' });
  if (f.source !== 'manual' && !/^[a-z][a-z0-9_]{1,59}$/.test(f.sourceKey.trim()))
    errors.push({ field: 'sourceKey', message: 'Nhập mã trường báo cáo hoặc mã chỉ số nguồn, ví dụ portal_articles.' });
  if (!f.measure.trim()) errors.push({ field: 'measure', message: 'Ghi rõ cách đo chỉ tiêu này.' });
  if (!errors.length) {
    const dup = await repo.targetByMetric(db, planId, f.metricKey.trim());
    if (dup && dup.id !== targetId)
      errors.push({ field: 'metricKey', message: 'Kế hoạch này đã có chỉ tiêu với mã chỉ số này.' });
  }
  if (errors.length) return { errors };
  const values = {
    text: f.text.trim().slice(0, 1000),
    metric_key: f.metricKey.trim(),
    target_value: value,
    unit: f.unit as TargetUnit,
    source: f.source as TargetSource,
    source_key: f.source === 'manual' ? f.sourceKey.trim() || '-' : f.sourceKey.trim(),
    measure: f.measure.trim().slice(0, 2000),
  };
  const id = await savePlanItem(db, user, 'target', planId, targetId, values, `chỉ tiêu ${values.metric_key}`, {
    count: async (trx) => (await repo.listTargets(trx, planId)).length,
    insert: repo.insertTarget,
    update: repo.updateTarget,
  });
  return { errors: [], id };
}

export async function deleteTarget(db: Db, user: SignedInUser, id: number) {
  return deletePlanItem(db, user, 'target', id, {
    find: repo.findTarget,
    remove: repo.deleteTarget,
    missing: 'Không tìm thấy chỉ tiêu này.',
    summary: (t) => `Xóa chỉ tiêu ${t.metric_key}`,
  });
}

/** The audit entry of a campaign record just created (`isNew`) or updated: `campaign.<kind>.create|update`. */
function auditSave(trx: DbOrTrx, actorId: number, kind: string, isNew: boolean, id: number | string, summary: string) {
  return audit(trx, {
    actorId,
    action: `campaign.${kind}.${isNew ? 'create' : 'update'}`,
    entity: `campaign_${kind}`,
    entityId: id,
    summary,
  });
}

/**
 * Adds (last in the plan's order) or updates an ordered item of a plan, a target or a message, with its audit entry,
 * in one transaction. Returns its id.
 */
async function savePlanItem<V>(
  db: Db,
  user: SignedInUser,
  kind: 'target' | 'message',
  planId: number,
  itemId: number | null,
  values: V,
  what: string,
  store: {
    count: (trx: DbOrTrx) => Promise<number>;
    insert: (trx: DbOrTrx, v: V & { plan_id: number; sort: number }) => Promise<number>;
    update: (trx: DbOrTrx, id: number, v: V) => Promise<void>;
  },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let id = itemId;
    if (id === null) id = await store.insert(trx, { plan_id: planId, sort: await store.count(trx), ...values });
    else await store.update(trx, id, values);
    await auditSave(trx, user.id, kind, itemId === null, id, `${itemId === null ? 'Thêm' : 'Sửa'} ${what}`);
    return id;
  });
}

/** Deletes an item of a plan (404 when there is none) with its audit entry; returns what it was. */
async function deletePlanItem<T>(
  db: Db,
  user: SignedInUser,
  kind: 'target' | 'message',
  id: number,
  o: {
    find: (db: DbOrTrx, id: number) => Promise<T | undefined>;
    remove: (trx: DbOrTrx, id: number) => Promise<void>;
    missing: string;
    summary: (item: T) => string;
  },
): Promise<T> {
  const item = await o.find(db, id);
  if (!item) throw new AppError('not_found', o.missing);
  await db.transaction().execute(async (trx) => {
    await o.remove(trx, id);
    await audit(trx, {
      actorId: user.id,
      action: `campaign.${kind}.delete`,
      entity: `campaign_${kind}`,
      entityId: id,
      summary: o.summary(item),
    });
  });
  return item;
}

export interface PhaseForm {
  name: string;
  start: string;
  end: string;
  goals: string;
  units: string;
}

export async function savePhase(db: Db, user: SignedInUser, phase: repo.PhaseRow, f: PhaseForm): Promise<FormErrors> {
  const errors: FormErrors = [];
  if (!f.name.trim()) errors.push({ field: 'name', message: 'Nhập tên giai đoạn.' });
  if (!isIsoDate(f.start)) errors.push({ field: 'start', message: 'Nhập ngày bắt đầu.' });
  if (!isIsoDate(f.end)) errors.push({ field: 'end', message: 'Nhập ngày kết thúc.' });
  else if (isIsoDate(f.start) && f.end < f.start) errors.push({ field: 'end', message: 'Ngày kết thúc phải sau ngày bắt đầu.' });
  if (!f.goals.trim()) errors.push({ field: 'goals', message: 'Nhập mục tiêu của giai đoạn.' });
  if (errors.length) return errors;
  await db.transaction().execute(async (trx) => {
    await repo.updatePhase(trx, phase.id, {
      name: f.name.trim().slice(0, 300),
      start_date: f.start,
      end_date: f.end,
      goals: f.goals.trim().slice(0, 3000),
      units: f.units.trim().slice(0, 1000),
    });
    await audit(trx, {
      actorId: user.id,
      action: 'campaign.phase.update',
      entity: 'campaign_phase',
      entityId: phase.id,
      summary: `Sửa giai đoạn ${phase.no}`,
    });
  });
  return [];
}

export interface MessageForm {
  audience: string;
  text: string;
  emphasis: string;
}

export async function saveMessage(
  db: Db,
  user: SignedInUser,
  planId: number,
  messageId: number | null,
  f: MessageForm,
): Promise<FormErrors> {
  const errors: FormErrors = [];
  const audiences = await listAudiences(db);
  if (f.audience && !audiences.some((a) => a.id === f.audience))
    errors.push({ field: 'audience', message: 'Chọn nhóm đối tượng trong danh sách.' });
  if (!f.text.trim()) errors.push({ field: 'text', message: 'Nhập thông điệp.' });
  if (errors.length) return errors;
  const values = {
    audience_id: f.audience || null,
    text: f.text.trim().slice(0, 300),
    emphasis: f.emphasis.trim().slice(0, 300),
  };
  await savePlanItem(db, user, 'message', planId, messageId, values, 'thông điệp', {
    count: async (trx) => (await repo.listMessages(trx, planId)).length,
    insert: repo.insertMessage,
    update: repo.updateMessage,
  });
  return [];
}

export async function deleteMessage(db: Db, user: SignedInUser, id: number) {
  return deletePlanItem(db, user, 'message', id, {
    find: repo.findMessage,
    remove: repo.deleteMessage,
    missing: 'Không tìm thấy thông điệp này.',
    summary: () => 'Xóa thông điệp',
  });
}

export interface ChannelForm {
  key: string;
  name: string;
  grp: string;
  active: boolean;
}

export async function saveChannel(db: Db, user: SignedInUser, existingKey: string | null, f: ChannelForm): Promise<FormErrors> {
  const errors: FormErrors = [];
  const key = existingKey ?? f.key.trim();
  if (existingKey === null) {
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(key))
      errors.push({ field: 'key', message: 'Mã kênh gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ zalo-oa.' });
    else if (await repo.findChannel(db, key)) errors.push({ field: 'key', message: 'Đã có kênh với mã này.' });
  }
  if (!f.name.trim()) errors.push({ field: 'name', message: 'Nhập tên kênh.' });
  if (!(f.grp in CHANNEL_GROUP_LABELS)) errors.push({ field: 'grp', message: 'Chọn nhóm kênh.' });
  if (errors.length) return errors;
  await db.transaction().execute(async (trx) => {
    const grp = f.grp as CampaignChannelsTable['grp'];
    if (existingKey === null) {
      await trx
        .insertInto('campaign_channels')
        .values({ key, name: f.name.trim().slice(0, 120), grp, sort: await repo.nextChannelSort(trx), active: 1 })
        .execute();
    } else {
      await trx
        .updateTable('campaign_channels')
        .set({ name: f.name.trim().slice(0, 120), grp, active: f.active ? 1 : 0 })
        .where('key', '=', key)
        .execute();
    }
    await auditSave(trx, user.id, 'channel', existingKey === null, key, `${existingKey === null ? 'Thêm' : 'Sửa'} kênh ${key}`);
  });
  return [];
}

export interface DutyForm {
  label: string;
  duties: string;
}

export async function saveDuty(db: Db, user: SignedInUser, duty: repo.DutyRow, f: DutyForm): Promise<FormErrors> {
  const errors: FormErrors = [];
  if (!f.label.trim()) errors.push({ field: 'label', message: 'Nhập tên cơ quan, đơn vị.' });
  if (!lines(f.duties).length) errors.push({ field: 'duties', message: 'Nhập ít nhất một nhiệm vụ, mỗi nhiệm vụ một dòng.' });
  if (errors.length) return errors;
  await db.transaction().execute(async (trx) => {
    await repo.updateDuty(trx, duty.id, { label: f.label.trim().slice(0, 300), duties: JSON.stringify(lines(f.duties)) });
    await audit(trx, {
      actorId: user.id,
      action: 'campaign.duty.update',
      entity: 'campaign_duty',
      entityId: duty.id,
      summary: `Sửa nhiệm vụ: ${duty.label}`,
    });
  });
  return [];
}

function shiftYear(date: string | null, years: number): string | null {
  if (!date) return date;
  const y = Number(date.slice(0, 4)) + years;
  let d = `${y}${date.slice(4)}`;
  // 29 February of a leap year becomes 28 February.
  if (!isIsoDate(d)) d = `${y}${date.slice(4, 8)}28`;
  return d;
}

/**
 * A new year's plan from an existing one: goals, targets, phases (dates moved by the years between), messages,
 * duties and the activities (status reset, no evidence). Content items and reports are not copied.
 */
export async function copyPlan(db: Db, user: SignedInUser, fromYear: number, toYear: number): Promise<FormErrors> {
  const errors: FormErrors = [];
  const from = Number.isInteger(fromYear) ? await repo.planByYear(db, fromYear) : undefined;
  if (!from) errors.push({ field: 'from', message: 'Chọn kế hoạch để sao chép.' });
  if (!Number.isInteger(toYear) || toYear < 2000 || toYear > 2100)
    errors.push({ field: 'to', message: 'Nhập năm của kế hoạch mới, ví dụ 2026.' });
  else if (await repo.planByYear(db, toYear)) errors.push({ field: 'to', message: `Đã có kế hoạch năm ${toYear}.` });
  if (errors.length || !from) return errors;
  const shift = toYear - fromYear;
  await db.transaction().execute(async (trx) => {
    const t = now();
    const title = from.title.includes(String(fromYear))
      ? from.title.replaceAll(String(fromYear), String(toYear))
      : `${from.title} (${toYear})`;
    const planId = await repo.insertPlan(trx, {
      year: toYear,
      title,
      main_message: from.main_message,
      goals: from.goals,
      copied_from: from.id,
      created_at: t,
      updated_at: t,
    });
    for (const x of await repo.listTargets(trx, from.id)) {
      const { id: _id, plan_id: _p, ...rest } = x;
      await repo.insertTarget(trx, { ...rest, plan_id: planId });
    }
    const phaseMap = new Map<number, number>();
    for (const x of await repo.listPhases(trx, from.id)) {
      const id = await repo.insertPhase(trx, {
        plan_id: planId,
        no: x.no,
        name: x.name,
        start_date: shiftYear(x.start_date, shift)!,
        end_date: shiftYear(x.end_date, shift)!,
        goals: x.goals,
        units: x.units,
      });
      phaseMap.set(x.id, id);
    }
    for (const x of await repo.listMessages(trx, from.id)) {
      const { id: _id, plan_id: _p, ...rest } = x;
      await repo.insertMessage(trx, { ...rest, plan_id: planId });
    }
    for (const x of await repo.listDuties(trx, from.id)) {
      const { id: _id, plan_id: _p, ...rest } = x;
      await repo.insertDuty(trx, { ...rest, plan_id: planId });
    }
    const acts = await trx.selectFrom('campaign_activities').selectAll().where('plan_id', '=', from.id).orderBy('id').execute();
    for (const a of acts) {
      const id = await repo.insertActivity(trx, {
        plan_id: planId,
        phase_id: a.phase_id ? (phaseMap.get(a.phase_id) ?? null) : null,
        title: a.title,
        description: a.description,
        lead_unit_id: a.lead_unit_id,
        channels: a.channels,
        audiences: a.audiences,
        due_date: shiftYear(a.due_date, shift),
        status: 'planned',
        created_by: user.id,
        created_at: t,
        updated_at: t,
      });
      const coop = await repo.activityUnits(trx, a.id);
      await repo.setActivityUnits(
        trx,
        id,
        coop.map((c) => c.id),
      );
    }
    await audit(trx, {
      actorId: user.id,
      action: 'campaign.plan.copy',
      entity: 'campaign_plan',
      entityId: planId,
      summary: `Tạo kế hoạch năm ${toYear} từ kế hoạch năm ${fromYear}`,
    });
  });
  return [];
}

// ---- Activities ----------------------------------------------------------------------------------

export interface ActivityForm {
  title: string;
  description: string;
  phaseId: string;
  leadUnitId: string;
  coopUnitIds: string[];
  channels: string[];
  audiences: string[];
  dueDate: string;
  status: string;
}

export async function visibleActivity(db: DbOrTrx, a: Access, id: number) {
  const act = await repo.findActivity(db, id);
  if (!act) throw new AppError('not_found', 'Không tìm thấy hoạt động này.');
  const coop = await repo.activityUnits(db, id);
  const leads = inScope(a, act.lead_unit_id);
  const coops = coop.some((c) => inScope(a, c.id));
  if (!leads && !coops) forbid();
  return {
    act,
    coop,
    /** May edit and change the status: the Center, or an officer of the lead unit. */
    canManage: a.center || (a.user.role === 'unit_officer' && leads),
    /** May add evidence: also the co-operating units' officers. */
    canAddEvidence: a.center || (a.user.role === 'unit_officer' && (leads || coops)),
  };
}

async function checkActivityForm(db: DbOrTrx, a: Access, planId: number, f: ActivityForm): Promise<FormErrors> {
  const errors: FormErrors = [];
  if (!f.title.trim()) errors.push({ field: 'title', message: 'Nhập tên hoạt động.' });
  const phases = await repo.listPhases(db, planId);
  if (f.phaseId && !phases.some((p) => String(p.id) === f.phaseId))
    errors.push({ field: 'phaseId', message: 'Chọn giai đoạn trong danh sách.' });
  const lead = /^\d+$/.test(f.leadUnitId) ? await findUnit(db, Number(f.leadUnitId)) : undefined;
  if (!lead) errors.push({ field: 'leadUnitId', message: 'Chọn đơn vị chủ trì.' });
  else if (!inScope(a, lead.id))
    errors.push({ field: 'leadUnitId', message: 'Bạn chỉ tạo được hoạt động do đơn vị mình chủ trì.' });
  for (const u of f.coopUnitIds) {
    if (!/^\d+$/.test(u) || !(await findUnit(db, Number(u)))) {
      errors.push({ field: 'coopUnitIds', message: 'Chọn đơn vị phối hợp trong danh sách.' });
      break;
    }
  }
  const channels = new Set((await repo.listChannels(db)).map((c) => c.key));
  if (f.channels.some((c) => !channels.has(c))) errors.push({ field: 'channels', message: 'Chọn kênh trong danh sách.' });
  const audiences = new Set((await listAudiences(db)).map((x) => x.id));
  if (f.audiences.some((x) => !audiences.has(x))) errors.push({ field: 'audiences', message: 'Chọn đối tượng trong danh sách.' });
  if (f.dueDate && !isIsoDate(f.dueDate)) errors.push({ field: 'dueDate', message: 'Nhập hạn hoàn thành là một ngày hợp lệ.' });
  if (!(f.status in ACTIVITY_STATUS_LABELS)) errors.push({ field: 'status', message: 'Chọn trạng thái.' });
  return errors;
}

export async function saveActivity(
  db: Db,
  a: Access,
  planId: number,
  activityId: number | null,
  f: ActivityForm,
): Promise<{ errors: FormErrors; id?: number }> {
  if (a.user.role === 'viewer') forbid();
  if (activityId !== null) {
    const v = await visibleActivity(db, a, activityId);
    if (!v.canManage) forbid();
  }
  const errors = await checkActivityForm(db, a, planId, f);
  if (errors.length) return { errors };
  const values = {
    title: f.title.trim().slice(0, 300),
    description: f.description.trim().slice(0, 5000),
    phase_id: f.phaseId ? Number(f.phaseId) : null,
    lead_unit_id: Number(f.leadUnitId),
    channels: JSON.stringify([...new Set(f.channels)]),
    audiences: JSON.stringify([...new Set(f.audiences)]),
    due_date: f.dueDate || null,
    status: f.status as ActivityStatus,
    updated_at: now(),
  };
  const id = await db.transaction().execute(async (trx) => {
    let id = activityId;
    if (id === null)
      id = await repo.insertActivity(trx, { ...values, plan_id: planId, created_by: a.user.id, created_at: now() });
    else await repo.updateActivity(trx, id, values);
    await repo.setActivityUnits(
      trx,
      id,
      f.coopUnitIds.map(Number).filter((u) => u !== values.lead_unit_id),
    );
    const isNew = activityId === null;
    await auditSave(trx, a.user.id, 'activity', isNew, id, `${isNew ? 'Thêm' : 'Sửa'} hoạt động: ${values.title.slice(0, 80)}`);
    return id;
  });
  return { errors: [], id };
}

export async function setActivityStatus(db: Db, a: Access, id: number, status: string) {
  const v = await visibleActivity(db, a, id);
  if (!v.canManage) forbid();
  if (!(status in ACTIVITY_STATUS_LABELS)) throw new AppError('bad_request', 'Trạng thái không hợp lệ.');
  await db.transaction().execute(async (trx) => {
    await repo.updateActivity(trx, id, { status: status as ActivityStatus, updated_at: now() });
    await audit(trx, {
      actorId: a.user.id,
      action: 'campaign.activity.status',
      entity: 'campaign_activity',
      entityId: id,
      summary: `Chuyển trạng thái: ${ACTIVITY_STATUS_LABELS[status as ActivityStatus]}`,
    });
  });
}

export async function addEvidenceLink(db: Db, a: Access, id: number, url: string, note: string): Promise<FormErrors> {
  const v = await visibleActivity(db, a, id);
  if (!v.canAddEvidence) forbid();
  if (!isHttpUrl(url.trim())) return [{ field: 'url', message: 'Nhập đường link đầy đủ, bắt đầu bằng https://' }];
  const linkEvidence = {
    kind: 'link' as const,
    url: url.trim().slice(0, 2000),
    file_name: null,
    stored_name: null,
    mime: null,
    size: null,
  };
  await insertEvidence(db, a, id, linkEvidence, note, 'link');
  return [];
}

/** Stores a piece of evidence of an activity (a link or a stored file) with its audit entry, in one transaction. */
async function insertEvidence(
  db: Db,
  a: Access,
  id: number,
  what: Pick<Parameters<typeof repo.insertEvidence>[1], 'kind' | 'url' | 'file_name' | 'stored_name' | 'mime' | 'size'>,
  note: string,
  label: string,
) {
  await db.transaction().execute(async (trx) => {
    const eid = await repo.insertEvidence(trx, {
      activity_id: id,
      ...what,
      note: note.trim().slice(0, 500),
      created_by: a.user.id,
      created_at: now(),
    });
    await audit(trx, {
      actorId: a.user.id,
      action: 'campaign.evidence.add',
      entity: 'campaign_activity',
      entityId: id,
      summary: `Thêm minh chứng (${label}) #${eid}`,
    });
  });
}

/** Evidence files: what may be uploaded, recognised by extension AND by the file's first bytes. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
const FILE_TYPES: Record<string, { mime: string; magic: (b: Buffer) => boolean }> = {
  '.pdf': { mime: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  '.png': {
    mime: 'image/png',
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  '.jpg': { mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  '.jpeg': { mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  '.webp': {
    mime: 'image/webp',
    magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  '.docx': {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  '.xlsx': {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  '.pptx': {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  '.mp4': { mime: 'video/mp4', magic: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
};
export const EVIDENCE_EXTENSIONS = Object.keys(FILE_TYPES);

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads', 'campaign');
}

export async function addEvidenceFile(
  db: Db,
  dataDir: string,
  a: Access,
  id: number,
  file: { filename: string; data: Buffer; truncated: boolean },
  note: string,
): Promise<FormErrors> {
  const v = await visibleActivity(db, a, id);
  if (!v.canAddEvidence) forbid();
  if (file.truncated || file.data.length > EVIDENCE_MAX_BYTES)
    return [{ field: 'file', message: `Tệp quá lớn. Tệp minh chứng tối đa ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.` }];
  if (!file.filename || file.data.length === 0) return [{ field: 'file', message: 'Chọn tệp minh chứng.' }];
  const ext = path.extname(file.filename).toLowerCase();
  const type = FILE_TYPES[ext];
  if (!type) return [{ field: 'file', message: `Chỉ nhận tệp ${EVIDENCE_EXTENSIONS.join(', ')}.` }];
  if (!type.magic(file.data)) return [{ field: 'file', message: `Nội dung tệp không đúng định dạng ${ext}.` }];
  const dir = uploadsDir(dataDir);
  await fs.mkdir(dir, { recursive: true });
  const stored = `${crypto.randomUUID()}${ext}`;
  await fs.writeFile(path.join(dir, stored), file.data, { mode: 0o600 });
  // The displayed name keeps letters, digits and a few marks only (it is echoed in a header on download).
  const name = path
    .basename(file.filename)
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 150);
  try {
    const fileEvidence = {
      kind: 'file' as const,
      url: null,
      file_name: name,
      stored_name: stored,
      mime: type.mime,
      size: file.data.length,
    };
    await insertEvidence(db, a, id, fileEvidence, note, `tệp ${ext}`);
  } catch (e) {
    await fs.rm(path.join(dir, stored), { force: true });
    throw e;
  }
  return [];
}

export async function evidenceFile(db: Db, dataDir: string, a: Access, id: number, eid: number) {
  await visibleActivity(db, a, id);
  const e = await repo.findEvidence(db, eid);
  if (!e || e.activity_id !== id || e.kind !== 'file' || !e.stored_name)
    throw new AppError('not_found', 'Không tìm thấy tệp này.');
  return {
    path: path.join(uploadsDir(dataDir), e.stored_name),
    name: e.file_name ?? e.stored_name,
    mime: e.mime ?? 'application/octet-stream',
  };
}

export async function deleteEvidence(db: Db, dataDir: string, a: Access, id: number, eid: number) {
  const v = await visibleActivity(db, a, id);
  const e = await repo.findEvidence(db, eid);
  if (!e || e.activity_id !== id) throw new AppError('not_found', 'Không tìm thấy minh chứng này.');
  if (!(v.canManage || (v.canAddEvidence && e.created_by === a.user.id))) forbid();
  await db.transaction().execute(async (trx) => {
    await repo.deleteEvidence(trx, eid);
    await audit(trx, {
      actorId: a.user.id,
      action: 'campaign.evidence.delete',
      entity: 'campaign_activity',
      entityId: id,
      summary: `Xóa minh chứng #${eid}`,
    });
  });
  if (e.stored_name) await fs.rm(path.join(uploadsDir(dataDir), e.stored_name), { force: true });
}

// ---- Content items -------------------------------------------------------------------------------

export interface ContentForm {
  title: string;
  type: string;
  audiences: string[];
  messageId: string;
  body: string;
  ownerUnitId: string;
  activityId: string;
  plannedDate: string;
  channels: string[];
  /** Channel key -> the text for that channel (empty: the main text is used). */
  variants: Record<string, string>;
}

export async function visibleContent(db: DbOrTrx, a: Access, id: number) {
  const c = await repo.findContent(db, id);
  if (!c) throw new AppError('not_found', 'Không tìm thấy sản phẩm truyền thông này.');
  const mine = inScope(a, c.owner_unit_id);
  if (!mine) forbid();
  const worker = a.center || a.user.role === 'unit_officer';
  return {
    c,
    canEdit: worker && c.status === 'draft',
    canSubmit: worker && c.status === 'draft',
    /** The second person: someone of the Center who did not write it. */
    canApprove: a.center && c.status === 'review' && c.author_id !== a.user.id,
    isAuthor: c.author_id === a.user.id,
    canReturn: a.center && (c.status === 'review' || c.status === 'approved'),
    canPublish: worker && (c.status === 'approved' || c.status === 'published'),
    canComment: worker,
  };
}

async function checkContentForm(db: DbOrTrx, a: Access, planId: number, f: ContentForm): Promise<FormErrors> {
  const errors: FormErrors = [];
  if (!f.title.trim()) errors.push({ field: 'title', message: 'Nhập tên sản phẩm.' });
  if (!(f.type in CONTENT_TYPES)) errors.push({ field: 'type', message: 'Chọn loại sản phẩm.' });
  const audiences = new Set((await listAudiences(db)).map((x) => x.id));
  if (!f.audiences.length) errors.push({ field: 'audiences', message: 'Chọn ít nhất một nhóm đối tượng.' });
  else if (f.audiences.some((x) => !audiences.has(x)))
    errors.push({ field: 'audiences', message: 'Chọn đối tượng trong danh sách.' });
  if (f.messageId) {
    const m = /^\d+$/.test(f.messageId) ? await repo.findMessage(db, Number(f.messageId)) : undefined;
    if (!m || m.plan_id !== planId) errors.push({ field: 'messageId', message: 'Chọn thông điệp trong danh sách.' });
  }
  const owner = /^\d+$/.test(f.ownerUnitId) ? await findUnit(db, Number(f.ownerUnitId)) : undefined;
  if (!owner) errors.push({ field: 'ownerUnitId', message: 'Chọn đơn vị thực hiện.' });
  else if (!inScope(a, owner.id)) errors.push({ field: 'ownerUnitId', message: 'Bạn chỉ tạo được sản phẩm cho đơn vị mình.' });
  if (f.activityId) {
    const act = /^\d+$/.test(f.activityId) ? await repo.findActivity(db, Number(f.activityId)) : undefined;
    if (!act || act.plan_id !== planId) errors.push({ field: 'activityId', message: 'Chọn hoạt động trong danh sách.' });
  }
  if (f.plannedDate && !isIsoDate(f.plannedDate))
    errors.push({ field: 'plannedDate', message: 'Nhập ngày dự kiến đăng hợp lệ.' });
  const channels = await repo.listChannels(db);
  const keys = new Set(channels.map((c) => c.key));
  if (!f.channels.length) errors.push({ field: 'channels', message: 'Chọn ít nhất một kênh đăng.' });
  else if (f.channels.some((c) => !keys.has(c))) errors.push({ field: 'channels', message: 'Chọn kênh trong danh sách.' });
  for (const [k, text] of Object.entries(f.variants)) {
    if (text.trim() && !f.channels.includes(k)) {
      const name = channels.find((c) => c.key === k)?.name ?? k;
      errors.push({ field: `variant-${k}`, message: `Bạn đã viết nội dung cho kênh "${name}" nhưng chưa chọn kênh này.` });
    }
  }
  return errors;
}

export async function saveContent(
  db: Db,
  a: Access,
  planId: number,
  contentId: number | null,
  f: ContentForm,
): Promise<{ errors: FormErrors; id?: number }> {
  if (a.user.role === 'viewer') forbid();
  if (contentId !== null) {
    const v = await visibleContent(db, a, contentId);
    if (!v.canEdit) throw new AppError('conflict', 'Chỉ sửa được sản phẩm đang là bản nháp.');
  }
  const errors = await checkContentForm(db, a, planId, f);
  if (errors.length) return { errors };
  const values = {
    title: f.title.trim().slice(0, 300),
    type: f.type,
    audiences: JSON.stringify([...new Set(f.audiences)]),
    message_id: f.messageId ? Number(f.messageId) : null,
    body: f.body.trim().slice(0, 20000),
    owner_unit_id: Number(f.ownerUnitId),
    activity_id: f.activityId ? Number(f.activityId) : null,
    planned_date: f.plannedDate || null,
    updated_at: now(),
  };
  const id = await db.transaction().execute(async (trx) => {
    let id = contentId;
    if (id === null) {
      id = await repo.insertContent(trx, {
        ...values,
        plan_id: planId,
        status: 'draft',
        author_id: a.user.id,
        approver_id: null,
        created_at: now(),
        submitted_at: null,
        approved_at: null,
        published_at: null,
      });
    } else await repo.updateContent(trx, id, values);
    await repo.setVariants(
      trx,
      id,
      [...new Set(f.channels)].map((ch) => ({ channel: ch, text: (f.variants[ch] ?? '').trim().slice(0, 20000) })),
    );
    const isNew = contentId === null;
    await auditSave(trx, a.user.id, 'content', isNew, id, `${isNew ? 'Tạo' : 'Sửa'} sản phẩm: ${values.title.slice(0, 80)}`);
    return id;
  });
  return { errors: [], id };
}

async function transition(
  db: Db,
  a: Access,
  id: number,
  kind: 'submit' | 'approve' | 'return',
  comment: string,
): Promise<repo.ContentRow> {
  const v = await visibleContent(db, a, id);
  const t = now();
  let set: Partial<repo.ContentRow>;
  let summary: string;
  if (kind === 'submit') {
    if (!v.canSubmit) throw new AppError('conflict', 'Chỉ gửi duyệt được bản nháp.');
    set = { status: 'review', submitted_at: t };
    summary = 'Gửi duyệt';
  } else if (kind === 'approve') {
    if (!a.center) forbid();
    if (v.c.status !== 'review') throw new AppError('conflict', 'Sản phẩm này không ở trạng thái chờ duyệt.');
    if (v.isAuthor) throw new AppError('forbidden', 'Người viết không tự duyệt được. Một cán bộ khác của Trung tâm sẽ duyệt.');
    set = { status: 'approved', approver_id: a.user.id, approved_at: t };
    summary = 'Duyệt';
  } else {
    if (!a.center) forbid();
    if (!v.canReturn) throw new AppError('conflict', 'Chỉ trả lại được sản phẩm đang chờ duyệt hoặc đã duyệt.');
    set = { status: 'draft', approver_id: null, approved_at: null };
    summary = 'Trả lại để sửa';
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateContent(trx, id, { ...set, updated_at: t });
    await repo.insertComment(trx, { content_id: id, author_id: a.user.id, kind, body: comment.trim().slice(0, 2000) });
    await audit(trx, {
      actorId: a.user.id,
      action: `campaign.content.${kind}`,
      entity: 'campaign_content',
      entityId: id,
      summary,
    });
  });
  return v.c;
}

export const submitContent = (db: Db, a: Access, id: number, comment: string) => transition(db, a, id, 'submit', comment);
export const approveContent = (db: Db, a: Access, id: number, comment: string) => transition(db, a, id, 'approve', comment);

export async function returnContent(db: Db, a: Access, id: number, comment: string): Promise<FormErrors> {
  if (!comment.trim()) {
    await visibleContent(db, a, id);
    if (!a.center) forbid();
    return [{ field: 'return-comment', message: 'Ghi rõ cần sửa gì trước khi trả lại.' }];
  }
  await transition(db, a, id, 'return', comment);
  return [];
}

export async function commentContent(db: Db, a: Access, id: number, body: string): Promise<FormErrors> {
  const v = await visibleContent(db, a, id);
  if (!v.canComment) forbid();
  if (!body.trim()) return [{ field: 'comment', message: 'Nhập nội dung ý kiến.' }];
  await db.transaction().execute(async (trx) => {
    await repo.insertComment(trx, { content_id: id, author_id: a.user.id, kind: 'comment', body: body.trim().slice(0, 2000) });
    await audit(trx, {
      actorId: a.user.id,
      action: 'campaign.content.comment',
      entity: 'campaign_content',
      entityId: id,
      summary: 'Thêm ý kiến',
    });
  });
  return [];
}

export interface PublicationForm {
  channel: string;
  url: string;
  publishedOn: string;
  views: string;
  likes: string;
  shares: string;
}

const COUNT_MAX = 1_000_000_000;
function count(v: string): number | null {
  const s = v.trim().replace(/[.\s]/g, '');
  if (s === '') return 0;
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= COUNT_MAX ? n : null;
}

async function checkPublication(
  db: DbOrTrx,
  f: PublicationForm,
  channelKeys: Set<string>,
  requireUrl: boolean,
): Promise<{ errors: FormErrors; views: number; likes: number; shares: number }> {
  const errors: FormErrors = [];
  if (requireUrl) {
    if (!channelKeys.has(f.channel)) errors.push({ field: 'channel', message: 'Chọn kênh đã đăng.' });
    if (!isHttpUrl(f.url.trim())) errors.push({ field: 'url', message: 'Nhập đường link bài đăng, bắt đầu bằng https://' });
  }
  if (!isIsoDate(f.publishedOn)) errors.push({ field: 'publishedOn', message: 'Nhập ngày đăng hợp lệ.' });
  else if (f.publishedOn > today()) errors.push({ field: 'publishedOn', message: 'Ngày đăng không thể sau hôm nay.' });
  const views = count(f.views);
  const likes = count(f.likes);
  const shares = count(f.shares);
  if (views === null) errors.push({ field: 'views', message: 'Lượt xem là số nguyên không âm.' });
  if (likes === null) errors.push({ field: 'likes', message: 'Lượt thích là số nguyên không âm.' });
  if (shares === null) errors.push({ field: 'shares', message: 'Lượt chia sẻ là số nguyên không âm.' });
  void db;
  return { errors, views: views ?? 0, likes: likes ?? 0, shares: shares ?? 0 };
}

async function markPublished(trx: DbOrTrx, c: repo.ContentRow, userId: number, publishedOn: string) {
  if (c.status === 'approved') {
    await repo.updateContent(trx, c.id, { status: 'published', published_at: publishedOn, updated_at: now() });
    await repo.insertComment(trx, { content_id: c.id, author_id: userId, kind: 'publish', body: '' });
  } else if (c.published_at && publishedOn < c.published_at) {
    await repo.updateContent(trx, c.id, { published_at: publishedOn });
  }
}

/** Publication evidence; the first one marks an approved item as published. */
export async function addPublication(db: Db, a: Access, id: number, f: PublicationForm): Promise<FormErrors> {
  const v = await visibleContent(db, a, id);
  if (!v.canPublish) throw new AppError('conflict', 'Chỉ ghi nhận đăng tải cho sản phẩm đã được duyệt.');
  const channels = new Set((await repo.listVariants(db, id)).map((x) => x.channel));
  const chk = await checkPublication(db, f, channels, true);
  if (!chk.errors.length && (await repo.publicationByUrl(db, id, f.channel, f.url.trim())))
    chk.errors.push({ field: 'url', message: 'Đường link này đã được ghi nhận cho kênh này.' });
  if (chk.errors.length) return chk.errors;
  await db.transaction().execute(async (trx) => {
    await repo.insertPublication(trx, {
      content_id: id,
      channel: f.channel,
      url: f.url.trim().slice(0, 2000),
      published_on: f.publishedOn,
      views: chk.views,
      likes: chk.likes,
      shares: chk.shares,
      created_by: a.user.id,
    });
    await markPublished(trx, v.c, a.user.id, f.publishedOn);
    await audit(trx, {
      actorId: a.user.id,
      action: 'campaign.content.publication',
      entity: 'campaign_content',
      entityId: id,
      summary: `Ghi nhận đăng tải trên ${f.channel}`,
    });
  });
  return [];
}

export async function updateReach(db: Db, a: Access, id: number, pid: number, f: PublicationForm): Promise<FormErrors> {
  const v = await visibleContent(db, a, id);
  if (!v.canPublish) forbid();
  const p = await repo.findPublication(db, pid);
  if (!p || p.content_id !== id) throw new AppError('not_found', 'Không tìm thấy lần đăng này.');
  const chk = await checkPublication(db, f, new Set(), false);
  if (chk.errors.length) return chk.errors.map((e) => ({ ...e, field: `${e.field}-${pid}` }));
  await db.transaction().execute(async (trx) => {
    await repo.updatePublication(trx, pid, {
      published_on: f.publishedOn,
      views: chk.views,
      likes: chk.likes,
      shares: chk.shares,
    });
    await audit(trx, {
      actorId: a.user.id,
      action: 'campaign.content.reach',
      entity: 'campaign_content',
      entityId: id,
      summary: `Cập nhật lượt tiếp cận lần đăng #${pid}`,
    });
  });
  return [];
}

export const REACH_CSV_COLUMNS = ['content_id', 'channel', 'url', 'published_on', 'views', 'likes', 'shares'] as const;
export const REACH_CSV_MAX_ROWS = 10_000;

export interface ImportResult {
  /** Line-numbered problems; when any, nothing was imported. */
  errors: Array<{ line: number; message: string }>;
  created: number;
  updated: number;
}

/**
 * Reach figures from a CSV export (header: content_id,channel,url,published_on,views,likes,shares).
 * A row whose content, channel and URL are already recorded updates the figures; another adds a publication.
 * Every row is checked first; a single bad row imports nothing.
 */
export async function importReachCsv(db: Db, a: Access, text: string): Promise<ImportResult> {
  if (a.user.role === 'viewer') forbid();
  const errors: ImportResult['errors'] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { errors: [{ line, message: `Tệp CSV không đọc được: ${(e as Error).message}` }], created: 0, updated: 0 };
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const cols = header.split(',').map((h) => h.trim().toLowerCase());
  const missing = REACH_CSV_COLUMNS.filter((c) => !cols.includes(c));
  if (missing.length) return { errors: [{ line: 1, message: `Thiếu cột: ${missing.join(', ')}.` }], created: 0, updated: 0 };
  if (!records.length) return { errors: [{ line: 2, message: 'Tệp không có dòng số liệu nào.' }], created: 0, updated: 0 };
  if (records.length > REACH_CSV_MAX_ROWS)
    return {
      errors: [{ line: REACH_CSV_MAX_ROWS + 2, message: `Tối đa ${REACH_CSV_MAX_ROWS} dòng mỗi lần nhập.` }],
      created: 0,
      updated: 0,
    };

  const contentCache = new Map<number, repo.ContentRow | null>();
  const variantsCache = new Map<number, Set<string>>();
  const seen = new Set<string>();
  const planned: Array<{
    c: repo.ContentRow;
    row: Record<string, string>;
    views: number;
    likes: number;
    shares: number;
    existing?: number;
  }> = [];
  for (const { record: row, info } of records) {
    const line = info.lines;
    const idText = row.content_id ?? '';
    if (!/^\d+$/.test(idText)) {
      errors.push({ line, message: 'content_id phải là mã số sản phẩm (số nguyên).' });
      continue;
    }
    const cid = Number(idText);
    if (!contentCache.has(cid)) contentCache.set(cid, (await repo.findContent(db, cid)) ?? null);
    const c = contentCache.get(cid);
    if (!c) {
      errors.push({ line, message: `Không có sản phẩm mã ${cid}.` });
      continue;
    }
    if (!inScope(a, c.owner_unit_id)) {
      errors.push({ line, message: `Bạn không có quyền với sản phẩm mã ${cid}.` });
      continue;
    }
    if (c.status !== 'approved' && c.status !== 'published') {
      errors.push({ line, message: `Sản phẩm mã ${cid} chưa được duyệt.` });
      continue;
    }
    if (!variantsCache.has(cid)) variantsCache.set(cid, new Set((await repo.listVariants(db, cid)).map((x) => x.channel)));
    const f: PublicationForm = {
      channel: row.channel ?? '',
      url: row.url ?? '',
      publishedOn: row.published_on ?? '',
      views: row.views ?? '',
      likes: row.likes ?? '',
      shares: row.shares ?? '',
    };
    const chk = await checkPublication(db, f, variantsCache.get(cid)!, true);
    if (chk.errors.length) {
      const names: Record<string, string> = {
        channel: 'channel: kênh không có trong danh sách kênh của sản phẩm',
        url: 'url: cần đường link đầy đủ bắt đầu bằng https://',
        publishedOn: 'published_on: cần ngày dạng YYYY-MM-DD, không sau hôm nay',
        views: 'views: cần số nguyên không âm',
        likes: 'likes: cần số nguyên không âm',
        shares: 'shares: cần số nguyên không âm',
      };
      errors.push({ line, message: chk.errors.map((e) => names[e.field] ?? e.message).join('; ') });
      continue;
    }
    const key = `${cid}|${f.channel}|${f.url.trim()}`;
    if (seen.has(key)) {
      errors.push({ line, message: 'Dòng trùng với một dòng trước (cùng sản phẩm, kênh và đường link).' });
      continue;
    }
    seen.add(key);
    const existing = await repo.publicationByUrl(db, cid, f.channel, f.url.trim());
    planned.push({ c, row, views: chk.views, likes: chk.likes, shares: chk.shares, existing: existing?.id });
  }
  if (errors.length) return { errors, created: 0, updated: 0 };
  let created = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    for (const p of planned) {
      const publishedOn = p.row.published_on!;
      if (p.existing !== undefined) {
        await repo.updatePublication(trx, p.existing, {
          published_on: publishedOn,
          views: p.views,
          likes: p.likes,
          shares: p.shares,
        });
        updated++;
      } else {
        await repo.insertPublication(trx, {
          content_id: p.c.id,
          channel: p.row.channel!,
          url: p.row.url!.trim(),
          published_on: publishedOn,
          views: p.views,
          likes: p.likes,
          shares: p.shares,
          created_by: a.user.id,
        });
        created++;
        const fresh = (await repo.findContent(trx, p.c.id))!;
        await markPublished(trx, fresh, a.user.id, publishedOn);
      }
    }
    await audit(trx, {
      actorId: a.user.id,
      action: 'campaign.content.import',
      entity: 'campaign_content',
      entityId: 'csv',
      summary: `Nhập lượt tiếp cận từ CSV: ${created} lần đăng mới, ${updated} cập nhật`,
    });
  });
  return { errors: [], created, updated };
}

// ---- Calendar ------------------------------------------------------------------------------------

export interface CalendarRange {
  view: 'month' | 'week';
  /** Any day in the period shown. */
  anchor: string;
  from: string;
  to: string;
  prev: string;
  next: string;
  /** Weeks of days (Monday first); a week view has one. */
  weeks: string[][];
}

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function calendarRange(view: string | undefined, anchor: string | undefined): CalendarRange {
  const v = view === 'tuan' || view === 'week' ? 'week' : 'month';
  const day = anchor && isIsoDate(anchor) ? anchor : today();
  const monday = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
  if (v === 'week') {
    const from = monday(day);
    const week = Array.from({ length: 7 }, (_, i) => addDays(from, i));
    return { view: v, anchor: day, from, to: week[6]!, prev: addDays(from, -7), next: addDays(from, 7), weeks: [week] };
  }
  const first = `${day.slice(0, 7)}-01`;
  const last = boundOf(day.slice(0, 7), true)!;
  const weeks: string[][] = [];
  for (let start = monday(first); start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return {
    view: v,
    anchor: day,
    from: first,
    to: last,
    prev: addDays(first, -1).slice(0, 8) + '01',
    next: addDays(last, 1),
    weeks,
  };
}

export async function calendarItems(db: DbOrTrx, a: Access, r: CalendarRange) {
  const from = r.weeks[0]![0]!;
  const to = r.weeks[r.weeks.length - 1]![6]!;
  const [content, activities] = await Promise.all([
    repo.contentOnDates(db, from, to, a.scope),
    repo.activitiesDue(db, from, to, a.scope),
  ]);
  const byDay = new Map<
    string,
    Array<{ kind: 'content' | 'activity'; id: number; title: string; status: string; type?: string }>
  >();
  for (const c of content) {
    const list = byDay.get(c.planned_date!) ?? [];
    list.push({ kind: 'content', id: c.id, title: c.title, status: c.status, type: c.type });
    byDay.set(c.planned_date!, list);
  }
  for (const x of activities) {
    const list = byDay.get(x.due_date!) ?? [];
    list.push({ kind: 'activity', id: x.id, title: x.title, status: x.status });
    byDay.set(x.due_date!, list);
  }
  return byDay;
}

// ---- For other modules ---------------------------------------------------------------------------

/**
 * Published content per channel over publication dates: distinct published items and their total views.
 * `from`/`to` are months (YYYY-MM) or dates, inclusive; `unitIds` filters on the item's owner unit.
 *
 * @example
 * await publishedContentByChannel(db, { from: '2025-03', to: '2025-03', unitIds: [32] });
 * // [{ channel: 'facebook', count: 1, views: 1200 }]
 */
export async function publishedContentByChannel(
  db: DbOrTrx,
  opts: { from?: string; to?: string; unitIds?: number[] },
): Promise<Array<{ channel: string; count: number; views: number }>> {
  const rows = await repo.publishedByChannel(db, {
    from: boundOf(opts.from, false),
    to: boundOf(opts.to, true),
    unitIds: opts.unitIds,
  });
  return rows.map((r) => ({ channel: r.channel, count: Number(r.count), views: Number(r.views) }));
}

/** A target of a plan, as the starter data writes it. */
export interface TargetDef {
  text: string;
  metricKey: string;
  targetValue: number;
  unit: TargetUnit;
  source: TargetSource;
  sourceKey: string;
  measure: string;
}

/** A target as other modules read it: which plan year, and its id. */
export interface PlanTarget extends TargetDef {
  id: number;
  year: number;
}

/**
 * The plan's specific targets with their metric keys and how each is measured. Without a year: this year's plan,
 * else the latest earlier one, else the latest.
 *
 * @example
 * const targets = await planTargets(db, 2025);
 * targets.find((t) => t.metricKey === 'communes_info_channels'); // { targetValue: 100, unit: '%', source: 'reports_share', ... }
 */
export async function planTargets(db: DbOrTrx, year?: number): Promise<PlanTarget[]> {
  const plan = await resolvePlan(db, year);
  if (!plan) return [];
  return (await repo.listTargets(db, plan.id)).map((t) => ({
    id: t.id,
    year: plan.year,
    text: t.text,
    metricKey: t.metric_key,
    targetValue: Number(t.target_value),
    unit: t.unit,
    source: t.source,
    sourceKey: t.source_key,
    measure: t.measure,
  }));
}
