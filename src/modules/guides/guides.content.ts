import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldError } from '../../platform/html/index.js';

const Str = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const SourceRefs = Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,20}$' }), { maxItems: 10 });

export const AUDIENCE_IDS = ['nguoi-dan', 'doanh-nghiep', 'can-bo'] as const;
export const SEGMENT_IDS = ['nguoi-cao-tuoi', 'nong-thon', 'do-thi', 'hoc-sinh-sinh-vien'] as const;

/** A guide's content: what a citizen reads, with a source for every fact. */
export const GuideContentSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]{2,60}$' }),
    title: Str(200),
    audiences: Type.Array(Type.Union([Type.Literal('nguoi-dan'), Type.Literal('doanh-nghiep'), Type.Literal('can-bo')]), {
      minItems: 1,
      maxItems: 3,
    }),
    segments: Type.Array(
      Type.Union([
        Type.Literal('nguoi-cao-tuoi'),
        Type.Literal('nong-thon'),
        Type.Literal('do-thi'),
        Type.Literal('hoc-sinh-sinh-vien'),
      ]),
      { maxItems: 4 },
    ),
    summary: Str(2000),
    whoFor: Str(1000),
    steps: Type.Array(Str(600), { minItems: 1, maxItems: 20 }),
    documents: Type.Array(Str(600), { maxItems: 30 }),
    fee: Type.Object({ text: Str(1000), sources: SourceRefs }),
    processingTime: Type.Object({ text: Str(1000), sources: SourceRefs }),
    online: Type.Object({ text: Str(1000), url: Type.String({ maxLength: 500 }) }),
    inPerson: Str(1000),
    procedureCodes: Type.Array(
      Type.Object({
        code: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }),
        name: Str(300),
        sources: SourceRefs,
      }),
      { maxItems: 10 },
    ),
    mistakes: Type.Array(Str(600), { maxItems: 15 }),
    related: Type.Array(Type.String({ pattern: '^[a-z0-9-]{2,60}$' }), { maxItems: 10 }),
    faq: Type.Array(Type.Object({ q: Str(300), a: Str(1500) }), { maxItems: 30 }),
    aliases: Type.Array(Str(120), { maxItems: 60 }),
    sources: Type.Array(
      Type.Object({
        id: Type.String({ pattern: '^[a-z0-9-]{1,20}$' }),
        title: Str(300),
        url: Type.String({ maxLength: 500 }),
        checkedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      }),
      { maxItems: 30 },
    ),
    checkedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export type GuideContent = Static<typeof GuideContentSchema>;

const FIELD_LABELS: Record<string, string> = {
  title: 'Tiêu đề',
  audiences: 'Đối tượng',
  segments: 'Nhóm người dùng',
  summary: 'Tóm tắt',
  whoFor: 'Dành cho ai',
  steps: 'Các bước',
  documents: 'Giấy tờ cần chuẩn bị',
  fee: 'Lệ phí',
  processingTime: 'Thời gian giải quyết',
  online: 'Làm trực tuyến',
  inPerson: 'Làm trực tiếp',
  procedureCodes: 'Mã thủ tục',
  mistakes: 'Lỗi thường gặp',
  related: 'Hướng dẫn liên quan',
  faq: 'Câu hỏi thường gặp',
  aliases: 'Cách gọi khác',
  sources: 'Nguồn',
  checkedOn: 'Ngày kiểm tra',
  note: 'Lưu ý',
};

/** Form field name for a content path (the editor uses one field per top-level key). */
function fieldOf(instancePath: string): string {
  const top = instancePath.split('/')[1] ?? 'title';
  const sub = instancePath.split('/')[2];
  if (top === 'fee' || top === 'processingTime') return sub === 'sources' ? `${top}Sources` : `${top}Text`;
  if (top === 'online') return sub === 'url' ? 'onlineUrl' : 'onlineText';
  return top;
}

const isHttpUrl = (u: string) => /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(u);

/**
 * Check a guide's content: shape, then facts tied to sources, links, related guides.
 * Returns one message per field, in Vietnamese, for the editor's error summary.
 */
