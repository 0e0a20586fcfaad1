import { tokenize, type Token } from './vietnamese.js';

/** One entry of the abbreviation / teencode / synonym dictionary. */
export interface DictionaryEntry {
  /** What people type, e.g. "cccd", "ko", "sổ đỏ". Matched on folded tokens. */
  term: string;
  /** What it means, e.g. "căn cước công dân". */
  expansion: string;
  kind: 'abbreviation' | 'teencode' | 'synonym';
}

/**
 * The starter dictionary. Center editors extend it in the back office (table text_terms); the app merges both.
 * Keep entries general (words people use), never phrased after particular questions.
 */
export const STARTER_DICTIONARY: readonly DictionaryEntry[] = [
  // Abbreviations of documents and bodies
  { term: 'cccd', expansion: 'căn cước công dân', kind: 'abbreviation' },
  { term: 'cmnd', expansion: 'chứng minh nhân dân căn cước', kind: 'abbreviation' },
  { term: 'cmt', expansion: 'chứng minh nhân dân căn cước', kind: 'abbreviation' },
  { term: 'gplx', expansion: 'giấy phép lái xe', kind: 'abbreviation' },
  { term: 'bhxh', expansion: 'bảo hiểm xã hội', kind: 'abbreviation' },
  { term: 'bhyt', expansion: 'bảo hiểm y tế', kind: 'abbreviation' },
  { term: 'bhtn', expansion: 'bảo hiểm thất nghiệp', kind: 'abbreviation' },
  { term: 'đkkd', expansion: 'đăng ký kinh doanh', kind: 'abbreviation' },
  { term: 'dkkd', expansion: 'đăng ký kinh doanh', kind: 'abbreviation' },
  { term: 'hkd', expansion: 'hộ kinh doanh', kind: 'abbreviation' },
  { term: 'dn', expansion: 'doanh nghiệp', kind: 'abbreviation' },
  { term: 'mst', expansion: 'mã số thuế', kind: 'abbreviation' },
  { term: 'tncn', expansion: 'thu nhập cá nhân', kind: 'abbreviation' },
  { term: 'tthc', expansion: 'thủ tục hành chính', kind: 'abbreviation' },
  { term: 'dvc', expansion: 'dịch vụ công', kind: 'abbreviation' },
  { term: 'dvctt', expansion: 'dịch vụ công trực tuyến', kind: 'abbreviation' },
  { term: 'dvcqg', expansion: 'dịch vụ công quốc gia', kind: 'abbreviation' },
  { term: 'gcn', expansion: 'giấy chứng nhận', kind: 'abbreviation' },
  { term: 'qsdd', expansion: 'quyền sử dụng đất', kind: 'abbreviation' },
  { term: 'gpxd', expansion: 'giấy phép xây dựng', kind: 'abbreviation' },
  { term: 'lltp', expansion: 'lý lịch tư pháp', kind: 'abbreviation' },
  { term: 'ubnd', expansion: 'ủy ban nhân dân', kind: 'abbreviation' },
  { term: 'otp', expansion: 'mã otp xác thực', kind: 'abbreviation' },
  { term: 'pakn', expansion: 'phản ánh kiến nghị', kind: 'abbreviation' },
  { term: 'vneid', expansion: 'vneid định danh điện tử', kind: 'abbreviation' },
  { term: 'đdđt', expansion: 'định danh điện tử', kind: 'abbreviation' },
  { term: 'sổ đỏ', expansion: 'giấy chứng nhận quyền sử dụng đất', kind: 'synonym' },
  { term: 'sổ hồng', expansion: 'giấy chứng nhận quyền sử dụng đất nhà ở', kind: 'synonym' },
  { term: 'bằng lái', expansion: 'giấy phép lái xe', kind: 'synonym' },
  { term: 'hộ khẩu', expansion: 'hộ khẩu thường trú', kind: 'synonym' },
  // Teencode and everyday shorthand
  { term: 'ko', expansion: 'không', kind: 'teencode' },
  { term: 'k', expansion: 'không', kind: 'teencode' },
  { term: 'kh', expansion: 'không', kind: 'teencode' },
  { term: 'hok', expansion: 'không', kind: 'teencode' },
  { term: 'khg', expansion: 'không', kind: 'teencode' },
  { term: 'dc', expansion: 'được', kind: 'teencode' },
  { term: 'đc', expansion: 'được', kind: 'teencode' },
  { term: 'dk', expansion: 'đăng ký', kind: 'teencode' },
  { term: 'đk', expansion: 'đăng ký', kind: 'teencode' },
  { term: 'j', expansion: 'gì', kind: 'teencode' },
  { term: 'ntn', expansion: 'như thế nào', kind: 'teencode' },
  { term: 'bn', expansion: 'bao nhiêu', kind: 'teencode' },
  { term: 'bnhieu', expansion: 'bao nhiêu', kind: 'teencode' },
  { term: 'mk', expansion: 'mật khẩu', kind: 'teencode' },
  { term: 'tk', expansion: 'tài khoản', kind: 'teencode' },
  { term: 'sdt', expansion: 'số điện thoại', kind: 'teencode' },
  { term: 'đt', expansion: 'điện thoại', kind: 'teencode' },
  { term: 'vs', expansion: 'với', kind: 'teencode' },
  { term: 'r', expansion: 'rồi', kind: 'teencode' },
  { term: 'ng', expansion: 'người', kind: 'teencode' },
  { term: 'trc', expansion: 'trước', kind: 'teencode' },
  { term: 'oke', expansion: 'được', kind: 'teencode' },
  { term: 'cty', expansion: 'công ty', kind: 'teencode' },
  { term: 'hssv', expansion: 'học sinh sinh viên', kind: 'abbreviation' },
  { term: 'sv', expansion: 'sinh viên', kind: 'abbreviation' },
  { term: 'onl', expansion: 'trực tuyến online', kind: 'teencode' },
  { term: 'online', expansion: 'trực tuyến online', kind: 'synonym' },
  { term: 'qua mạng', expansion: 'trực tuyến', kind: 'synonym' },
  { term: 'trên mạng', expansion: 'trực tuyến', kind: 'synonym' },
  // More abbreviations seen in questions to public services
  { term: 'gks', expansion: 'giấy khai sinh', kind: 'abbreviation' },
  { term: 'gcs', expansion: 'giấy chứng sinh', kind: 'abbreviation' },
  { term: 'shk', expansion: 'sổ hộ khẩu', kind: 'abbreviation' },
  { term: 'kt3', expansion: 'sổ tạm trú', kind: 'abbreviation' },
  { term: 'gpkd', expansion: 'giấy phép kinh doanh', kind: 'abbreviation' },
  { term: 'kd', expansion: 'kinh doanh', kind: 'abbreviation' },
  { term: 'hđđt', expansion: 'hóa đơn điện tử', kind: 'abbreviation' },
  { term: 'gtgt', expansion: 'giá trị gia tăng', kind: 'abbreviation' },
  { term: 'nlđ', expansion: 'người lao động', kind: 'abbreviation' },
  { term: 'ksk', expansion: 'khám sức khỏe', kind: 'abbreviation' },
  { term: 'cbcc', expansion: 'cán bộ công chức', kind: 'abbreviation' },
  { term: 'bpmc', expansion: 'bộ phận một cửa', kind: 'abbreviation' },
  { term: 'ttpvhcc', expansion: 'trung tâm phục vụ hành chính công', kind: 'abbreviation' },
  { term: 'csgt', expansion: 'cảnh sát giao thông', kind: 'abbreviation' },
  { term: 'hs', expansion: 'hồ sơ', kind: 'abbreviation' },
  { term: 'kq', expansion: 'kết quả', kind: 'abbreviation' },
  { term: 'ttcn', expansion: 'thông tin cá nhân', kind: 'abbreviation' },
  { term: 'stk', expansion: 'số tài khoản', kind: 'abbreviation' },
  { term: 'hn', expansion: 'Hà Nội', kind: 'abbreviation' },
  { term: 'tp', expansion: 'thành phố', kind: 'abbreviation' },
  { term: 'xm', expansion: 'xe máy', kind: 'abbreviation' },
  { term: 'oto', expansion: 'ô tô', kind: 'abbreviation' },
  // Everyday words for the same things
  { term: 'app', expansion: 'ứng dụng', kind: 'synonym' },
  { term: 'web', expansion: 'trang web', kind: 'synonym' },
  { term: 'website', expansion: 'trang web', kind: 'synonym' },
  { term: 'pass', expansion: 'mật khẩu', kind: 'synonym' },
  { term: 'password', expansion: 'mật khẩu', kind: 'synonym' },
  { term: 'acc', expansion: 'tài khoản', kind: 'synonym' },
  { term: 'login', expansion: 'đăng nhập', kind: 'synonym' },
  { term: 'sms', expansion: 'tin nhắn', kind: 'synonym' },
  { term: 'cà vẹt', expansion: 'giấy đăng ký xe', kind: 'synonym' },
  { term: 'cavet', expansion: 'giấy đăng ký xe', kind: 'synonym' },
  { term: 'nhập khẩu', expansion: 'nhập hộ khẩu thường trú', kind: 'synonym' },
  { term: 'chuyển khẩu', expansion: 'chuyển hộ khẩu thường trú', kind: 'synonym' },
  { term: 'cắt khẩu', expansion: 'cắt hộ khẩu thường trú', kind: 'synonym' },
  { term: 'lấy vợ', expansion: 'kết hôn', kind: 'synonym' },
  { term: 'lấy chồng', expansion: 'kết hôn', kind: 'synonym' },
  { term: 'cưới vợ', expansion: 'kết hôn', kind: 'synonym' },
  { term: 'cưới chồng', expansion: 'kết hôn', kind: 'synonym' },
  { term: 'vì sao', expansion: 'tại sao', kind: 'synonym' },
  // More teencode
  { term: 'kg', expansion: 'không', kind: 'teencode' },
  { term: 'hem', expansion: 'không', kind: 'teencode' },
  { term: 'lm', expansion: 'làm', kind: 'teencode' },
  { term: 'bh', expansion: 'bao giờ', kind: 'teencode' },
  { term: 'bgio', expansion: 'bao giờ', kind: 'teencode' },
  { term: 'cx', expansion: 'cũng', kind: 'teencode' },
  { term: 'vk', expansion: 'vợ', kind: 'teencode' },
  { term: 'bik', expansion: 'biết', kind: 'teencode' },
  { term: 'bít', expansion: 'biết', kind: 'teencode' },
  { term: 'mún', expansion: 'muốn', kind: 'teencode' },
  { term: 'mik', expansion: 'mình', kind: 'teencode' },
  { term: 'zậy', expansion: 'vậy', kind: 'teencode' },
  { term: 'wa', expansion: 'quá', kind: 'teencode' },
  { term: 'ns', expansion: 'nói', kind: 'teencode' },
  { term: 'nt', expansion: 'nhắn tin', kind: 'teencode' },
  { term: 'ngta', expansion: 'người ta', kind: 'teencode' },
  { term: 'nhìu', expansion: 'nhiều', kind: 'teencode' },
  { term: 'hnay', expansion: 'hôm nay', kind: 'teencode' },
  { term: 'mn', expansion: 'mọi người', kind: 'teencode' },
  { term: 'ms', expansion: 'mới', kind: 'teencode' },
  { term: 'lun', expansion: 'luôn', kind: 'teencode' },
  { term: 'dag', expansion: 'đang', kind: 'teencode' },
  { term: 'dky', expansion: 'đăng ký', kind: 'teencode' },
  { term: 'dki', expansion: 'đăng ký', kind: 'teencode' },
  { term: 'tgian', expansion: 'thời gian', kind: 'teencode' },
  { term: 'e', expansion: 'em', kind: 'teencode' },
];

