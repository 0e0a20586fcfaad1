import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileDictionary,
  expand,
  fold,
  hasDiacritics,
  normalize,
  redactPersonalData,
  SearchIndex,
  STARTER_DICTIONARY,
  tokenize,
  untelex,
} from './index.js';

const keys = (s: string) => tokenize(s).map((t) => t.accented);
const folded = (s: string) => tokenize(s).map((t) => t.folded);

test('old and new tone placement give the same key (hoà = hòa, thuỷ = thủy)', () => {
  assert.deepEqual(keys('hoà'), keys('hòa'));
  assert.deepEqual(keys('thuỷ'), keys('thủy'));
  assert.deepEqual(keys('khoẻ'), keys('khỏe'));
  assert.notDeepEqual(keys('hòa'), keys('hoa'), 'the tone still counts in the accented key');
});

test('decomposed input (NFD) and the look-alike Ð are normalized', () => {
  assert.deepEqual(keys('Đăng ký'.normalize('NFD')), keys('Đăng ký'));
  assert.deepEqual(folded('\u00d0ăng ký'), ['dang', 'ki']);
  assert.equal(normalize('\u00d0'), 'đ');
});

test('folding removes every mark and turns đ into d', () => {
  assert.equal(fold('Đăng ký khai sinh cho con ở Hà Nội'), 'dang ky khai sinh cho con o ha noi');
  assert.equal(hasDiacritics('dang ky'), false);
  assert.equal(hasDiacritics('đang ky'), true);
});

test('i/y spelling variants match (kỹ = kĩ, lý = lí, quý = quí) but not inside other vowels', () => {
  assert.deepEqual(keys('kỹ thuật'), keys('kĩ thuật'));
  assert.deepEqual(keys('lý lịch'), keys('lí lịch'));
  assert.deepEqual(keys('quý'), keys('quí'));
  assert.notDeepEqual(folded('tuy'), folded('tui'));
});

test('procedure codes stay whole tokens', () => {
  assert.deepEqual(folded('mã 1.001193'), ['ma', '1.001193']);
});

test('abbreviations and teencode expand; multi-word terms match longest first', () => {
  const dict = compileDictionary(STARTER_DICTIONARY);
  const e = expand(tokenize('cap lai cccd ko dc'), dict);
  assert.deepEqual(
    e.tokens.map((t) => t.folded),
    ['cap', 'lai', 'can', 'cuoc', 'cong', 'dan', 'khong', 'duoc'],
  );
  assert.deepEqual(
    e.extra.map((t) => t.folded),
    ['cccd', 'ko', 'dc'],
  );
  const so = expand(tokenize('sang ten so do'), dict);
  assert.ok(
    so.tokens
      .map((t) => t.folded)
      .join(' ')
      .includes('quyen su dung dat'),
  );
});

test('a term with several meanings reads as the one that fits its neighbours, else the commonest', () => {
  const dict = compileDictionary([{ term: 'mk', expansion: 'mình | mật khẩu', kind: 'teencode' }]);
  // Word pairs as the searched text has them: "quên mật khẩu", "nhập mật khẩu" occur; "quên mình" does not.
  const known = new Set(['quen mat', 'nhap mat', 'khau vneid']);
  const pairs = (a: string, b: string) => (known.has(`${a} ${b}`) ? 1 : 0);
  const read = (q: string) =>
    expand(tokenize(q), dict, pairs)
      .tokens.map((t) => t.folded)
      .join(' ');
  assert.equal(read('quên mk vneid'), 'quen mat khau vneid');
  assert.equal(read('nhap mk'), 'nhap mat khau');
  assert.equal(read('mk bị lừa mất tiền'), 'minh bi lua mat tien');
  assert.equal(read('cty mk cần báo tăng'), 'cti minh can bao tang');
  // Without pair counts (or with no evidence either way), the first meaning.
  assert.equal(
    expand(tokenize('quen mk'), dict)
      .tokens.map((t) => t.folded)
      .join(' '),
    'quen minh',
  );
  // The typed term is kept as a word of its own either way.
  assert.deepEqual(
    expand(tokenize('quen mk'), dict, pairs).extra.map((t) => t.folded),
    ['mk'],
  );
});