export function validateGuideContent(content: unknown, knownTopics: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const push = (field: string, message: string) => {
    if (seen.has(field)) return;
    seen.add(field);
    errors.push({ field, message });
  };
  for (const e of Value.Errors(GuideContentSchema, content)) {
    const field = fieldOf(e.instancePath);
    push(field, `${FIELD_LABELS[field.replace(/(Text|Sources|Url)$/, '')] ?? field}: nội dung chưa hợp lệ (${e.message}).`);
  }
  if (errors.length) return errors;
  const c = content as GuideContent;
  const ids = new Set(c.sources.map((s) => s.id));
  const missing = (refs: string[]) => refs.filter((r) => !ids.has(r));
  if (missing(c.fee.sources).length)
    push('feeSources', `Lệ phí dẫn nguồn chưa có trong danh sách nguồn: ${missing(c.fee.sources).join(', ')}.`);
  if (missing(c.processingTime.sources).length)
    push('processingTimeSources', `Thời gian giải quyết dẫn nguồn chưa có: ${missing(c.processingTime.sources).join(', ')}.`);
  for (const p of c.procedureCodes) {
    if (!p.sources.length) push('procedureCodes', `Mã thủ tục ${p.code} cần ít nhất một nguồn.`);
    else if (missing(p.sources).length)
      push('procedureCodes', `Mã thủ tục ${p.code} dẫn nguồn chưa có: ${missing(p.sources).join(', ')}.`);
  }
  if (c.online.url && !isHttpUrl(c.online.url))
    push('onlineUrl', 'Đường dẫn làm trực tuyến phải bắt đầu bằng https:// hoặc http://');
  for (const s of c.sources) {
    if (s.url && !isHttpUrl(s.url)) push('sources', `Nguồn ${s.id}: đường dẫn phải bắt đầu bằng https:// hoặc http://`);
  }
  if (new Set(c.sources.map((s) => s.id)).size !== c.sources.length) push('sources', 'Mỗi nguồn cần một mã riêng (s1, s2...).');
  const unknown = c.related.filter((r) => !knownTopics.has(r) || r === c.id);
  if (unknown.length) push('related', `Hướng dẫn liên quan không tồn tại: ${unknown.join(', ')}.`);
  return errors;
}

/** A stable, line-by-line text form of a guide, for version diffs. */
export function guideAsText(c: GuideContent): string {
  const lines: string[] = [
    `Tiêu đề: ${c.title}`,
    `Đối tượng: ${c.audiences.join(', ')}`,
    `Nhóm: ${c.segments.join(', ')}`,
    `Tóm tắt: ${c.summary}`,
    `Dành cho: ${c.whoFor}`,
    ...c.steps.map((s, i) => `Bước ${i + 1}: ${s}`),
    ...c.documents.map((d) => `Giấy tờ: ${d}`),
    `Lệ phí: ${c.fee.text} [${c.fee.sources.join(', ')}]`,
    `Thời gian: ${c.processingTime.text} [${c.processingTime.sources.join(', ')}]`,
    `Trực tuyến: ${c.online.text} ${c.online.url}`,
    `Trực tiếp: ${c.inPerson}`,
    ...c.procedureCodes.map((p) => `Mã thủ tục: ${p.code} ${p.name} [${p.sources.join(', ')}]`),
    ...c.mistakes.map((m) => `Lỗi thường gặp: ${m}`),
    `Liên quan: ${c.related.join(', ')}`,
    ...c.faq.flatMap((f) => [`Hỏi: ${f.q}`, `Đáp: ${f.a}`]),
    `Cách gọi khác: ${c.aliases.join('; ')}`,
    ...c.sources.map((s) => `Nguồn ${s.id}: ${s.title} ${s.url} (${s.checkedOn})`),
    `Kiểm tra ngày: ${c.checkedOn}`,
    `Lưu ý: ${c.note ?? ''}`,
  ];
  return `${lines.join('\n')}\n`;
}
