import type { Channel, FeedbackStatus } from './feedback.table.js';

export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: 'Mới',
  in_progress: 'Đang xử lý',
  needs_info: 'Chờ bổ sung',
  answered: 'Đã trả lời',
  closed: 'Đã đóng',
};

/** What the citizen reads about each status. */
export const STATUS_EXPLAINED: Record<FeedbackStatus, string> = {
  new: 'Cơ quan đã nhận phản ánh và sắp chuyển cán bộ xử lý.',
  in_progress: 'Cán bộ đang xem xét và chuẩn bị trả lời.',
  needs_info: 'Cán bộ cần bạn gửi thêm thông tin. Thời hạn trả lời tạm dừng cho đến khi bạn bổ sung.',
  answered: 'Đã có câu trả lời. Bạn hãy đọc và cho biết bạn có hài lòng không.',
  closed: 'Phản ánh đã xử lý xong.',
};

export const STATUSES = Object.keys(STATUS_LABELS) as FeedbackStatus[];

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Trang web',
  hotline: 'Đường dây nóng',
  one_stop: 'Bộ phận một cửa',
  chatbot: 'Trợ lý ảo',
  app: 'Ứng dụng di động',
  api: 'API',
  open311: 'Open311 (ứng dụng đối tác)',
  email: 'Thư điện tử',
  zalo: 'Zalo',
};

export const CHANNELS = Object.keys(CHANNEL_LABELS) as Channel[];

/** Channels a staff member records by hand. */
export const STAFF_CHANNELS: Channel[] = ['hotline', 'one_stop', 'email', 'zalo', 'app'];

/** Open311 status: open while the city works on it, closed once answered or closed. */
export function open311Status(s: FeedbackStatus): 'open' | 'closed' {
  return s === 'answered' || s === 'closed' ? 'closed' : 'open';
}
