import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { countItems, itemOf } from '../../../test/feedback/helpers.js';

/** Open311 clients post form-encoded bodies without cookies or CSRF tokens. */
function post(app: FastifyInstance, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });
}

test('an admin creates a partner key in the back office: shown once, only its hash stored; revoking stops it', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const admin = await signIn('admin');
  await admin.get('/quan-tri/phan-anh/khoa-api');
  const res = await admin.post('/quan-tri/phan-anh/khoa-api', { name: 'Ứng dụng Hà Nội Smart City' });
  assert.equal(res.statusCode, 200);
  const key = /(dvc_[\w-]{32})/.exec(res.body)![1]!;
  const row = await app.deps.db.selectFrom('feedback_api_keys').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.key_hash, crypto.createHash('sha256').update(key).digest('hex'));
  assert.ok(!JSON.stringify(row).includes(key), 'the key itself is not stored');
  const again = await admin.get('/quan-tri/phan-anh/khoa-api');
  assert.ok(!again.html.includes(key), 'shown only once');

  const ok = await post(app, {
    api_key: key,
    service_code: 'khac',
    address_string: 'Phường Hoàn Kiếm',
    description: 'Gửi thử qua Open311.',
  });
  assert.equal(ok.statusCode, 201);
  await admin.post(`/quan-tri/phan-anh/khoa-api/${row.id}/thu-hoi`, {});
  const revoked = await post(app, {
    api_key: key,
    service_code: 'khac',
    address_string: 'Phường Hoàn Kiếm',
    description: 'Gửi lại sau khi thu hồi.',
  });
  assert.equal(revoked.statusCode, 403);
  assert.deepEqual(Object.keys(revoked.json()[0]).sort(), ['code', 'description']);
  assert.equal(revoked.json()[0].code, 403);
});

