import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactForPublication } from './index.js';

const r = (text: string, names: string[] = []) => redactForPublication(text, { names });

test('the contact name is removed wherever it occurs, with or without accents', () => {
  const names = ['Nguyễn Văn An'];
  assert.equal(r('Tôi, Nguyễn Văn An, phản ánh việc này.', names), 'Tôi, [tên đã ẩn], phản ánh việc này.');
  assert.equal(r('Người gửi: nguyen van an', names), 'Người gửi: [tên đã ẩn]');
  assert.equal(r('Kính gửi ông Văn An', names), 'Kính gửi ông [tên đã ẩn]');
  assert.equal(r('Trả lời ông An về hồ sơ', names), 'Trả lời ông [tên đã ẩn] về hồ sơ');
  // The given name alone, without an honorific or in lower case, is an ordinary word.
  assert.equal(r('Hệ thống an toàn, bình an', names), 'Hệ thống an toàn, bình an');
});

test('self-introductions are removed even when no name was given in a field', () => {
  assert.equal(r('Tôi là Trần Thị Bình, ở phường Hoàn Kiếm'), 'Tôi là [tên đã ẩn], ở phường Hoàn Kiếm');
  assert.equal(r('Họ tên: Lê Văn Cường'), 'Họ tên: [tên đã ẩn]');
  assert.equal(r('Tôi là người cao tuổi'), 'Tôi là người cao tuổi');
});

test('phone numbers, emails and ID numbers are removed', () => {
  assert.equal(r('Gọi 0912 345 678 nhé'), 'Gọi [số điện thoại đã ẩn] nhé');
  assert.equal(r('Số +84 912.345.678'), 'Số [số điện thoại đã ẩn]');
  assert.equal(r('Email an.nguyen@gmail.com'), 'Email [email đã ẩn]');
  assert.equal(r('CCCD 001203004005'), 'CCCD [số giấy tờ đã ẩn]');
  assert.equal(r('CMND 112 345 678'), 'CMND [số giấy tờ đã ẩn]');
  // A 9-digit number that starts with 0 reads as a phone number; either way it is gone.
  assert.equal(r('CMND 012 345 678'), 'CMND [số điện thoại đã ẩn]');
});

test('house addresses are removed: số nhà, ngõ, ngách, hẻm, kiệt, tổ dân phố, street numbers', () => {
  assert.equal(r('Nhà tôi ở số 12 ngõ 34 phố Hàng Bông.'), 'Nhà tôi ở [địa chỉ đã ẩn].');
  assert.equal(r('Địa chỉ: Số 5, Ngõ 10, Phố Huế, phường Hai Bà Trưng'), 'Địa chỉ: [địa chỉ đã ẩn], phường Hai Bà Trưng');
  assert.equal(r('số nhà 7B tổ dân phố 3'), '[địa chỉ đã ẩn]');
  assert.equal(r('ở ngách 12/34/5 Tây Sơn'), 'ở [địa chỉ đã ẩn] Tây Sơn');
  assert.equal(r('hẻm 45 đường Lê Lợi'), '[địa chỉ đã ẩn]');
  assert.equal(r('kiệt 8'), '[địa chỉ đã ẩn]');
  assert.equal(r('TDP 7 phường Yên Nghĩa'), '[địa chỉ đã ẩn] phường Yên Nghĩa');
  assert.equal(r('tổ dân phố số 9'), '[địa chỉ đã ẩn]');
  assert.equal(r('căn hộ 1203 tòa B'), '[địa chỉ đã ẩn] tòa B');
  assert.equal(r('nhà 12 đường Láng'), 'nhà [địa chỉ đã ẩn]');
  assert.equal(r('số 3, tổ 15'), '[địa chỉ đã ẩn]');
});

test('ordinary numbers are kept: decisions, fees, days, dossier counts', () => {
  for (const keep of [
    'Theo Quyết định số 766/QĐ-TTg',
    'Lệ phí 50.000 đồng, trả kết quả sau 15 ngày',
    'Tôi nộp 2 hồ sơ từ ngày 12/11',
    'Phố Huế rất đông',
    'Bộ phận một cửa số 3',
  ]) {
    assert.equal(r(keep), keep);
  }
});

test('text that holds several kinds at once loses all of them', () => {
  const out = r('Tôi là Phạm Minh Đức (0987654321, duc@mail.vn), nhà số 9 ngách 2/14 phố Vọng, CCCD 001099012345.', [
    'Phạm Minh Đức',
  ]);
  assert.equal(out, 'Tôi là [tên đã ẩn] ([số điện thoại đã ẩn], [email đã ẩn]), [địa chỉ đã ẩn], CCCD [số giấy tờ đã ẩn].');
});
