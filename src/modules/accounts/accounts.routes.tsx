import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { currentUser, requireRole, requireUser, ROLES, verifyPassword, type Role, takeFlash } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { adminLinks, dashboardPanels, redirect, safeBack, sendPage, type FormErrors } from '../../platform/html/index.js';

import type { AppDeps } from '../../platform/module.js';
import { listUnits, UNIT_TYPE_LABELS } from '../org/index.js';
import * as svc from './accounts.service.js';
import {
  AccountPage,
  AuditPage,
  DashboardPage,
  SignInPage,
  TotpPage,
  UserFormPage,
  UsersPage,
  type UserFormValues,
} from './accounts.views.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

export async function accountsRoutes(app: FastifyInstance, { db, config }: AppDeps): Promise<void> {
  const signInLimit = { max: config.rateLimit.signInPer15Min, timeWindow: 15 * 60_000 };

  const signedIn = async (req: FastifyRequest, reply: FastifyReply, userId: number, back: string) => {
    await req.session.regenerate();
    req.session.userId = userId;
    return redirect(reply, safeBack(back, '/quan-tri'));
  };

  app.get('/quan-tri/dang-nhap', async (req, reply) => {
    const back = safeBack((req.query as { 'quay-lai'?: string })['quay-lai'], '/quan-tri');
    if (req.user) return redirect(reply, back);
    return sendPage(req, reply, <SignInPage back={back} />);
  });

  app.post('/quan-tri/dang-nhap', { config: { rateLimit: signInLimit } }, async (req, reply) => {
    const b = body(req);
    const email = str(b.email).slice(0, 200);
    const back = safeBack(b.back, '/quan-tri');
    const errors: FormErrors = [];
    if (!email) errors.push({ field: 'email', message: 'Nhập email của bạn.' });
    if (!str(b.password)) errors.push({ field: 'password', message: 'Nhập mật khẩu.' });
    if (errors.length) return sendPage(req, reply, <SignInPage email={email} back={back} errors={errors} />, 400);
    const result = await svc.checkPassword(db, config, email, str(b.password).slice(0, 200));
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? `Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau ${result.minutesLeft} phút.`
          : 'Email hoặc mật khẩu không đúng.';
      return sendPage(
        req,
        reply,
        <SignInPage email={email} back={back} errors={[{ field: 'email', message }]} />,
        result.reason === 'locked' ? 423 : 401,
      );
    }
    if (result.needsTotp) {
      await req.session.regenerate();
      req.session.pendingUserId = result.userId;
      return redirect(reply, `/quan-tri/dang-nhap/ma-xac-thuc?quay-lai=${encodeURIComponent(back)}`);
    }
    return signedIn(req, reply, result.userId, back);
  });

  app.get('/quan-tri/dang-nhap/ma-xac-thuc', async (req, reply) => {
    if (!req.session.pendingUserId) return redirect(reply, '/quan-tri/dang-nhap');
    const back = safeBack((req.query as { 'quay-lai'?: string })['quay-lai'], '/quan-tri');
    return sendPage(req, reply, <TotpPage back={back} />);
  });

  app.post('/quan-tri/dang-nhap/ma-xac-thuc', { config: { rateLimit: signInLimit } }, async (req, reply) => {
    const pending = req.session.pendingUserId;
    if (!pending) return redirect(reply, '/quan-tri/dang-nhap');
    const b = body(req);
    const back = safeBack(b.back, '/quan-tri');
    const result = await svc.checkTotp(db, config, pending, str(b.code).slice(0, 12));
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? `Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau ${result.minutesLeft} phút.`
          : 'Mã xác thực không đúng hoặc đã hết hạn.';
      return sendPage(req, reply, <TotpPage back={back} errors={[{ field: 'code', message }]} />, 401);
    }
    return signedIn(req, reply, result.userId, back);
  });

  app.post('/quan-tri/dang-xuat', async (req, reply) => {
    if (req.user) await svc.recordSignOut(db, req.user.id);
    await req.session.destroy();
    return redirect(reply, '/quan-tri/dang-nhap');
  });

  app.get('/quan-tri', { preHandler: requireUser }, async (req, reply) => {
    const user = currentUser(req);
    const panels = await dashboardPanels(req);
    return sendPage(
      req,
      reply,
      <DashboardPage name={user.name} role={user.role} links={adminLinks(user.role)} panels={panels} />,
    );
  });

  // ---- My account -------------------------------------------------------------------------------

  const renderAccount = async (req: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) => {
    const user = currentUser(req);
    const row = await db.selectFrom('users').select(['totp_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
    const pending = await svc.pendingTotp(db, user.id);
    const qrSvg = pending ? await QRCode.toString(pending.uri, { type: 'svg', margin: 1, width: 200 }) : '';
    const flash = takeFlash(req);
    return sendPage(
      req,
      reply,
      <AccountPage
        name={user.name}
        email={user.email}
        totpEnabled={Boolean(row.totp_enabled)}
        pending={pending ? { secret: pending.secret, qrSvg } : null}
        errors={errors}
        flash={flash}
      />,
      status,
    );
  };

  app.get('/quan-tri/tai-khoan', { preHandler: requireUser }, async (req, reply) => renderAccount(req, reply));

  app.post(
    '/quan-tri/tai-khoan/mat-khau',
    { preHandler: requireUser, config: { rateLimit: signInLimit } },
    async (req, reply) => {
      const user = currentUser(req);
      const b = body(req);
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, str(b.current)))) {
        return renderAccount(req, reply, [{ field: 'current', message: 'Mật khẩu hiện tại không đúng.' }], 400);
      }
      try {
        await svc.changePassword(db, user.id, user.id, str(b.password));
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation_failed') {
          return renderAccount(req, reply, [{ field: 'password', message: e.message }], 400);
        }
        throw e;
      }
      await req.session.regenerate();
      req.session.userId = user.id;
      req.session.flash = 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất.';
      return redirect(reply, '/quan-tri/tai-khoan');
    },
  );

  app.post('/quan-tri/tai-khoan/xac-thuc-hai-lop', { preHandler: requireUser }, async (req, reply) => {
    await svc.beginTotp(db, currentUser(req).id);
    return redirect(reply, '/quan-tri/tai-khoan');
  });

  app.post(
    '/quan-tri/tai-khoan/xac-thuc-hai-lop/xac-nhan',
    { preHandler: requireUser, config: { rateLimit: signInLimit } },
    async (req, reply) => {
      const ok = await svc.confirmTotp(db, currentUser(req).id, str(body(req).code).slice(0, 12));
      if (!ok)
        return renderAccount(
          req,
          reply,
          [{ field: 'code', message: 'Mã chưa đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới.' }],
          400,
        );
      req.session.flash = 'Đã bật xác thực hai lớp.';
      return redirect(reply, '/quan-tri/tai-khoan');
    },
  );

  app.post('/quan-tri/tai-khoan/xac-thuc-hai-lop/tat', { preHandler: requireUser }, async (req, reply) => {
    const user = currentUser(req);
    await svc.disableTotp(db, user.id, user.id);
    req.session.flash = 'Đã tắt xác thực hai lớp.';
    return redirect(reply, '/quan-tri/tai-khoan');
  });

  // ---- Staff accounts (system admin) --------------------------------------------------------------

  const admin = requireRole('admin');
  const unitOptions = async () =>
    (await listUnits(db, { activeOn: new Date().toISOString().slice(0, 10) }))
      .filter((u) => u.type !== 'city')
      .map((u) => ({ value: String(u.id), label: `${u.full_name} (${UNIT_TYPE_LABELS[u.type]})` }));
  const parseRole = (v: unknown): Role | null => ((ROLES as readonly string[]).includes(str(v)) ? (str(v) as Role) : null);
  const parseUnit = (v: unknown): number | null => (/^\d+$/.test(str(v)) ? Number(v) : null);

  app.get('/quan-tri/nguoi-dung', { preHandler: admin }, async (req, reply) => {
    const users = await db
      .selectFrom('users as u')
      .leftJoin('org_units as o', 'o.id', 'u.unit_id')
      .select([
        'u.id',
        'u.email',
        'u.name',
        'u.role',
        'u.disabled',
        'u.locked_until',
        'u.last_login_at',
        'o.full_name as unit_name',
      ])
      .orderBy('u.name')
      .execute();
    const flash = takeFlash(req);
    return sendPage(req, reply, <UsersPage users={users} flash={flash} />);
  });

  app.get('/quan-tri/nguoi-dung/moi', { preHandler: admin }, async (req, reply) =>
    sendPage(
      req,
      reply,
      <UserFormPage values={{ email: '', name: '', role: 'editor', unitId: '' }} units={await unitOptions()} />,
    ),
  );

  app.post('/quan-tri/nguoi-dung/moi', { preHandler: admin }, async (req, reply) => {
    const b = body(req);
    const values: UserFormValues = { email: str(b.email), name: str(b.name), role: str(b.role), unitId: str(b.unitId) };
    const role = parseRole(b.role);
    const fail = (field: string, message: string) =>
      unitOptions().then((units) =>
        sendPage(req, reply, <UserFormPage values={values} units={units} errors={[{ field, message }]} />, 400),
      );
    if (!role) return fail('role', 'Chọn một vai trò.');
    try {
      await svc.createUser(db, currentUser(req).id, {
        email: values.email,
        name: values.name,
        password: str(b.password),
        role,
        unitId: parseUnit(b.unitId),
      });
    } catch (e) {
      if (e instanceof AppError && (e.code === 'validation_failed' || e.code === 'conflict')) {
        const field = /mật khẩu/i.test(e.message)
          ? 'password'
          : /đơn vị/i.test(e.message)
            ? 'unitId'
            : /họ tên/i.test(e.message)
              ? 'name'
              : 'email';
        return fail(field, e.message);
      }
      throw e;
    }
    req.session.flash = 'Đã tạo tài khoản.';
    return redirect(reply, '/quan-tri/nguoi-dung');
  });

  const UserParams = { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) };

  app.get('/quan-tri/nguoi-dung/:id', { preHandler: admin, schema: UserParams }, async (req, reply) => {
    const { id } = req.params as { id: number };
    const u = await db
      .selectFrom('users')
      .select(['email', 'name', 'role', 'unit_id', 'disabled'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!u) throw new AppError('not_found', 'Không tìm thấy tài khoản này.');
    return sendPage(
      req,
      reply,
      <UserFormPage
        id={id}
        values={{
          email: u.email,
          name: u.name,
          role: u.role,
          unitId: u.unit_id ? String(u.unit_id) : '',
          disabled: Boolean(u.disabled),
        }}
        units={await unitOptions()}
      />,
    );
  });

  app.post('/quan-tri/nguoi-dung/:id', { preHandler: admin, schema: UserParams }, async (req, reply) => {
    const { id } = req.params as { id: number };
    const u = await db.selectFrom('users').select(['email']).where('id', '=', id).executeTakeFirst();
    if (!u) throw new AppError('not_found', 'Không tìm thấy tài khoản này.');
    const b = body(req);
    const flags = Array.isArray(b.flags) ? b.flags.map(String) : b.flags ? [str(b.flags)] : [];
    const values: UserFormValues = {
      email: u.email,
      name: str(b.name),
      role: str(b.role),
      unitId: str(b.unitId),
      disabled: flags.includes('disabled'),
    };
    const role = parseRole(b.role);
    const actor = currentUser(req).id;
    try {
      if (!role) throw new AppError('validation_failed', 'Chọn một vai trò.');
      if (!values.name.trim()) throw new AppError('validation_failed', 'Cần nhập họ tên.');
      await svc.updateUser(db, actor, id, {
        name: values.name,
        role,
        unitId: parseUnit(b.unitId),
        disabled: flags.includes('disabled'),
        unlock: flags.includes('unlock'),
      });
      if (str(b.password)) await svc.changePassword(db, actor, id, str(b.password));
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation_failed') {
        const field = /mật khẩu/i.test(e.message)
          ? 'password'
          : /đơn vị/i.test(e.message)
            ? 'unitId'
            : /họ tên/i.test(e.message)
              ? 'name'
              : 'role';
        return sendPage(
          req,
          reply,
          <UserFormPage id={id} values={values} units={await unitOptions()} errors={[{ field, message: e.message }]} />,
          400,
        );
      }
      throw e;
    }
    req.session.flash = 'Đã lưu tài khoản.';
    return redirect(reply, '/quan-tri/nguoi-dung');
  });

  app.get('/quan-tri/nhat-ky', { preHandler: admin }, async (req, reply) => {
    const rows = await db
      .selectFrom('audit_log as l')
      .leftJoin('users as u', 'u.id', 'l.actor_id')
      .select(['l.id', 'l.at', 'l.action', 'l.entity', 'l.entity_id', 'l.summary', 'u.name as actor_name'])
      .orderBy('l.id', 'desc')
      .limit(200)
      .execute();
    return sendPage(req, reply, <AuditPage rows={rows} />);
  });
}