test('GeoReport v2: discovery, services, POST and GET requests with the spec field names', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const admin = await signIn('admin');
  await admin.get('/quan-tri/phan-anh/khoa-api');
  const key = /(dvc_[\w-]{32})/.exec((await admin.post('/quan-tri/phan-anh/khoa-api', { name: 'Đối tác' })).body)![1]!;

  const discovery = await app.inject('/open311/discovery.json');
  assert.equal(discovery.json().endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  const services = (await app.inject('/open311/v2/services.json')).json() as Array<Record<string, unknown>>;
  const svc = services.find((s) => s.service_code === 'dich-vu-cong-truc-tuyen')!;
  assert.deepEqual(Object.keys(svc).sort(), [
    'description',
    'group',
    'keywords',
    'metadata',
    'service_code',
    'service_name',
    'type',
  ]);
  assert.equal(svc.metadata, false);
  assert.equal(svc.type, 'realtime');
  assert.deepEqual((await app.inject('/open311/v2/services/khac.json')).json(), { service_code: 'khac', attributes: [] });
  assert.equal((await app.inject('/open311/v2/services/khong-co.json')).statusCode, 404);

  const count = await countItems(app);
  const noKey = await post(app, { service_code: 'khac', lat: '21.0285', long: '105.8542', description: 'Không có khóa.' });
  assert.equal(noKey.statusCode, 403);
  assert.match(noKey.json()[0].description, /api_key/);
  const noCode = await post(app, { api_key: key, lat: '21.0285', long: '105.8542', description: 'Thiếu mã dịch vụ.' });
  assert.equal(noCode.statusCode, 400);
  const unknown = await post(app, {
    api_key: key,
    service_code: 'khong-co',
    lat: '21',
    long: '105',
    description: 'Mã không có.',
  });
  assert.equal(unknown.statusCode, 404);
  const noPlace = await post(app, { api_key: key, service_code: 'khac', description: 'Thiếu địa điểm.' });
  assert.equal(noPlace.statusCode, 400);
  assert.match(noPlace.json()[0].description, /address_string/);
  const halfPlace = await post(app, { api_key: key, service_code: 'khac', lat: '21.0285', description: 'Chỉ có lat.' });
  assert.equal(halfPlace.statusCode, 400);
  const badLat = await post(app, { api_key: key, service_code: 'khac', lat: 'abc', long: '105', description: 'Tọa độ sai.' });
  assert.equal(badLat.statusCode, 400);
  assert.equal(await countItems(app), count, 'nothing stored on any error');

  const fields = {
    api_key: key,
    jurisdiction_id: 'hanoi.gov.vn',
    service_code: 'dich-vu-cong-truc-tuyen',
    lat: '21.02851',
    long: '105.85423',
    address_string: 'số 12 ngõ 34 phố Hàng Bông, Phường Hoàn Kiếm',
    email: 'binh@example.com',
    first_name: 'Bình',
    last_name: 'Trần Thị',
    phone: '0912345678',
    description: 'Không thanh toán được lệ phí trên Cổng dịch vụ công.',
  };
  const created = await post(app, fields, { 'idempotency-key': 'partner-req-1' });
  assert.equal(created.statusCode, 201);
  const [ack] = created.json() as Array<{ service_request_id: string; service_notice: string; account_id: null }>;
  assert.match(ack!.service_request_id, /^PA-\d{4}-\w{6}$/);
  assert.match(ack!.service_notice, /15 ngày làm việc/);
  assert.equal(ack!.account_id, null);
  const retry = await post(app, fields, { 'idempotency-key': 'partner-req-1' });
  assert.equal(retry.json()[0].service_request_id, ack!.service_request_id, 'a retry does not create a second item');
  assert.equal(await countItems(app), count + 1);
  const item = await itemOf(app, ack!.service_request_id);
  assert.equal(item.channel, 'open311');
  assert.equal(item.contact_name, 'Trần Thị Bình');
  assert.equal(item.category_id, 'dich-vu-cong-truc-tuyen');
  assert.equal(item.lat, 21.02851);

  const one = await app.inject(`/open311/v2/requests/${ack!.service_request_id}.json`);
  assert.equal(one.statusCode, 200);
  const [r] = one.json() as Array<Record<string, unknown>>;
  for (const f of [
    'service_request_id',
    'status',
    'status_notes',
    'service_name',
    'service_code',
    'description',
    'agency_responsible',
    'service_notice',
    'requested_datetime',
    'updated_datetime',
    'expected_datetime',
    'address',
    'address_id',
    'zipcode',
    'lat',
    'long',
    'media_url',
  ]) {
    assert.ok(f in r!, `field ${f}`);
  }
  assert.equal(r!.status, 'open');
  assert.match(String(r!.requested_datetime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.match(String(r!.expected_datetime), /\+07:00$/);
  assert.equal(r!.agency_responsible, 'Trung tâm Phục vụ hành chính công Thành phố');
  assert.equal(r!.description, null, 'nothing unreviewed is public');
  assert.equal(r!.address, null);
  assert.ok(!one.body.includes('binh@example.com') && !one.body.includes('0912345678'));

  // Answered -> closed, and the list filters follow the spec.
  const editor = await signIn('editor');
  await editor.get(`/quan-tri/phan-anh/${ack!.service_request_id}`);
  await editor.post(`/quan-tri/phan-anh/${ack!.service_request_id}/tra-loi`, { answer: 'Lỗi thanh toán đã được khắc phục.' });
  const closed = (await app.inject('/open311/v2/requests.json?status=closed')).json() as Array<Record<string, unknown>>;
  assert.deepEqual(
    closed.map((x) => x.service_request_id),
    [ack!.service_request_id],
  );
  assert.equal(((await app.inject('/open311/v2/requests.json?status=open')).json() as unknown[]).length, 0);
  const byId = (
    await app.inject(`/open311/v2/requests.json?service_request_id=${ack!.service_request_id},PA-2000-ZZZZZZ`)
  ).json();
  assert.equal(byId.length, 1);
  assert.equal((await app.inject('/open311/v2/requests.json?service_code=khac')).json().length, 0);
  assert.equal(
    (await app.inject('/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-12-31T00:00:00Z')).statusCode,
    400,
  );
  assert.equal((await app.inject('/open311/v2/requests.json?start_date=yesterday')).statusCode, 400);
  assert.equal((await app.inject('/open311/v2/requests.json?status=pending')).statusCode, 400);
  assert.equal((await app.inject('/open311/v2/requests/PA-2000-ZZZZZZ.json')).statusCode, 404);
  const xml = await app.inject('/open311/v2/services.xml');
  assert.equal(xml.statusCode, 400);
  assert.match(xml.json()[0].description, /\.json/);
});
