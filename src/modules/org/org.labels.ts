import type { UnitType } from './org.table.js';

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  city: 'Thành phố',
  department: 'Sở, ban, ngành',
  district: 'Quận, huyện, thị xã (trước 7/2025)',
  commune: 'Xã, phường',
  press: 'Cơ quan báo chí',
  mass_org: 'Tổ chức chính trị - xã hội',
  enterprise: 'Doanh nghiệp',
};
