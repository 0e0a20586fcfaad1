// The consolidated report as files: a Vietnamese administrative report (.docx, Decree 30/2020/NĐ-CP layout) and a
// workbook (.xlsx) with the totals and one row per unit.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { viNumber } from '../../platform/html/index.js';
import { UNIT_TYPE_LABELS } from '../org/index.js';
import { unitLabel, type Consolidation } from './reports.service.js';

/** A4 and the margins of Decree 30 (top/bottom 20 mm, left 30 mm, right 15 mm), in twips (1 mm = 1440/25.4 twips). */
export const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 851 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const FONT = 'Times New Roman';
/** Sizes in half-points. */
const BODY = 28; // 14 pt
const HEAD = 26; // 13 pt
const TABLE = 24; // 12 pt
const SMALL = 22; // 11 pt

export const ISSUER_PARENT = 'UBND THÀNH PHỐ HÀ NỘI';
export const ISSUER = 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG';
export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const NUMBER_LINE = 'Số:        /BC-TTPVHCC';

/** "Hà Nội, ngày 05 tháng 02 năm 2026": days below 10 and months 1-2 take a leading zero (Decree 30, appendix I). */
export function placeAndDate(d: Date): string {
  const vn = new Date(d.getTime() + 7 * 3600_000);
  const day = vn.getUTCDate();
  const month = vn.getUTCMonth() + 1;
  return `Hà Nội, ngày ${String(day).padStart(2, '0')} tháng ${month < 3 ? `0${month}` : month} năm ${vn.getUTCFullYear()}`;
}

function monthLabel(ym: string): string {
  return `tháng ${Number(ym.slice(5, 7))}/${ym.slice(0, 4)}`;
}

export function rangeLabel(c: Pick<Consolidation, 'from' | 'to'>): string {
  return c.from === c.to ? monthLabel(c.from) : `từ ${monthLabel(c.from)} đến ${monthLabel(c.to)}`;
}

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics });

const para = (
  text: string | TextRun[],
  o: {
    bold?: boolean;
    italics?: boolean;
    size?: number;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    before?: number;
    after?: number;
    indent?: boolean;
  } = {},
) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 60, line: 288 },
    indent: o.indent ? { firstLine: 567 } : undefined,
    children: typeof text === 'string' ? [run(text, o)] : text,
  });

/** A short horizontal rule under a header line: an empty paragraph with a bottom border, narrowed by indents. */
const rule = (sideIndent: number) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 120, line: 120 },
    indent: { left: sideIndent, right: sideIndent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });

const cell = (children: Paragraph[], width: number, o: { borders?: boolean } = {}) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.TOP,
    borders: o.borders === false ? TableBorders.NONE : undefined,
    children,
  });

