// CSV and XLSX exports of responses (exceljs writes both; CSV cells that could start a formula are neutralized).
import ExcelJS from 'exceljs';
import type { DbOrTrx } from '../../platform/db/index.js';
import { viDateTime } from '../../platform/html/index.js';
import { optionsOf, t, type DynamicOptions, type Question, type Survey } from './surveys.model.js';
import * as repo from './surveys.repository.js';
import type { SurveyResults } from './surveys.results.js';

export interface ExportOptions {
  /** Contact details (given with consent) only for Center staff, never for viewers or unit officers. */
  includeContact: boolean;
}

async function responsesSheet(
  wb: ExcelJS.Workbook,
  db: DbOrTrx,
  survey: Survey,
  questions: Question[],
  dyn: DynamicOptions,
  filter: repo.ResponseFilter,
  opts: ExportOptions,
): Promise<void> {
  const { responses, answers } = await repo.responsesForExport(db, survey.id, filter);
  const ws = wb.addWorksheet('Cau tra loi');
  const audience = new Map(dyn.audiences.map((a) => [a.v, a.vi]));
  const units = new Map(dyn.communes.map((c) => [c.unitId, c.vi]));
  const labels = new Map(questions.map((q) => [q.id, new Map(optionsOf(q, dyn).map((o) => [o.v, t(o, 'vi')]))]));
  const byResponse = new Map<number, Map<number, string[]>>();
  for (const a of answers) {
    const rid = Number(a.response_id);
    const m = byResponse.get(rid) ?? new Map<number, string[]>();
    const list = m.get(Number(a.question_id)) ?? [];
    list.push(labels.get(Number(a.question_id))?.get(a.value) ?? a.value);
    m.set(Number(a.question_id), list);
    byResponse.set(rid, m);
  }
  const header = [
    'Mã',
    'Thời điểm (giờ Việt Nam)',
    'Ngôn ngữ',
    'Kênh',
    'Nguồn',
    'Đối tượng',
    'Đơn vị',
    ...questions.map((q, i) => `Câu ${i + 1}: ${q.text.vi}`),
    ...(opts.includeContact ? ['Liên hệ (có đồng ý)'] : []),
  ];
  ws.addRow(header).font = { bold: true };
  for (const r of responses) {
    const m = byResponse.get(Number(r.id));
    ws.addRow([
      Number(r.id),
      viDateTime(r.submitted_at),
      r.lang,
      r.channel,
      r.source ?? '',
      r.audience_id ? (audience.get(r.audience_id) ?? r.audience_id) : '',
      r.unit_id ? (units.get(Number(r.unit_id)) ?? String(r.unit_id)) : '',
      ...questions.map((q) => (m?.get(q.id) ?? []).join('; ')),
      ...(opts.includeContact ? [r.contact ?? ''] : []),
    ]);
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function summarySheet(wb: ExcelJS.Workbook, results: SurveyResults): void {
  const ws = wb.addWorksheet('Tong hop');
  ws.addRow(['Số người trả lời', results.total]).font = { bold: true };
  if (results.satisfaction !== null) ws.addRow(['Chỉ số hài lòng (%)', results.satisfaction]);
  if (results.nps) ws.addRow(['NPS', results.nps.score]);
  for (const q of results.questions) {
    ws.addRow([]);
    ws.addRow([`Câu ${q.number}: ${q.question.text.vi}`, 'Số lượng', 'Tỷ lệ (%)']).font = { bold: true };
    for (const r of q.rows) ws.addRow([r.label, r.n, r.pct]);
    if (q.question.type === 'text') ws.addRow(['Số câu trả lời chữ', q.answered]);
    if (q.mean !== null) ws.addRow(['Điểm trung bình', q.mean]);
    if (q.satisfaction !== null) ws.addRow(['Chỉ số hài lòng (%)', q.satisfaction]);
    if (q.nps) ws.addRow(['NPS', q.nps.score]);
  }
  ws.getColumn(1).width = 60;
}

export async function exportXlsx(
  db: DbOrTrx,
  survey: Survey,
  questions: Question[],
  dyn: DynamicOptions,
  filter: repo.ResponseFilter,
  results: SurveyResults,
  opts: ExportOptions,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DVC Outreach';
  await responsesSheet(wb, db, survey, questions, dyn, filter, opts);
  summarySheet(wb, results);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. */
export function csvSafe(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export async function exportCsv(
  db: DbOrTrx,
  survey: Survey,
  questions: Question[],
  dyn: DynamicOptions,
  filter: repo.ResponseFilter,
  opts: ExportOptions,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await responsesSheet(wb, db, survey, questions, dyn, filter, opts);
  const body = await wb.csv.writeBuffer({ sheetName: 'Cau tra loi', map: (v: unknown) => csvSafe(v) });
  // A byte-order mark so spreadsheet programs read the Vietnamese text as UTF-8.
  return Buffer.concat([Buffer.from('\ufeff', 'utf8'), Buffer.from(body)]);
}