interface CompiledEntry {
  keys: string[]; // folded tokens of the term
  expansion: Token[];
}

/**
 * A dictionary compiled for matching: longest multi-token term first, on folded tokens.
 *
 * @example
 * const dict = compileDictionary(STARTER_DICTIONARY);
 * expand(tokenize('cap lai cccd'), dict).tokens.map((t) => t.folded);
 * // ['cap', 'lai', 'can', 'cuoc', 'cong', 'dan'] with 'cccd' kept in `extra`
 */
export interface CompiledDictionary {
  byFirst: Map<string, CompiledEntry[]>;
}

export function compileDictionary(entries: readonly DictionaryEntry[]): CompiledDictionary {
  const byFirst = new Map<string, CompiledEntry[]>();
  for (const e of entries) {
    const keys = tokenize(e.term).map((t) => t.folded);
    const first = keys[0];
    if (!first) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ keys, expansion: tokenize(e.expansion) });
    list.sort((a, b) => b.keys.length - a.keys.length);
    byFirst.set(first, list);
  }
  return { byFirst };
}

export interface Expanded {
  /** The sequence with each dictionary term replaced by its expansion (used for unigrams and bigrams). */
  tokens: Token[];
  /** The original tokens that were replaced (kept as unigrams: a document may contain "CCCD" as written). */
  extra: Token[];
}

export function expand(tokens: Token[], dict: CompiledDictionary): Expanded {
  const out: Token[] = [];
  const extra: Token[] = [];
  for (let i = 0; i < tokens.length;) {
    const tok = tokens[i]!;
    const candidates = dict.byFirst.get(tok.folded);
    let matched: CompiledEntry | undefined;
    if (candidates) {
      matched = candidates.find((c) => c.keys.every((k, j) => tokens[i + j]?.folded === k));
    }
    if (matched) {
      out.push(...matched.expansion);
      extra.push(...tokens.slice(i, i + matched.keys.length));
      i += matched.keys.length;
    } else {
      out.push(tok);
      i += 1;
    }
  }
  return { tokens: out, extra };
}
