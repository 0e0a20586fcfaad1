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
  { term: 'dk', expansion: 'đăng ký | điều kiện', kind: 'teencode' },
  { term: 'đk', expansion: 'đăng ký | điều kiện', kind: 'teencode' },
  { term: 'j', expansion: 'gì', kind: 'teencode' },
  { term: 'ntn', expansion: 'như thế nào', kind: 'teencode' },
  { term: 'bn', expansion: 'bao nhiêu', kind: 'teencode' },
  { term: 'bnhieu', expansion: 'bao nhiêu', kind: 'teencode' },
  { term: 'mk', expansion: 'mình | mật khẩu', kind: 'teencode' },
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
  { term: 'hs', expansion: 'hồ sơ | học sinh', kind: 'abbreviation' },
  { term: 'kq', expansion: 'kết quả', kind: 'abbreviation' },
  { term: 'ttcn', expansion: 'thông tin cá nhân', kind: 'abbreviation' },
  { term: 'stk', expansion: 'số tài khoản', kind: 'abbreviation' },
  { term: 'hn', expansion: 'Hà Nội | hôm nay', kind: 'abbreviation' },
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
  { term: 'bh', expansion: 'bao giờ | bảo hiểm', kind: 'teencode' },
  { term: 'bgio', expansion: 'bao giờ', kind: 'teencode' },
  { term: 'cx', expansion: 'cũng', kind: 'teencode' },
  { term: 'vk', expansion: 'vợ', kind: 'teencode' },
  { term: 'ck', expansion: 'chồng | chuyển khoản', kind: 'teencode' },
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
  // Chat shorthand and teencode of question words
  { term: 'khum', expansion: 'không', kind: 'teencode' },
  { term: 'kp', expansion: 'không phải', kind: 'teencode' },
  { term: 'z', expansion: 'vậy', kind: 'teencode' },
  { term: 'v', expansion: 'vậy', kind: 'teencode' },
  { term: 'lmj', expansion: 'làm gì', kind: 'teencode' },
  { term: 'trk', expansion: 'trước', kind: 'teencode' },
  { term: 'bnhiu', expansion: 'bao nhiêu', kind: 'teencode' },
  { term: 'bao nhiu', expansion: 'bao nhiêu', kind: 'teencode' },
  { term: 'mng', expansion: 'mọi người', kind: 'teencode' },
  { term: 'a/c', expansion: 'anh chị', kind: 'teencode' },
  // "ad" (admin) is read as a chat word; mapped to "admin" so it stays one.
  { term: 'ad', expansion: 'admin', kind: 'teencode' },
  { term: 'wen', expansion: 'quên', kind: 'teencode' },
  { term: 'ktra', expansion: 'kiểm tra', kind: 'teencode' },
  { term: 'tcuu', expansion: 'tra cứu', kind: 'teencode' },
  { term: 'như nào', expansion: 'như thế nào', kind: 'synonym' },
  { term: 'chỗ nào', expansion: 'ở đâu', kind: 'synonym' },
  { term: 'mấy tiền', expansion: 'bao nhiêu tiền', kind: 'synonym' },
  { term: 'bao nhiêu ngày', expansion: 'bao lâu', kind: 'synonym' },
  // More abbreviations of bodies, documents and procedures
  { term: 'ub', expansion: 'ủy ban nhân dân', kind: 'abbreviation' },
  { term: 'cq', expansion: 'cơ quan', kind: 'abbreviation' },
  { term: 'hcc', expansion: 'hành chính công', kind: 'abbreviation' },
  { term: 'tdp', expansion: 'tổ dân phố', kind: 'abbreviation' },
  { term: 'ktx', expansion: 'ký túc xá', kind: 'abbreviation' },
  { term: 'đkks', expansion: 'đăng ký khai sinh', kind: 'abbreviation' },
  { term: 'đkkh', expansion: 'đăng ký kết hôn', kind: 'abbreviation' },
  { term: 'hktt', expansion: 'hộ khẩu thường trú', kind: 'abbreviation' },
  { term: 'xntthn', expansion: 'xác nhận tình trạng hôn nhân', kind: 'abbreviation' },
  { term: 'cmtnd', expansion: 'chứng minh nhân dân căn cước', kind: 'abbreviation' },
  { term: 'blx', expansion: 'giấy phép lái xe', kind: 'abbreviation' },
  { term: 'bsx', expansion: 'biển số xe', kind: 'abbreviation' },
  { term: 'lptb', expansion: 'lệ phí trước bạ', kind: 'abbreviation' },
  { term: 'bđs', expansion: 'nhà đất', kind: 'abbreviation' },
  { term: 'đkdn', expansion: 'đăng ký doanh nghiệp', kind: 'abbreviation' },
  { term: 'tnhh', expansion: 'trách nhiệm hữu hạn', kind: 'abbreviation' },
  { term: 'cks', expansion: 'chữ ký số', kind: 'abbreviation' },
  { term: 'hđlđ', expansion: 'hợp đồng lao động', kind: 'abbreviation' },
  { term: 'da06', expansion: 'đề án 06', kind: 'abbreviation' },
  { term: 'mxh', expansion: 'mạng xã hội', kind: 'abbreviation' },
  { term: 'fb', expansion: 'facebook', kind: 'abbreviation' },
  { term: 'vnid', expansion: 'vneid', kind: 'abbreviation' },
  { term: 'dichvucong', expansion: 'dịch vụ công', kind: 'abbreviation' },
  // Everyday words for what the guides name otherwise
  { term: 'qua đời', expansion: 'mất khai tử', kind: 'synonym' },
  { term: 'từ trần', expansion: 'mất khai tử', kind: 'synonym' },
  { term: 'tử vong', expansion: 'mất khai tử', kind: 'synonym' },
  { term: 'người chết', expansion: 'người mất', kind: 'synonym' },
  { term: 'giấy chứng tử', expansion: 'giấy chứng tử khai tử', kind: 'synonym' },
  { term: 'hậu sự', expansion: 'mai táng', kind: 'synonym' },
  { term: 'đám ma', expansion: 'đám tang mai táng', kind: 'synonym' },
  { term: 'khai sanh', expansion: 'khai sinh', kind: 'synonym' },
  { term: 'sanh con', expansion: 'sinh con', kind: 'synonym' },
  { term: 'ba mẹ', expansion: 'bố mẹ', kind: 'synonym' },
  { term: 'ba má', expansion: 'bố mẹ', kind: 'synonym' },
  { term: 'hôn thú', expansion: 'kết hôn', kind: 'synonym' },
  { term: 'cưới nhau', expansion: 'kết hôn', kind: 'synonym' },
  { term: 'tái hôn', expansion: 'kết hôn lại', kind: 'synonym' },
  { term: 'ly dị', expansion: 'ly hôn', kind: 'synonym' },
  { term: 'chưa vợ', expansion: 'độc thân', kind: 'synonym' },
  { term: 'chưa chồng', expansion: 'độc thân', kind: 'synonym' },
  { term: 'tách khẩu', expansion: 'tách hộ khẩu thường trú', kind: 'synonym' },
  { term: 'xóa khẩu', expansion: 'xóa đăng ký thường trú', kind: 'synonym' },
  { term: 'giấy tờ tùy thân', expansion: 'giấy tờ tùy thân căn cước', kind: 'synonym' },
  { term: 'đánh rơi', expansion: 'làm mất', kind: 'synonym' },
  { term: 'bằng lái xe', expansion: 'giấy phép lái xe', kind: 'synonym' },
  { term: 'bằng a1', expansion: 'giấy phép lái xe a1', kind: 'synonym' },
  { term: 'bằng b2', expansion: 'giấy phép lái xe b2', kind: 'synonym' },
  { term: 'xe hơi', expansion: 'ô tô', kind: 'synonym' },
  { term: 'bấm biển', expansion: 'cấp biển', kind: 'synonym' },
  { term: 'bốc biển', expansion: 'cấp biển', kind: 'synonym' },
  { term: 'thuế trước bạ', expansion: 'lệ phí trước bạ', kind: 'synonym' },
  { term: 'bìa đỏ', expansion: 'giấy chứng nhận quyền sử dụng đất', kind: 'synonym' },
  { term: 'bìa hồng', expansion: 'giấy chứng nhận quyền sử dụng đất nhà ở', kind: 'synonym' },
  { term: 'bất động sản', expansion: 'nhà đất', kind: 'synonym' },
  { term: 'cho tặng', expansion: 'tặng cho', kind: 'synonym' },
  { term: 'buôn bán', expansion: 'buôn bán kinh doanh', kind: 'synonym' },
  { term: 'mở quán', expansion: 'mở quán kinh doanh', kind: 'synonym' },
  { term: 'mở tiệm', expansion: 'mở cửa hàng kinh doanh', kind: 'synonym' },
  { term: 'shop', expansion: 'cửa hàng', kind: 'synonym' },
  { term: 'hộ cá thể', expansion: 'hộ kinh doanh', kind: 'synonym' },
  { term: 'hưu trí', expansion: 'lương hưu', kind: 'synonym' },
  { term: 'về hưu', expansion: 'nghỉ hưu lương hưu', kind: 'synonym' },
  { term: 'lớn tuổi', expansion: 'cao tuổi', kind: 'synonym' },
  { term: 'bản gốc', expansion: 'bản chính', kind: 'synonym' },
  { term: 'bản mềm', expansion: 'bản điện tử', kind: 'synonym' },
  { term: 'photo', expansion: 'bản sao', kind: 'synonym' },
  { term: 'chụp hình', expansion: 'chụp ảnh', kind: 'synonym' },
  { term: 'nộp đơn', expansion: 'nộp hồ sơ', kind: 'synonym' },
  { term: 'chữ ký điện tử', expansion: 'chữ ký số', kind: 'synonym' },
  { term: 'smartphone', expansion: 'điện thoại thông minh', kind: 'synonym' },
  { term: 'reset', expansion: 'đặt lại', kind: 'synonym' },
  { term: 'upload', expansion: 'tải lên', kind: 'synonym' },
  { term: 'check', expansion: 'kiểm tra', kind: 'synonym' },
  { term: 'level', expansion: 'mức', kind: 'synonym' },
  { term: 'mức độ 2', expansion: 'mức 2', kind: 'synonym' },
  { term: 'free', expansion: 'miễn phí', kind: 'synonym' },
  { term: 'hotline', expansion: 'tổng đài đường dây nóng', kind: 'synonym' },
  { term: 'đường dẫn', expansion: 'đường link', kind: 'synonym' },
  { term: 'momo', expansion: 'ví điện tử', kind: 'synonym' },
  { term: 'banking', expansion: 'ngân hàng điện tử', kind: 'synonym' },
  { term: 'lừa gạt', expansion: 'lừa đảo', kind: 'synonym' },
  { term: 'rò rỉ', expansion: 'bị lộ', kind: 'synonym' },
  { term: 'phàn nàn', expansion: 'phản ánh', kind: 'synonym' },
  { term: 'than phiền', expansion: 'phản ánh', kind: 'synonym' },
  { term: 'trễ hẹn', expansion: 'quá hẹn', kind: 'synonym' },
  { term: 'trễ hạn', expansion: 'quá hạn', kind: 'synonym' },
  { term: 'sát nhập', expansion: 'sáp nhập', kind: 'synonym' },
  { term: 'mini game', expansion: 'minigame', kind: 'synonym' },
  // Everyday words for what the guides name officially (2026-11-28; each checked for clashes once accents are removed)
  // Life events: birth
  { term: 'sinh đẻ', expansion: 'sinh con', kind: 'synonym' },
  { term: 'con mới đẻ', expansion: 'con mới sinh', kind: 'synonym' },
  { term: 'vợ đẻ', expansion: 'vợ sinh con', kind: 'synonym' },
  { term: 'sơ sinh', expansion: 'mới sinh', kind: 'synonym' },
  { term: 'chào đời', expansion: 'mới sinh', kind: 'synonym' },
  { term: 'nhà hộ sinh', expansion: 'cơ sở y tế bệnh viện', kind: 'synonym' },
  { term: 'con nít', expansion: 'trẻ em', kind: 'synonym' },
  // Life events: marriage, divorce
  { term: 'đám cưới', expansion: 'đám cưới kết hôn', kind: 'synonym' },
  { term: 'lấy nhau', expansion: 'kết hôn', kind: 'synonym' },
  { term: 'đi bước nữa', expansion: 'kết hôn lại', kind: 'synonym' },
  { term: 'giấy chứng nhận độc thân', expansion: 'giấy xác nhận tình trạng hôn nhân độc thân', kind: 'synonym' },
  { term: 'xác nhận độc thân', expansion: 'xác nhận tình trạng hôn nhân độc thân', kind: 'synonym' },
  { term: 'chưa lập gia đình', expansion: 'độc thân', kind: 'synonym' },
  { term: 'bỏ nhau', expansion: 'ly hôn', kind: 'synonym' },
  { term: 'bỏ vợ', expansion: 'ly hôn', kind: 'synonym' },
  { term: 'bỏ chồng', expansion: 'ly hôn', kind: 'synonym' },
  // Life events: death, funeral
  { term: 'tạ thế', expansion: 'mất khai tử', kind: 'synonym' },
  { term: 'đám tang', expansion: 'đám tang mai táng', kind: 'synonym' },
  { term: 'đám hiếu', expansion: 'đám tang mai táng', kind: 'synonym' },
  { term: 'ma chay', expansion: 'mai táng', kind: 'synonym' },
  { term: 'chôn cất', expansion: 'mai táng', kind: 'synonym' },
  { term: 'hỏa táng', expansion: 'hỏa táng mai táng', kind: 'synonym' },
  // Life events: renting, moving house
  { term: 'ở nhờ', expansion: 'ở nhờ tạm trú', kind: 'synonym' },
  { term: 'nhà trọ', expansion: 'phòng trọ thuê trọ', kind: 'synonym' },
  { term: 'xóm trọ', expansion: 'phòng trọ thuê trọ', kind: 'synonym' },
  { term: 'chủ trọ', expansion: 'chủ nhà trọ', kind: 'synonym' },
  { term: 'chuyển nhà mới', expansion: 'chuyển đến nhà mới', kind: 'synonym' },
  { term: 'chuyển chỗ ở', expansion: 'chuyển đến chỗ ở mới', kind: 'synonym' },
  { term: 'giấy tờ nhà', expansion: 'giấy tờ nhà giấy chứng nhận quyền sử dụng đất nhà ở', kind: 'synonym' },
  { term: 'giấy tờ đất', expansion: 'giấy tờ đất giấy chứng nhận quyền sử dụng đất', kind: 'synonym' },
  // Life events: building a house
  { term: 'làm nhà', expansion: 'xây nhà xây dựng nhà ở', kind: 'synonym' },
  { term: 'cất nhà', expansion: 'xây nhà xây dựng nhà ở', kind: 'synonym' },
  { term: 'xây chui', expansion: 'xây nhà không phép', kind: 'synonym' },
  { term: 'nhà cấp 4', expansion: 'nhà cấp bốn nhà ở riêng lẻ', kind: 'synonym' },
  // Life events: buying a vehicle
  { term: 'tậu xe máy', expansion: 'mua xe máy', kind: 'synonym' },
  { term: 'tậu ô tô', expansion: 'mua ô tô', kind: 'synonym' },
  { term: 'sắm xe', expansion: 'mua xe', kind: 'synonym' },
  { term: 'xe lướt', expansion: 'xe cũ', kind: 'synonym' },
  { term: 'sang tên đổi chủ', expansion: 'sang tên chuyển quyền sở hữu', kind: 'synonym' },
  { term: 'giấy tờ xe', expansion: 'giấy tờ xe giấy đăng ký xe', kind: 'synonym' },
  { term: 'biển xe', expansion: 'biển số xe', kind: 'synonym' },
  { term: 'bảng số xe', expansion: 'biển số xe', kind: 'synonym' },
  { term: 'biển kiểm soát', expansion: 'biển số', kind: 'synonym' },
  { term: 'số sườn', expansion: 'số khung', kind: 'synonym' },
  { term: 'tiền trước bạ', expansion: 'lệ phí trước bạ', kind: 'synonym' },
  { term: 'đóng trước bạ', expansion: 'nộp lệ phí trước bạ', kind: 'synonym' },
  { term: 'nộp trước bạ', expansion: 'nộp lệ phí trước bạ', kind: 'synonym' },
  // Life events: buying, inheriting land
  { term: 'tậu nhà', expansion: 'mua nhà', kind: 'synonym' },
  { term: 'tậu đất', expansion: 'mua đất', kind: 'synonym' },
  { term: 'bằng khoán', expansion: 'giấy chứng nhận quyền sử dụng đất', kind: 'synonym' },
  { term: 'giấy chủ quyền', expansion: 'giấy chứng nhận quyền sử dụng đất', kind: 'synonym' },
  { term: 'sang nhượng', expansion: 'chuyển nhượng', kind: 'synonym' },
  { term: 'tách sổ', expansion: 'tách thửa', kind: 'synonym' },
  { term: 'tách sổ đỏ', expansion: 'tách thửa giấy chứng nhận quyền sử dụng đất', kind: 'synonym' },
  { term: 'miếng đất', expansion: 'mảnh đất', kind: 'synonym' },
  { term: 'di chúc', expansion: 'di chúc thừa kế', kind: 'synonym' },
  { term: 'địa chính', expansion: 'địa chính đất đai', kind: 'synonym' },
  { term: 'văn phòng đất đai', expansion: 'văn phòng đăng ký đất đai', kind: 'synonym' },
  // Life events: opening a shop or company
  { term: 'pháp nhân', expansion: 'tổ chức doanh nghiệp', kind: 'synonym' },
  { term: 'mở sạp', expansion: 'mở cửa hàng kinh doanh', kind: 'synonym' },
  { term: 'bán hàng online', expansion: 'bán hàng kinh doanh', kind: 'synonym' },
  { term: 'bán online', expansion: 'bán hàng kinh doanh', kind: 'synonym' },
  { term: 'bán qua mạng', expansion: 'bán hàng kinh doanh', kind: 'synonym' },
  { term: 'hùn vốn', expansion: 'góp vốn', kind: 'synonym' },
  { term: 'chung vốn', expansion: 'góp vốn', kind: 'synonym' },
  { term: 'đổi giám đốc', expansion: 'thay đổi người đại diện', kind: 'synonym' },
  { term: 'đóng mộc', expansion: 'đóng dấu con dấu', kind: 'synonym' },
  { term: 'sở kế hoạch đầu tư', expansion: 'phòng đăng ký kinh doanh', kind: 'synonym' },
  // Life events: job loss, retirement
  { term: 'mất việc', expansion: 'nghỉ việc thất nghiệp', kind: 'synonym' },
  { term: 'bị đuổi việc', expansion: 'nghỉ việc', kind: 'synonym' },
  { term: 'sa thải', expansion: 'nghỉ việc', kind: 'synonym' },
  { term: 'tiền hưu', expansion: 'lương hưu', kind: 'synonym' },
  // Life events: losing or damaging papers
  { term: 'thất lạc', expansion: 'làm mất thất lạc', kind: 'synonym' },
  { term: 'làm rớt', expansion: 'làm mất', kind: 'synonym' },
  { term: 'bị móc túi', expansion: 'bị mất cắp', kind: 'synonym' },
  { term: 'bị hư', expansion: 'bị hỏng', kind: 'synonym' },
  // Objects: papers, cards, plates
  { term: 'chứng minh thư', expansion: 'chứng minh nhân dân căn cước', kind: 'synonym' },
  { term: 'giấy tùy thân', expansion: 'giấy tờ tùy thân', kind: 'synonym' },
  { term: 'thẻ chip', expansion: 'thẻ căn cước gắn chip', kind: 'synonym' },
  { term: 'bằng a2', expansion: 'giấy phép lái xe a2', kind: 'synonym' },
  { term: 'bằng b1', expansion: 'giấy phép lái xe b1', kind: 'synonym' },
  { term: 'thẻ khám bệnh', expansion: 'thẻ bảo hiểm y tế', kind: 'synonym' },
  { term: 'bảo hiểm tự nguyện', expansion: 'bảo hiểm xã hội tự nguyện', kind: 'synonym' },
  { term: 'bảo hiểm học sinh', expansion: 'bảo hiểm y tế học sinh', kind: 'synonym' },
  { term: 'tiền án tiền sự', expansion: 'tiền án tiền sự án tích', kind: 'synonym' },
  { term: 'giấy tờ gốc', expansion: 'giấy tờ bản chính', kind: 'synonym' },
  { term: 'phô tô', expansion: 'bản sao', kind: 'synonym' },
  { term: 'photocopy', expansion: 'bản sao', kind: 'synonym' },
  { term: 'giấy hẹn', expansion: 'giấy hẹn phiếu hẹn', kind: 'synonym' },
  { term: 'biên nhận', expansion: 'biên nhận giấy tiếp nhận', kind: 'synonym' },
  { term: 'số hồ sơ', expansion: 'mã hồ sơ', kind: 'synonym' },
  { term: 'mã biên nhận', expansion: 'mã hồ sơ', kind: 'synonym' },
  { term: 'phiếu thu', expansion: 'biên lai', kind: 'synonym' },
  { term: 'thẻ atm', expansion: 'thẻ tài khoản ngân hàng', kind: 'synonym' },
  { term: 'hóa đơn đỏ', expansion: 'hóa đơn giá trị gia tăng', kind: 'synonym' },
  { term: 'thuế vat', expansion: 'thuế giá trị gia tăng', kind: 'synonym' },
  { term: 'thuế khoán', expansion: 'thuế khoán hộ kinh doanh', kind: 'synonym' },
  { term: 'chứng thư số', expansion: 'chữ ký số', kind: 'synonym' },
  { term: 'xklđ', expansion: 'xuất khẩu lao động', kind: 'abbreviation' },
  { term: 'đề án 6', expansion: 'đề án 06', kind: 'synonym' },
  // Objects: apps, accounts, codes
  { term: 'app công an', expansion: 'ứng dụng VNeID', kind: 'synonym' },
  { term: 'ứng dụng công an', expansion: 'ứng dụng VNeID', kind: 'synonym' },
  { term: 'app định danh', expansion: 'ứng dụng VNeID định danh', kind: 'synonym' },
  { term: 'mức hai', expansion: 'mức 2', kind: 'synonym' },
  { term: 'định danh cấp 2', expansion: 'định danh mức 2', kind: 'synonym' },
  { term: 'cấp độ 2', expansion: 'mức 2', kind: 'synonym' },
  { term: 'app bảo hiểm', expansion: 'ứng dụng VssID', kind: 'synonym' },
  { term: 'vss id', expansion: 'vssid', kind: 'abbreviation' },
  { term: 'vss', expansion: 'vssid', kind: 'abbreviation' },
  { term: 'app thuế', expansion: 'ứng dụng eTax Mobile thuế', kind: 'synonym' },
  { term: 'cổng quốc gia', expansion: 'cổng dịch vụ công quốc gia', kind: 'synonym' },
  { term: 'google play', expansion: 'CH Play', kind: 'synonym' },
  { term: 'play store', expansion: 'CH Play', kind: 'synonym' },
  { term: 'mã pin', expansion: 'mã passcode', kind: 'synonym' },
  { term: 'mã xác nhận', expansion: 'mã OTP xác nhận', kind: 'synonym' },
  { term: 'mã xác thực', expansion: 'mã OTP xác thực', kind: 'synonym' },
  { term: 'sim chính chủ', expansion: 'số điện thoại chính chủ', kind: 'synonym' },
  { term: 'đổi sim', expansion: 'đổi số điện thoại', kind: 'synonym' },
  { term: 'nick', expansion: 'tài khoản', kind: 'synonym' },
  { term: 'face id', expansion: 'xác thực khuôn mặt', kind: 'synonym' },
  { term: '2fa', expansion: 'xác thực hai lớp', kind: 'abbreviation' },
  { term: '2 lớp', expansion: 'hai lớp', kind: 'synonym' },
  { term: 'qr code', expansion: 'mã QR', kind: 'synonym' },
  { term: 'zalopay', expansion: 'ví điện tử', kind: 'synonym' },
  { term: 'viettelpay', expansion: 'ví điện tử', kind: 'synonym' },
  { term: 'vnpay', expansion: 'ví điện tử quét mã QR', kind: 'synonym' },
  { term: 'điện thoại cảm ứng', expansion: 'điện thoại thông minh', kind: 'synonym' },
  { term: 'laptop', expansion: 'máy tính', kind: 'synonym' },
  { term: 'máy vi tính', expansion: 'máy tính', kind: 'synonym' },
  // Places
  { term: 'ủy ban phường', expansion: 'UBND phường', kind: 'synonym' },
  { term: 'ủy ban xã', expansion: 'UBND xã', kind: 'synonym' },
  { term: 'đồn công an', expansion: 'công an xã phường', kind: 'synonym' },
  { term: 'trung tâm hành chính công', expansion: 'trung tâm phục vụ hành chính công', kind: 'synonym' },
  { term: 'khu phố', expansion: 'tổ dân phố', kind: 'synonym' },
  { term: 'tổ trưởng', expansion: 'tổ trưởng tổ dân phố', kind: 'synonym' },
  { term: 'đi viện', expansion: 'khám chữa bệnh bệnh viện', kind: 'synonym' },
  // Actions
  { term: 'nạp hồ sơ', expansion: 'nộp hồ sơ', kind: 'synonym' },
  { term: 'đóng thuế', expansion: 'nộp thuế', kind: 'synonym' },
  { term: 'đóng phí', expansion: 'nộp phí', kind: 'synonym' },
  { term: 'đóng lệ phí', expansion: 'nộp lệ phí', kind: 'synonym' },
  { term: 'báo cáo thuế', expansion: 'kê khai thuế', kind: 'synonym' },
  { term: 'bấm vân tay', expansion: 'lấy vân tay', kind: 'synonym' },
  { term: 'lăn tay', expansion: 'lấy vân tay', kind: 'synonym' },
  { term: 'đính chính', expansion: 'sửa chỉnh sửa', kind: 'synonym' },
  { term: 'lãnh kết quả', expansion: 'nhận kết quả', kind: 'synonym' },
  { term: 'lãnh tiền', expansion: 'nhận tiền', kind: 'synonym' },
  { term: 'lãnh lương', expansion: 'hưởng lương', kind: 'synonym' },
  { term: 'làm giùm', expansion: 'làm giúp làm hộ', kind: 'synonym' },
  { term: 'làm dùm', expansion: 'làm giúp làm hộ', kind: 'synonym' },
  { term: 'giùm', expansion: 'giúp', kind: 'synonym' },
  { term: 'xài', expansion: 'dùng', kind: 'synonym' },
  { term: 'coi', expansion: 'xem', kind: 'synonym' },
  { term: 'báo án', expansion: 'trình báo', kind: 'synonym' },
  { term: 'kêu ca', expansion: 'phản ánh', kind: 'synonym' },
  { term: 'bị trả về', expansion: 'bị trả lại', kind: 'synonym' },
  // Regional and old spellings
  { term: 'cập nhập', expansion: 'cập nhật', kind: 'synonym' },
  // Loanwords
  { term: 'log in', expansion: 'đăng nhập', kind: 'synonym' },
  { term: 'active', expansion: 'kích hoạt', kind: 'synonym' },
  { term: 'update', expansion: 'cập nhật', kind: 'synonym' },
  { term: 'scan', expansion: 'quét bản quét', kind: 'synonym' },
  { term: 'file', expansion: 'tệp bản điện tử', kind: 'synonym' },
  { term: 'up ảnh', expansion: 'tải ảnh lên', kind: 'synonym' },
  { term: 'download', expansion: 'tải về', kind: 'synonym' },
  { term: 'form', expansion: 'tờ khai mẫu', kind: 'synonym' },
  { term: 'data', expansion: 'dữ liệu', kind: 'synonym' },
  { term: 'mail', expansion: 'email', kind: 'synonym' },
  { term: 'gmail', expansion: 'email', kind: 'synonym' },
  { term: 'inbox', expansion: 'nhắn tin', kind: 'synonym' },
  { term: 'ib', expansion: 'nhắn tin', kind: 'teencode' },
  { term: 'ship', expansion: 'chuyển phát bưu điện', kind: 'synonym' },
  { term: 'shipper', expansion: 'nhân viên bưu điện', kind: 'synonym' },
  { term: 'bưu tá', expansion: 'nhân viên bưu điện', kind: 'synonym' },
  { term: 'wifi', expansion: 'Wi-Fi', kind: 'synonym' },
  { term: '4g', expansion: 'dữ liệu di động', kind: 'synonym' },
  { term: 'giveaway', expansion: 'minigame có thưởng', kind: 'synonym' },
  // Scams, complaints, help
  { term: 'lừa bịp', expansion: 'lừa đảo', kind: 'synonym' },
  { term: 'bị gạt', expansion: 'bị lừa', kind: 'synonym' },
  { term: 'công an giả', expansion: 'giả danh công an', kind: 'synonym' },
  { term: 'spam', expansion: 'tin nhắn rác', kind: 'synonym' },
  { term: 'virus', expansion: 'mã độc', kind: 'synonym' },
  { term: 'hacker', expansion: 'kẻ gian', kind: 'synonym' },
  { term: 'hạch sách', expansion: 'gây khó dễ', kind: 'synonym' },
  { term: 'nhũng nhiễu', expansion: 'gây khó dễ', kind: 'synonym' },
  { term: 'ngâm hồ sơ', expansion: 'hồ sơ chậm trễ quá hẹn', kind: 'synonym' },
  { term: 'hẹn lên hẹn xuống', expansion: 'hẹn đi hẹn lại', kind: 'synonym' },
  { term: 'chạy hồ sơ', expansion: 'cò làm nhanh', kind: 'synonym' },
  { term: 'người tàn tật', expansion: 'người khuyết tật', kind: 'synonym' },
  { term: 'già yếu', expansion: 'cao tuổi', kind: 'synonym' },
  { term: 'cụ già', expansion: 'người cao tuổi', kind: 'synonym' },
  // Money words
  { term: 'tốn tiền', expansion: 'mất tiền', kind: 'synonym' },
  { term: 'tốn phí', expansion: 'mất phí', kind: 'synonym' },
];

