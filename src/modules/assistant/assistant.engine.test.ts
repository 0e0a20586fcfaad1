import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { STARTER_DICTIONARY } from '../../platform/text/index.js';
import { composeReply, firstSentences, HOTLINE, toPlainText } from './assistant.answer.js';
import { AssistantEngine, detectFacet } from './assistant.engine.js';
import { assistantSystem, evaluate, readQuestions, starterEngine, starterKnowledge } from './assistant.eval.js';

const engine = starterEngine();
const reply = (q: string, lastTopic?: string) => {
  const d = engine.decide(q, { lastTopic });
  return { d, r: composeReply(d, (id) => engine.topic(id)) };
};

test('held-out questions (never used for tuning) stay above the floor: top-1, declines, latency', () => {
  const rows = readQuestions(path.resolve('test/fixtures/assistant-heldout.tsv'));
  assert.ok(rows.length >= 120, 'at least 120 held-out questions');
  assert.ok(rows.filter((r) => r.expected === null).length >= 25, 'at least 25 out-of-scope questions');
  const sys = assistantSystem(engine);
  for (const r of rows) sys(r.question); // warm up
  const f = evaluate(rows, sys);
  assert.ok(f.top1 >= 0.9, `top-1 ${f.top1}`);
  assert.ok(f.top3 >= 0.95, `top-3 ${f.top3}`);
  assert.ok(f.declined >= 0.85, `out of scope declined ${f.declined}`);
  assert.ok(f.top1WithoutDiacritics >= 0.9 && f.top1WithDiacritics >= 0.9, 'with and without diacritics');
  // Generous bound: this runs on shared CI machines; the target (5 ms) is checked by npm run eval:assistant.
  assert.ok(f.p95Ms < 25, `p95 ${f.p95Ms} ms`);
});

test('blind sets written without seeing the guides stay above their floors; the three never fitted on too', () => {
  const sys = assistantSystem(engine);
  // blind1 and blind2 were used to fit the confidence model; blind3, blind4 and blind5 never were
  // (docs/assistant.md). Floors sit 2-3 points under the figures of 2026-11-28.
  const floors: Array<[string, number]> = [
    ['test/fixtures/assistant-blind1.tsv', 0.92],
    ['test/fixtures/assistant-blind2.tsv', 0.9],
    ['test/fixtures/assistant-blind3.tsv', 0.87],
    ['test/fixtures/assistant-blind4.tsv', 0.9],
    ['test/fixtures/assistant-blind5.tsv', 0.88],
  ];
  for (const [file, floor] of floors) {
    const f = evaluate(readQuestions(path.resolve(file)), sys, 1);
    assert.ok(f.top1 >= floor, `${file}: top-1 ${f.top1}`);
    assert.ok(f.declined >= 0.9, `${file}: out of scope declined ${f.declined}`);
  }
});

test('people type without diacritics, with abbreviations, teencode, typos and run-together words', () => {
  const cases: Array<[string, string]> = [
    ['cap lai cccd bi mat', 'can-cuoc'],
    ['Cấp lại CCCD bị mất', 'can-cuoc'],
    ['đổi gplx ở đâu', 'doi-gplx'],
    ['dk ket hon online dc ko', 'ket-hon'],
    ['gks cho con mat bao lau', 'khai-sinh'],
    ['quen mk vneid thi lam the nao', 'quen-mat-khau'],
    ['dang ky tam truu', 'tam-tru'],
    ['dang ky ket hno', 'ket-hon'],
    ['dangky khaisinh', 'khai-sinh'],
    ['sang tên sổ đỏ', 'dat-dai'],
    ['bhxh tu nguyen', 'bhyt-bhxh-ca-nhan'],
    ['khai báo tạm trú cho sinh viên thuê trọ', 'tam-tru'],
    // Telex typed with the input method off.
    ['ddawng kys khai sinh cho con', 'khai-sinh'],
    ['chuyeenr hoj khaaur veef nhaf mowis', 'thuong-tru'],
    ['cachs laays laij maatj khaaur vneid', 'quen-mat-khau'],
  ];
  for (const [q, topic] of cases) assert.equal(engine.decide(q).topic, topic, q);
});

