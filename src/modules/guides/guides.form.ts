import type { GuideContent } from './guides.content.js';

/** The editor's form: one plain field per part of the guide; lists are one item per line. */
export interface GuideForm {
  title: string;
  audiences: string[];
  segments: string[];
  summary: string;
  whoFor: string;
  steps: string;
  documents: string;
  feeText: string;
  feeSources: string;
  processingTimeText: string;
  processingTimeSources: string;
  onlineText: string;
  onlineUrl: string;
  inPerson: string;
  procedureCodes: string;
  mistakes: string;
  related: string[];
  faq: string;
  aliases: string;
  sources: string;
  checkedOn: string;
  note: string;
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const list = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

export function formFromBody(body: Record<string, unknown>): GuideForm {
  return {
    title: str(body.title),
    audiences: arr(body.audiences),
    segments: arr(body.segments),
    summary: str(body.summary),
    whoFor: str(body.whoFor),
    steps: str(body.steps),
    documents: str(body.documents),
    feeText: str(body.feeText),
    feeSources: str(body.feeSources),
    processingTimeText: str(body.processingTimeText),
    processingTimeSources: str(body.processingTimeSources),
    onlineText: str(body.onlineText),
    onlineUrl: str(body.onlineUrl),
    inPerson: str(body.inPerson),
    procedureCodes: str(body.procedureCodes),
    mistakes: str(body.mistakes),
    related: arr(body.related),
    faq: str(body.faq),
    aliases: str(body.aliases),
    sources: str(body.sources),
    checkedOn: str(body.checkedOn),
    note: str(body.note),
  };
}

/** Form -> content. Shape problems are left to validateGuideContent, which names the field. */
export function contentFromForm(id: string, f: GuideForm): GuideContent {
  const faq = f.faq
    .split(/\r?\n\s*\r?\n/)
    .map((block) => lines(block))
    .filter((b) => b.length)
    .map(([q, ...a]) => ({ q: (q ?? '').replace(/^Hỏi:\s*/i, ''), a: a.join(' ').replace(/^Đáp:\s*/i, '') }));
  const content: GuideContent = {
    id,
    title: f.title.trim(),
    audiences: f.audiences as GuideContent['audiences'],
    segments: f.segments as GuideContent['segments'],
    summary: f.summary.trim(),
    whoFor: f.whoFor.trim(),
    steps: lines(f.steps),
    documents: lines(f.documents),
    fee: { text: f.feeText.trim(), sources: list(f.feeSources) },
    processingTime: { text: f.processingTimeText.trim(), sources: list(f.processingTimeSources) },
    online: { text: f.onlineText.trim(), url: f.onlineUrl.trim() },
    inPerson: f.inPerson.trim(),
    procedureCodes: lines(f.procedureCodes).map((l) => {
      const [code = '', name = '', refs = ''] = l.split('|').map((x) => x.trim());
      return { code, name, sources: list(refs) };
    }),
    mistakes: lines(f.mistakes),
    related: f.related,
    faq,
    aliases: lines(f.aliases),
    sources: lines(f.sources).map((l) => {
      const [sid = '', title = '', url = '', checkedOn = ''] = l.split('|').map((x) => x.trim());
      return { id: sid, title, url, checkedOn };
    }),
    checkedOn: f.checkedOn.trim(),
  };
  if (f.note.trim()) content.note = f.note.trim();
  return content;
}

export function formFromContent(c: GuideContent): GuideForm {
  return {
    title: c.title,
    audiences: [...c.audiences],
    segments: [...c.segments],
    summary: c.summary,
    whoFor: c.whoFor,
    steps: c.steps.join('\n'),
    documents: c.documents.join('\n'),
    feeText: c.fee.text,
    feeSources: c.fee.sources.join(', '),
    processingTimeText: c.processingTime.text,
    processingTimeSources: c.processingTime.sources.join(', '),
    onlineText: c.online.text,
    onlineUrl: c.online.url,
    inPerson: c.inPerson,
    procedureCodes: c.procedureCodes.map((p) => `${p.code} | ${p.name} | ${p.sources.join(', ')}`).join('\n'),
    mistakes: c.mistakes.join('\n'),
    related: [...c.related],
    faq: c.faq.map((x) => `${x.q}\n${x.a}`).join('\n\n'),
    aliases: c.aliases.join('\n'),
    sources: c.sources.map((s) => `${s.id} | ${s.title} | ${s.url} | ${s.checkedOn}`).join('\n'),
    checkedOn: c.checkedOn,
    note: c.note ?? '',
  };
}
