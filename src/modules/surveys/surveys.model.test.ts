import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hasMarkup,
  monthStartUtc,
  parseAnswers,
  slugify,
  visitedKeys,
  type DynamicOptions,
  type Question,
} from './surveys.model.js';

const dyn: DynamicOptions = {
  audiences: [
    { v: 'nguoi-dan', vi: 'Người dân' },
    { v: 'doanh-nghiep', vi: 'Doanh nghiệp' },
  ],
  communes: [{ v: '00004', vi: 'Phường Ba Đình', unitId: 42 }],
};

function q(key: string, position: number, over: Partial<Question> = {}): Question {
  return {
    id: position,
    key,
    position,
    type: 'single',
    text: { vi: `Câu ${key}`, en: null },
    help: { vi: '', en: null },
    required: false,
    options: [
      { v: '1', vi: 'Có' },
      { v: '2', vi: 'Chưa' },
    ],
    rules: [],
    next: null,
    satisfaction: false,
    ...over,
  };
}

// q1: "Chưa" jumps to q4; q3 always goes to the end; q4 is text.
const QUESTIONS: Question[] = [
  q('q1', 1, { required: true, rules: [{ v: '2', goto: 'q4' }] }),
  q('q2', 2, { type: 'multiple', required: true }),
  q('q3', 3, { type: 'scale5', satisfaction: true, required: true, next: 'end' }),
  q('q4', 4, { type: 'text', required: true }),
  q('q5', 5, { type: 'commune' }),
];

test('skip logic: a rule jumps forward, next=end stops, other questions follow in order', () => {
  assert.deepEqual([...visitedKeys(QUESTIONS, new Map([['q1', ['2']]]))], ['q1', 'q4', 'q5']);
  assert.deepEqual([...visitedKeys(QUESTIONS, new Map([['q1', ['1']]]))], ['q1', 'q2', 'q3']);
  assert.deepEqual([...visitedKeys(QUESTIONS, new Map())], ['q1', 'q2', 'q3']);
  // A backward jump (left behind by a reorder) never loops: it just moves on.
  const loop = [q('q1', 1, { next: 'q1' }), q('q2', 2)];
  assert.deepEqual([...visitedKeys(loop, new Map())], ['q1', 'q2']);
});

test('answers to skipped questions are dropped and skipped required questions are not required', () => {
  const r = parseAnswers(QUESTIONS, { q1: '2', q2: ['1'], q3: '5', q4: 'Không biết cách làm' }, dyn);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.answers.map((a) => a.key),
    ['q1', 'q4'],
  );
});

test('required questions the respondent reaches must be answered', () => {
  const r = parseAnswers(QUESTIONS, { q1: '1' }, dyn);
  assert.deepEqual(
    r.errors.map((e) => e.field),
    ['q2', 'q3'],
  );
  assert.match(r.errors[0]!.message, /Vui lòng trả lời câu 2/);
  assert.match(parseAnswers(QUESTIONS, { q1: '1' }, dyn, 'en').errors[0]!.message, /Please answer question 2/);
});

test('unknown questions, unknown options, several answers to a one-answer question and wrong types are refused', () => {
  assert.match(parseAnswers(QUESTIONS, { q1: '2', q4: 'x', q99: '1' }, dyn).errors[0]!.message, /không có câu hỏi "q99"/);
  assert.equal(parseAnswers(QUESTIONS, { q1: '7', q4: 'x' }, dyn).errors[0]!.field, 'q1');
  assert.equal(parseAnswers(QUESTIONS, { q1: ['1', '2'], q4: 'x' }, dyn).errors[0]!.field, 'q1');
  assert.equal(parseAnswers(QUESTIONS, { q1: { a: 1 }, q4: 'x' }, dyn).errors[0]!.field, 'q1');
  assert.equal(parseAnswers(QUESTIONS, { q1: '1', q2: ['1'], q3: 6 }, dyn).errors[0]!.field, 'q3');
  assert.equal(parseAnswers(QUESTIONS, { q1: '1', q2: ['1'], q3: 5 }, dyn).errors.length, 0, 'a number is fine for a scale');
});

test('free text: script tags and markup are refused, personal data is redacted, length is limited', () => {
  assert.match(parseAnswers(QUESTIONS, { q1: '2', q4: '<script>alert(1)</script>' }, dyn).errors[0]!.message, /script/);
  assert.equal(parseAnswers(QUESTIONS, { q1: '2', q4: 'a'.repeat(1001) }, dyn).errors[0]!.field, 'q4');
  const ok = parseAnswers(QUESTIONS, { q1: '2', q4: 'Gọi tôi 0912 345 678 hoặc a@b.vn, 3 < 5' }, dyn);
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.answers[1]!.values[0], 'Gọi tôi [số điện thoại đã ẩn] hoặc [email đã ẩn], 3 < 5');
  assert.ok(hasMarkup('<img src=x onerror=alert(1)>'));
  assert.ok(hasMarkup('<SCRIPT>'));
  assert.ok(!hasMarkup('điểm < 5 và > 2'));
});

test('the commune answer sets the unit; the audience answer sets the audience', () => {
  const qs = [q('q1', 1, { type: 'audience' }), q('q2', 2, { type: 'commune' })];
  const r = parseAnswers(qs, { q1: 'doanh-nghiep', q2: '00004' }, dyn);
  assert.equal(r.audienceId, 'doanh-nghiep');
  assert.equal(r.communeUnitId, 42);
  assert.equal(parseAnswers(qs, { q2: '99999' }, dyn).errors[0]!.field, 'q2');
});

test('months are counted in Vietnam time; slugs drop diacritics', () => {
  assert.equal(monthStartUtc('2025-11'), '2025-10-31T17:00:00.000Z');
  assert.equal(monthStartUtc('2025-12', 1), '2025-12-31T17:00:00.000Z');
  assert.equal(slugify('Tờ rơi xã Ba Đình!'), 'to-roi-xa-ba-dinh');
});