test('out-of-scope questions are declined kindly with the hotline, the one-stop desk and the feedback form', () => {
  for (const q of ['dự báo thời tiết cuối tuần', 'lịch thi đấu bóng đá tối nay', 'công thức nấu phở bò']) {
    const { d, r } = reply(q);
    assert.equal(d.outcome, 'declined', q);
    assert.equal(d.topic, null);
    assert.match(r.answer, new RegExp(HOTLINE));
    assert.match(r.answer, /Bộ phận một cửa/);
    assert.match(r.answer, /\/gop-y/);
    assert.deepEqual(r.steps, []);
  }
});

test('a confident answer is short, lists the guide steps and links the guide and the official service', () => {
  const { d, r } = reply('đổi giấy phép lái xe trực tuyến');
  const g = engine.topic('doi-gplx')!.guide!;
  assert.equal(d.outcome, 'answered');
  assert.deepEqual(r.steps, g.steps);
  assert.ok(r.answer.length < 900, 'short');
  assert.deepEqual(r.sources[0], { topic: 'doi-gplx', title: g.title, url: '/huong-dan/doi-gplx' });
  assert.ok(
    r.sources.some((s) => s.url === g.online.url),
    'official service link',
  );
  assert.ok(!r.answer.includes(g.fee.text), 'the fee only when asked');
});

test('fee and time are given only when asked, word for word from the guide, with its sources', () => {
  const g = engine.topic('can-cuoc')!.guide!;
  const fee = reply('làm căn cước mất bao nhiêu tiền').r;
  assert.ok(fee.answer.includes(g.fee.text));
  const cited = g.sources.filter((s) => g.fee.sources.includes(s.id) && s.url);
  for (const s of cited)
    assert.ok(
      fee.sources.some((x) => x.url === s.url),
      `source ${s.id} cited`,
    );
  const time = reply('làm căn cước bao lâu thì có').r;
  // The guide's processing time, or its FAQ answer about the same thing (here: "Bao lâu thì có thẻ?").
  assert.ok(time.answer.includes(g.processingTime.text) || g.faq.some((f) => time.answer.includes(f.a)), time.answer);
  assert.match(time.answer, /7 ngày làm việc/);
  assert.ok(!time.answer.includes(g.fee.text));
});

test('follow-ups are answered about the topic in play; a new subject starts a new topic', () => {
  const first = engine.decide('làm thẻ căn cước');
  assert.equal(first.topic, 'can-cuoc');
  const fee = reply('thế lệ phí bao nhiêu?', 'can-cuoc');
  assert.equal(fee.d.outcome, 'followup');
  assert.equal(fee.d.topic, 'can-cuoc');
  assert.ok(fee.r.answer.includes(engine.topic('can-cuoc')!.guide!.fee.text));
  assert.equal(reply('nộp ở đâu?', 'can-cuoc').d.topic, 'can-cuoc');
  assert.equal(reply('mất bao lâu', 'can-cuoc').d.facet, 'time');
  assert.equal(engine.decide('còn đăng ký kết hôn thì mất bao lâu?', { lastTopic: 'can-cuoc' }).topic, 'ket-hon');
  assert.equal(engine.decide('giá vàng hôm nay bao nhiêu tiền', { lastTopic: 'can-cuoc' }).topic, null);
  assert.equal(engine.decide('làm thẻ thư viện', { lastTopic: 'can-cuoc' }).topic, null);
  // Without a topic in play, a bare "how much?" asks which procedure.
  const bare = reply('lệ phí bao nhiêu?');
  assert.equal(bare.d.outcome, 'clarify');
  assert.equal(bare.d.topic, null);
});

test('an unsure question gets a clarifying question with two or three likely topics', () => {
  const d = engine.decide('Bảo vệ tài khoản dịch vụ công không bị lộ');
  const unsure = { ...d, outcome: 'clarify' as const };
  const r = composeReply(unsure, (id) => engine.topic(id));
  assert.ok(r.suggestions.length >= 2 && r.suggestions.length <= 3);
  assert.match(r.answer, /Có phải bạn muốn hỏi về/);
  assert.equal(r.sources.length, r.suggestions.length);
});

