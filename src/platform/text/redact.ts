/**
 * Remove personal data from free text before it is stored or published: emails, phone numbers, ID numbers.
 * Each match is replaced by a bracketed label so readers see that something was removed.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email đã ẩn]'],
  // Vietnamese phone numbers: 0xx or +84 / 84, 9-10 digits after the prefix, with optional separators.
  [/(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\p{N}){8,10}(?![\p{N}])/gu, '[số điện thoại đã ẩn]'],
  // 12-digit citizen ID (CCCD) or 9-digit old ID (CMND), possibly grouped with spaces or dots.
  [/(?<![\p{N}])\p{N}{3}[\s.]?\p{N}{3}[\s.]?\p{N}{3}(?:[\s.]?\p{N}{3})?(?![\p{N}])/gu, '[số giấy tờ đã ẩn]'],
];

/**
 * @example
 * redactPersonalData('Gọi 0912 345 678'); // 'Gọi [số điện thoại đã ẩn]'
 */
export function redactPersonalData(text: string): string {
  let out = text;
  for (const [re, label] of PATTERNS) out = out.replace(re, label);
  return out;
}