interface CompiledEntry {
  keys: string[]; // folded tokens of the term
  /** Its meanings, commonest first ("mk": mình | mật khẩu). */
  meanings: Token[][];
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

/** Separates the meanings of a term with more than one ("mình | mật khẩu"), commonest first. */
export const MEANING_SEPARATOR = '|';

export function compileDictionary(entries: readonly DictionaryEntry[]): CompiledDictionary {
  const byFirst = new Map<string, CompiledEntry[]>();
  for (const e of entries) {
    const keys = tokenize(e.term).map((t) => t.folded);
    const first = keys[0];
    const meanings = e.expansion
      .split(MEANING_SEPARATOR)
      .map((m) => tokenize(m))
      .filter((m) => m.length);
    if (!first || !meanings.length) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ keys, meanings });
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

/** How often two folded words follow each other in the text searched (0 if never): picks a term's meaning. */
export type PairCount = (first: string, second: string) => number;

/**
 * Replace dictionary terms by what they mean. A term with several meanings ("mk": mình | mật khẩu) takes the one
 * that reads most naturally beside its neighbours in the text searched ("quên mk" -> mật khẩu, "cty mk" ->
 * mình); without such evidence, the commonest (first).
 */
export function expand(tokens: Token[], dict: CompiledDictionary, pairs?: PairCount): Expanded {
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
      const left = out[out.length - 1]?.folded;
      const right = tokens[i + matched.keys.length]?.folded;
      out.push(...chooseMeaning(matched.meanings, left, right, pairs));
      extra.push(...tokens.slice(i, i + matched.keys.length));
      i += matched.keys.length;
    } else {
      out.push(tok);
      i += 1;
    }
  }
  return { tokens: out, extra };
}

function chooseMeaning(meanings: Token[][], left: string | undefined, right: string | undefined, pairs?: PairCount): Token[] {
  if (meanings.length === 1 || !pairs) return meanings[0]!;
  let best = meanings[0]!;
  let bestScore = 0;
  for (const m of meanings) {
    const score = (left ? pairs(left, m[0]!.folded) : 0) + (right ? pairs(m[m.length - 1]!.folded, right) : 0);
    if (score > bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}
