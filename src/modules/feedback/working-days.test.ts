import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STARTER_CALENDAR } from './feedback.seed.js';
import { addWorkingDays, EMPTY_CALENDAR, isWorkingDay, vnDate, workingDaysBetween, type WorkCalendar } from './working-days.js';

const starter: WorkCalendar = {
  holidays: new Set(STARTER_CALENDAR.filter((d) => d.kind === 'holiday').map((d) => d.date)),
  workdays: new Set(STARTER_CALENDAR.filter((d) => d.kind === 'workday').map((d) => d.date)),
};

test('weekends are not working days; weekdays are', () => {
  assert.equal(isWorkingDay('2026-11-27', EMPTY_CALENDAR), true, 'Friday');
  assert.equal(isWorkingDay('2026-11-28', EMPTY_CALENDAR), false, 'Saturday');
  assert.equal(isWorkingDay('2026-11-29', EMPTY_CALENDAR), false, 'Sunday');
});

test('the day of receipt does not count; weekends are skipped', () => {
  assert.equal(addWorkingDays('2026-11-27', 1, EMPTY_CALENDAR), '2026-11-30', 'Friday + 1 = Monday');
  assert.equal(addWorkingDays('2026-11-28', 1, EMPTY_CALENDAR), '2026-11-30', 'Saturday + 1 = Monday');
  assert.equal(addWorkingDays('2026-11-27', 15, EMPTY_CALENDAR), '2026-12-18', '15 working days = 3 weeks');
  assert.equal(addWorkingDays('2026-11-27', 0, EMPTY_CALENDAR), '2026-11-27');
});

test('public holidays are skipped: Tết 2026 adds a week to a deadline that spans it', () => {
  // Received Friday 2026-02-13; Tết holidays Monday 16 to Friday 20 February.
  assert.equal(addWorkingDays('2026-02-13', 1, EMPTY_CALENDAR), '2026-02-16');
  assert.equal(addWorkingDays('2026-02-13', 1, starter), '2026-02-23');
  assert.equal(addWorkingDays('2026-02-13', 15, starter), '2026-03-13');
  // 30/4 and 1/5 2026 fall on Thursday and Friday.
  assert.equal(addWorkingDays('2026-04-29', 1, starter), '2026-05-04');
});

test('a weekend working day (ngày làm bù) counts', () => {
  const cal: WorkCalendar = { holidays: new Set(['2025-05-02']), workdays: new Set(['2025-04-26']) };
  assert.equal(isWorkingDay('2025-04-26', cal), true);
  assert.equal(addWorkingDays('2025-04-25', 1, cal), '2025-04-26');
});

test('workingDaysBetween counts days after the first up to and including the last', () => {
  assert.equal(workingDaysBetween('2026-11-27', '2026-11-30', EMPTY_CALENDAR), 1);
  assert.equal(workingDaysBetween('2026-11-27', '2026-11-27', EMPTY_CALENDAR), 0);
  assert.equal(workingDaysBetween('2026-11-30', '2026-11-27', EMPTY_CALENDAR), 0);
  assert.equal(workingDaysBetween('2026-02-13', '2026-02-23', starter), 1);
  for (const n of [1, 5, 15, 30]) {
    assert.equal(workingDaysBetween('2026-01-02', addWorkingDays('2026-01-02', n, starter), starter), n);
  }
});

test('dates are taken in Vietnam time (UTC+7)', () => {
  assert.equal(vnDate('2026-11-27T16:59:59Z'), '2026-11-27');
  assert.equal(vnDate('2026-11-27T17:00:00Z'), '2026-11-28');
});

test('the starter calendar covers 2025-2027 with the main holidays', () => {
  for (const d of ['2025-01-01', '2025-04-30', '2025-09-02', '2026-01-01', '2026-02-17', '2026-09-02', '2027-01-01']) {
    assert.equal(isWorkingDay(d, starter), false, d);
  }
  for (const d of starter.holidays) assert.match(d, /^202[5-7]-\d{2}-\d{2}$/);
});