const docs = [
  { id: 'ca-kho', fields: { title: 'Cá kho', body: 'món cá kho tộ' } },
  { id: 'ca-phe', fields: { title: 'Cà phê', body: 'pha cà phê' } },
  { id: 'can-cuoc', fields: { title: 'Cấp thẻ căn cước', body: 'cấp đổi, cấp lại thẻ căn cước công dân' } },
  { id: 'gplx', fields: { title: 'Đổi giấy phép lái xe', body: 'đổi bằng lái trực tuyến' } },
];
const fields = { title: { weight: 3 }, body: { weight: 1 } };

test('search is diacritics-insensitive and abbreviation-aware', () => {
  const idx = new SearchIndex(fields, docs, compileDictionary(STARTER_DICTIONARY));
  assert.equal(idx.search('cap lai can cuoc')[0]?.id, 'can-cuoc');
  assert.equal(idx.search('CCCD bị mất')[0]?.id, 'can-cuoc');
  assert.equal(idx.search('gplx')[0]?.id, 'gplx');
  assert.equal(idx.search('doi bang lai')[0]?.id, 'gplx');
});

test('exact accents rank first when the user typed them', () => {
  const idx = new SearchIndex(fields, docs, compileDictionary([]));
  assert.equal(idx.search('cà')[0]?.id, 'ca-phe');
  assert.equal(idx.search('cá')[0]?.id, 'ca-kho');
  const folded = idx.search('ca').map((h) => h.id);
  assert.ok(folded.includes('ca-phe') && folded.includes('ca-kho'), 'without accents both match');
});

test('typos are tolerated and reported as corrections', () => {
  const idx = new SearchIndex(fields, docs, compileDictionary([]));
  const hits = idx.search('giay phep lai xee');
  assert.equal(hits[0]?.id, 'gplx');
  const typo = idx.search('cuocc');
  assert.equal(typo[0]?.id, 'can-cuoc');
  assert.deepEqual(typo[0]?.corrections, [{ typed: 'cuocc', readAs: 'cuoc' }]);
});

test('an unrelated query finds nothing', () => {
  const idx = new SearchIndex(fields, docs, compileDictionary(STARTER_DICTIONARY));
  assert.deepEqual(idx.search('xyz qwerty'), []);
});

test('personal data is removed from free text', () => {
  const out = redactPersonalData(
    'Gọi tôi 0912 345 678 hoặc +84912345678, email an.nguyen@gmail.com, CCCD 001203004005, CMND 012345678',
  );
  assert.ok(!/\d{6}/.test(out.replace(/\s/g, '')), out);
  assert.ok(!out.includes('@'), out);
  assert.match(out, /\[số điện thoại đã ẩn\]/);
  assert.match(out, /\[email đã ẩn\]/);
  assert.match(out, /\[số giấy tờ đã ẩn\]/);
  assert.equal(redactPersonalData('Lệ phí 50.000 đồng, 15 ngày'), 'Lệ phí 50.000 đồng, 15 ngày');
});

test('Telex typed with the input method off is read as plain letters', () => {
  assert.equal(untelex('ddawngs'), 'dang');
  assert.equal(untelex('truwowfng'), 'truong');
  assert.equal(untelex('keets'), 'ket');
  assert.equal(untelex('hoon'), 'hon');
  assert.equal(untelex('nhaapj'), 'nhap');
  // Initial s, x, r are consonants, not tone keys; words without Telex keys are left alone.
  assert.equal(untelex('sinh'), null);
  assert.equal(untelex('xoas'), 'xoa');
  assert.equal(untelex('khai'), null);
  assert.equal(untelex('cccd'), null);
  assert.equal(untelex('đăng'), null);
});