function dataTable(header: string[], rows: string[][], widths: number[], numericFrom: number): Table {
  const mk = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((t, i) =>
        cell(
          [
            para(t, {
              size: TABLE,
              bold,
              align: bold ? AlignmentType.CENTER : i >= numericFrom ? AlignmentType.RIGHT : AlignmentType.LEFT,
              after: 0,
            }),
          ],
          widths[i]!,
        ),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [mk(header, true), ...rows.map((r) => mk(r, false))],
  });
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The consolidated report as a Word document laid out as a Vietnamese administrative report. */
export async function consolidationDocx(c: Consolidation, at = new Date()): Promise<Buffer> {
  const leftW = 3800;
  const rightW = TEXT_WIDTH - leftW;
  const header = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              para(ISSUER_PARENT, { size: HEAD, align: AlignmentType.CENTER, after: 0 }),
              para(ISSUER, { size: HEAD, bold: true, align: AlignmentType.CENTER, after: 0 }),
              rule(1300),
            ],
            leftW,
            { borders: false },
          ),
          cell(
            [
              para(NATION, { size: HEAD, bold: true, align: AlignmentType.CENTER, after: 0 }),
              para(MOTTO, { size: BODY, bold: true, align: AlignmentType.CENTER, after: 0 }),
              rule(1250),
            ],
            rightW,
            { borders: false },
          ),
        ],
      }),
      new TableRow({
        children: [
          cell([para(NUMBER_LINE, { size: HEAD, align: AlignmentType.CENTER })], leftW, { borders: false }),
          cell([para(placeAndDate(at), { size: BODY, italics: true, align: AlignmentType.CENTER })], rightW, { borders: false }),
        ],
      }),
    ],
  });

  const range = rangeLabel(c);
  const body: Array<Paragraph | Table> = [
    para('BÁO CÁO', { bold: true, align: AlignmentType.CENTER, before: 240, after: 0 }),
    para('Kết quả thông tin, tuyên truyền đẩy mạnh dịch vụ công trực tuyến', {
      bold: true,
      align: AlignmentType.CENTER,
      after: 0,
    }),
    para(`(tổng hợp báo cáo định kỳ của các đơn vị, ${range})`, { bold: true, align: AlignmentType.CENTER, after: 0 }),
    rule(3200),
    para(
      `Trung tâm Phục vụ hành chính công Thành phố tổng hợp ${c.form.name.charAt(0).toLowerCase()}${c.form.name.slice(1)} của các đơn vị ${range} như sau:`,
      { indent: true },
    ),
  ];
  let sec = 0;
  const heading = (t: string) => body.push(para(`${ROMAN[sec++]}. ${t}`, { bold: true, before: 120 }));

  heading('TÌNH HÌNH GỬI BÁO CÁO');
  body.push(
    para(
      `Số lượt báo cáo phải nộp: ${viNumber(c.counts.expected)}; đã nộp: ${viNumber(c.counts.submitted)} (trong đó nộp muộn: ${viNumber(
        c.counts.late,
      )}); chưa nộp khi đã quá hạn: ${viNumber(c.counts.missing)}${c.counts.pending ? `; chưa đến hạn: ${viNumber(c.counts.pending)}` : ''}.`,
      { indent: true },
    ),
  );
  body.push(
    dataTable(
      ['Loại đơn vị', 'Số đơn vị', 'Phải nộp', 'Đã nộp', 'Nộp muộn'],
      c.byType.map((t) => [t.label, viNumber(t.units), viNumber(t.expected), viNumber(t.submitted), viNumber(t.late)]),
      [TEXT_WIDTH - 4 * 1300, 1300, 1300, 1300, 1300],
      1,
    ),
  );

  heading('KẾT QUẢ THỰC HIỆN');
  body.push(para('Số liệu cộng từ các báo cáo đã nộp, theo loại đơn vị:', { indent: true }));
  const typeW = Math.floor((TEXT_WIDTH - 600 - 2800 - 1100) / Math.max(1, c.byType.length));
  body.push(
    dataTable(
      ['TT', 'Nội dung', ...c.byType.map((t) => t.label), 'Tổng cộng'],
      c.numeric.map((f, i) => [
        String(i + 1),
        f.label,
        ...c.byType.map((t) => viNumber(t.totals[f.key] ?? 0)),
        viNumber(c.total[f.key] ?? 0),
      ]),
      [600, 2800, ...c.byType.map(() => typeW), 1100],
      2,
    ),
  );

  const communes = c.units.filter((u) => u.unit.type === 'commune');
  if (communes.length) {
    heading('KẾT QUẢ THEO XÃ, PHƯỜNG');
    const shown = c.numeric.slice(0, 4);
    body.push(
      para(
        `Một số chỉ tiêu chính của từng xã, phường (${shown.map((f) => f.label.toLowerCase()).join('; ')}); số liệu đầy đủ của từng đơn vị ở tệp Excel kèm theo.`,
        { indent: true },
      ),
    );
    const w = Math.floor((TEXT_WIDTH - 600 - 2600 - 1000) / Math.max(1, shown.length));
    body.push(
      dataTable(
        ['TT', 'Xã, phường', 'Đã nộp', ...shown.map((f) => f.label)],
        communes.map((u, i) => [
          String(i + 1),
          unitLabel(u.unit),
          `${u.submitted}/${u.expected}`,
          ...shown.map((f) => viNumber(u.totals[f.key] ?? 0)),
        ]),
        [600, 2600, 1000, ...shown.map(() => w)],
        2,
      ),
    );
  }

  for (const t of c.texts) {
    heading(t.label.toUpperCase());
    if (!t.items.length) body.push(para('Các đơn vị không nêu nội dung này.', { indent: true }));
    for (const item of t.items) {
      body.push(
        para([run(`- ${unitLabel(item.unit)} (${item.period.label}): `, { bold: true }), run(item.text)], { indent: true }),
      );
    }
  }

  const closing = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              para('Nơi nhận:', { size: TABLE, bold: true, italics: true, align: AlignmentType.LEFT, before: 240, after: 0 }),
              para('- UBND Thành phố (để b/c);', { size: SMALL, align: AlignmentType.LEFT, after: 0 }),
              para('- Văn phòng UBND Thành phố;', { size: SMALL, align: AlignmentType.LEFT, after: 0 }),
              para('- Các sở, ban, ngành, UBND xã, phường;', { size: SMALL, align: AlignmentType.LEFT, after: 0 }),
              para('- Lưu: VT.', { size: SMALL, align: AlignmentType.LEFT, after: 0 }),
            ],
            leftW,
            { borders: false },
          ),
          cell(
            [
              para('GIÁM ĐỐC', { bold: true, align: AlignmentType.CENTER, before: 240, after: 0 }),
              para('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true, size: HEAD, align: AlignmentType.CENTER, after: 1200 }),
            ],
            rightW,
            { borders: false },
          ),
        ],
      }),
    ],
  });

  const doc = new Document({
    creator: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội',
    title: `Báo cáo tổng hợp ${range}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children: [header, ...body, closing],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The consolidated report as a workbook: "Tổng hợp" (totals by unit type) and "Đơn vị" (one row per unit). */
export async function consolidationXlsx(c: Consolidation): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DVC Outreach';
  wb.created = new Date();
  const range = rangeLabel(c);

  const totals = wb.addWorksheet('Tổng hợp');
  totals.addRow([`${c.form.name} - tổng hợp ${range}`]).font = { bold: true, size: 13 };
  totals.addRow([
    `Phải nộp: ${c.counts.expected}; đã nộp: ${c.counts.submitted} (nộp muộn: ${c.counts.late}); chưa nộp khi quá hạn: ${c.counts.missing}`,
  ]);
  totals.addRow([]);
  const head = totals.addRow(['Mã trường', 'Nội dung', ...c.byType.map((t) => t.label), 'Tổng cộng']);
  head.font = { bold: true };
  for (const f of c.numeric) {
    totals.addRow([f.key, f.label, ...c.byType.map((t) => t.totals[f.key] ?? 0), c.total[f.key] ?? 0]);
  }
  totals.addRow([]);
  const sHead = totals.addRow(['', 'Tình hình nộp', ...c.byType.map((t) => t.label)]);
  sHead.font = { bold: true };
  totals.addRow(['', 'Số đơn vị', ...c.byType.map((t) => t.units)]);
  totals.addRow(['', 'Phải nộp', ...c.byType.map((t) => t.expected)]);
  totals.addRow(['', 'Đã nộp', ...c.byType.map((t) => t.submitted)]);
  totals.addRow(['', 'Nộp muộn', ...c.byType.map((t) => t.late)]);
  totals.getColumn(1).width = 24;
  totals.getColumn(2).width = 60;
  for (let i = 3; i <= c.byType.length + 3; i++) {
    totals.getColumn(i).width = 16;
    totals.getColumn(i).numFmt = '#,##0';
  }

  const units = wb.addWorksheet('Đơn vị');
  const uh = units.addRow([
    'Mã đơn vị',
    'Đơn vị',
    'Loại đơn vị',
    'Phải nộp',
    'Đã nộp',
    'Nộp muộn',
    ...c.numeric.map((f) => f.label),
  ]);
  uh.font = { bold: true };
  units.addRow(['', '', '', '', '', '', ...c.numeric.map((f) => f.key)]).font = { italic: true, color: { argb: 'FF555555' } };
  for (const u of c.units) {
    units.addRow([
      u.unit.code ?? '',
      unitLabel(u.unit),
      UNIT_TYPE_LABELS[u.unit.type],
      u.expected,
      u.submitted,
      u.late,
      ...c.numeric.map((f) => u.totals[f.key] ?? 0),
    ]);
  }
  units.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  units.getColumn(1).width = 14;
  units.getColumn(2).width = 40;
  units.getColumn(3).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