test('an FAQ question close to what was asked is answered with that FAQ answer', () => {
  const { d, r } = reply('Mất thẻ căn cước thì làm gì?');
  assert.equal(d.faq?.q, 'Mất thẻ căn cước thì làm gì?');
  assert.ok(r.answer.startsWith(d.faq!.a));
});

test('greetings get a greeting, not an out-of-scope apology', () => {
  for (const q of ['xin chào', 'cảm ơn nhé', 'hello']) assert.equal(engine.decide(q).outcome, 'greeting', q);
});

test('facets are read from everyday wording', () => {
  assert.equal(detectFacet('thế lệ phí bao nhiêu?'), 'fee');
  assert.equal(detectFacet('mat bao lau'), 'time');
  assert.equal(detectFacet('nộp ở đâu'), 'where');
  assert.equal(detectFacet('cần giấy tờ gì'), 'documents');
  assert.equal(detectFacet('làm online được không'), 'online');
  assert.equal(detectFacet('đăng ký khai sinh'), null);
});

test('a phrase added by an editor makes a new way of asking understood', () => {
  const q = 'xin cái triện đỏ lên tờ giấy chụp lại';
  assert.equal(engine.decide(q).topic, null, 'not understood before');
  const withPhrase = new AssistantEngine(
    starterKnowledge(),
    [{ topicId: 'chung-thuc', phrase: 'xin cái triện đỏ lên tờ giấy chụp lại', kind: 'alias' }],
    STARTER_DICTIONARY,
  );
  assert.equal(withPhrase.decide(q).topic, 'chung-thuc');
});

test('never invents a number: every figure in an answer comes from the guide it cites (any input)', () => {
  const guideText = (id: string) => JSON.stringify(engine.topic(id)?.guide ?? {});
  const numbers = (s: string) => (s.match(/\d[\d.,]*\d|\d/g) ?? []).map((n) => n.replace(/[.,]/g, ''));
  const check = (q: string, last?: string) => {
    const { d, r } = reply(q, last);
    // Answers about one topic (a clarifying question lists topic titles, which may contain numbers).
    if (!d.topic || (d.outcome !== 'answered' && d.outcome !== 'followup')) return;
    const known = new Set(numbers(guideText(d.topic)));
    for (const n of numbers(r.answer)) assert.ok(known.has(n), `"${n}" in the answer to "${q}" is not in the guide`);
  };
  for (const row of readQuestions(path.resolve('test/fixtures/assistant-heldout.tsv'))) check(row.question);
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('lệ phí', 'bao lâu', 'căn cước', 'khai sinh', 'ở đâu', 'cccd', 'xe', '2025', 'mất', 'phí'), {
        maxLength: 6,
      }),
      fc.option(fc.constantFrom('can-cuoc', 'khai-sinh', 'doi-gplx')),
      (words, last) => check(words.join(' '), last ?? undefined),
    ),
    { numRuns: 200 },
  );
});

test('plain text for chat apps: answer, numbered steps, absolute links, at most 2000 characters', () => {
  const { r } = reply('đăng ký khai sinh');
  const text = toPlainText(r, 'https://dvc.example');
  assert.match(text, /Các bước:\n1\. /);
  assert.match(text, /https:\/\/dvc\.example\/huong-dan\/khai-sinh/);
  assert.ok(toPlainText({ ...r, answer: 'x'.repeat(5000) }, 'https://dvc.example').length <= 2000);
});

test('a short answer is whole sentences: numbers with dots (phone, money, procedure codes) are never cut', () => {
  const text =
    'Bạn có quyền gửi phản ánh. Ở Hà Nội gọi tổng đài 024.1022 hoặc dùng iHanoi. Lệ phí 135.000 đồng, mã thủ tục 1.001193.';
  assert.equal(firstSentences(text, 500), text);
  assert.equal(firstSentences(text, 80), 'Bạn có quyền gửi phản ánh. Ở Hà Nội gọi tổng đài 024.1022 hoặc dùng iHanoi.');
  assert.equal(firstSentences(text, 10), 'Bạn có quyền gửi phản ánh.', 'at least one sentence');
});
