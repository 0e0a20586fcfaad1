/*
 * DVC Hà Nội assistant widget. Embed with one tag (no framework, no cookies):
 *   <script src="https://<our-site>/static/js/widget.js" async
 *           data-title="Hỏi đáp dịch vụ công" data-color="#a50e1e" data-position="right"></script>
 * Everything is drawn in a Shadow DOM so the host page's styles and ours never mix.
 * Keyboard: the button opens the panel and focuses the question box; Esc closes it and returns focus.
 * Screen readers: answers are announced through a polite live region.
 */
(function () {
  'use strict';
  var script =
    document.currentScript ||
    (function () {
      var all = document.querySelectorAll('script[src*="/static/js/widget.js"]');
      return all[all.length - 1];
    })();
  if (!script || window.__dvcAssistant) return;
  window.__dvcAssistant = true;

  var base = new URL(script.src, window.location.href).origin;
  var data = script.dataset || {};
  var title = data.title || 'Hỏi đáp dịch vụ công';
  var color = /^#[0-9a-f]{3,8}$/i.test(data.color || '') ? data.color : '#a50e1e';
  var side = data.position === 'left' ? 'left' : 'right';
  var channel = /^[a-z0-9-]{1,20}$/.test(data.channel || '') ? data.channel : 'widget';
  var HOTLINE = '024.1022';
  var HOTLINE_TEL = 'tel:02401022';
  var KEY = 'dvc-assistant-conversation';

  var host = document.createElement('div');
  host.setAttribute('data-dvc-assistant', '');
  document.body.appendChild(host);

  // Very old browsers: a plain link to the full-page assistant, which works without JavaScript.
  if (!host.attachShadow || !window.fetch) {
    var fallback = document.createElement('a');
    fallback.href = base + '/tro-ly';
    fallback.textContent = title;
    host.appendChild(fallback);
    return;
  }

  var root = host.attachShadow({ mode: 'open' });
  var css =
    ':host{all:initial}' +
    '*{box-sizing:border-box}' +
    '.w{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;position:fixed;bottom:16px;' +
    side +
    ':16px;z-index:2147483000}' +
    'button,input{font:inherit}' +
    '.open{background:' +
    color +
    ';color:#fff;border:0;border-radius:28px;padding:12px 20px;font-weight:700;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)}' +
    '.open:focus-visible,.b:focus-visible,.s:focus-visible,.x:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}' +
    '.p{display:flex;flex-direction:column;width:380px;max-width:calc(100vw - 32px);height:560px;max-height:calc(100vh - 96px);background:#fff;border:2px solid #0b0c0c;border-radius:8px;overflow:hidden;margin-bottom:8px}' +
    '.p[hidden]{display:none}' +
    '.h{display:flex;align-items:center;justify-content:space-between;background:' +
    color +
    ';color:#fff;padding:8px 12px}' +
    '.h h2{font-size:18px;margin:0}' +
    '.x{background:transparent;color:#fff;border:2px solid #fff;border-radius:4px;padding:2px 10px;cursor:pointer}' +
    '.log{flex:1;overflow-y:auto;padding:12px}' +
    '.log>ol{margin:0;padding:0;list-style:none}' +
    '.log li{margin:0 0 12px}' +
    '.a li{margin:0 0 4px}' +
    '.q{background:#f3f2f1;border-radius:8px;padding:8px 10px;margin:0 0 6px 24px}' +
    '.a p{margin:0 0 6px}.a ol{margin:0 0 6px;padding-left:22px}.a ul{margin:0 0 6px;padding-left:18px}' +
    'a{color:#1d70b8}a:visited{color:#4c2c92}' +
    '.sg{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 0}' +
    '.s{background:#fff;color:#1d70b8;border:2px solid #1d70b8;border-radius:16px;padding:4px 10px;cursor:pointer;text-align:left}' +
    'form{display:flex;gap:6px;padding:8px;border-top:1px solid #b1b4b6}' +
    'label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}' +
    'input{flex:1;min-width:0;border:2px solid #0b0c0c;border-radius:4px;padding:8px;font-size:16px}' +
    '.b{background:#00703c;color:#fff;border:0;border-radius:4px;padding:8px 14px;font-weight:700;cursor:pointer}' +
    '.n{font-size:14px;color:#505a5f;padding:0 12px 8px;margin:0}' +
    '.st{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}' +
    '@media (forced-colors:active){.open,.b,.h{border:2px solid ButtonText}}';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  var style = el('style');
  style.textContent = css;
  var wrap = el('div', { class: 'w', lang: 'vi' });
  var panel = el('section', { class: 'p', id: 'dvc-panel', role: 'dialog', 'aria-labelledby': 'dvc-title', hidden: '' });
  var head = el('div', { class: 'h' });
  head.appendChild(el('h2', { id: 'dvc-title' }, title));
  var close = el('button', { type: 'button', class: 'x', 'aria-label': 'Đóng hộp hỏi đáp' }, 'Đóng');
  head.appendChild(close);
  var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Cuộc trò chuyện' });
  var list = el('ol');
  log.appendChild(list);
  var status = el('p', { class: 'st', role: 'status' });
  var note = el('p', { class: 'n' }, 'Đừng gửi số điện thoại, số căn cước, mật khẩu hay mã OTP.');
  var form = el('form', { novalidate: '' });
  var label = el('label', { for: 'dvc-q' }, 'Câu hỏi của bạn');
  var input = el('input', {
    id: 'dvc-q',
    type: 'text',
    maxlength: '500',
    autocomplete: 'off',
    placeholder: 'Ví dụ: làm căn cước cho con',
  });
  var send = el('button', { type: 'submit', class: 'b' }, 'Gửi');
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(note);
  panel.appendChild(form);
  panel.appendChild(status);
  var opener = el('button', { type: 'button', class: 'open', 'aria-expanded': 'false', 'aria-controls': 'dvc-panel' }, title);
  wrap.appendChild(panel);
  wrap.appendChild(opener);
  root.appendChild(style);
  root.appendChild(wrap);

  function conversation(value) {
    try {
      if (value === undefined) return sessionStorage.getItem(KEY);
      sessionStorage.setItem(KEY, value);
    } catch {
      /* storage blocked: the conversation simply restarts */
    }
    return null;
  }

  function abs(url) {
    return /^https?:\/\//.test(url) ? url : base + url;
  }

  function link(href, text) {
    var a = el('a', { href: abs(href), target: '_blank', rel: 'noopener' }, text);
    return a;
  }

  function show(open) {
    if (open) {
      panel.removeAttribute('hidden');
      opener.setAttribute('aria-expanded', 'true');
      if (!list.children.length) {
        greet();
      }
      input.focus();
    } else {
      panel.setAttribute('hidden', '');
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    }
  }

  function suggestions(items, into) {
    if (!items || !items.length) return;
    var box = el('div', { class: 'sg' });
    items.forEach(function (s) {
      var b = el('button', { type: 'button', class: 's' }, s);
      b.addEventListener('click', function () {
        ask(s);
      });
      box.appendChild(b);
    });
    into.appendChild(box);
  }

  function greet() {
    var li = el('li');
    var a = el('div', { class: 'a' });
    a.appendChild(el('p', null, 'Xin chào! Hãy hỏi về thủ tục bạn cần làm, gõ có dấu hay không dấu đều được.'));
    suggestions(['Làm giấy khai sinh cho con', 'Cấp lại thẻ căn cước', 'Quên mật khẩu VNeID'], a);
    li.appendChild(a);
    list.appendChild(li);
  }

  function render(item, r) {
    var a = el('div', { class: 'a' });
    String(r.answer || '')
      .split('\n')
      .forEach(function (line) {
        if (line) a.appendChild(el('p', null, line));
      });
    if (r.steps && r.steps.length) {
      a.appendChild(el('p', null, 'Các bước:'));
      var ol = el('ol');
      r.steps.forEach(function (s) {
        ol.appendChild(el('li', null, s));
      });
      a.appendChild(ol);
    }
    var ul = el('ul');
    (r.sources || []).forEach(function (s) {
      var li = el('li');
      li.appendChild(link(s.url, s.title));
      ul.appendChild(li);
    });
    if (r.topic === null) {
      var tel = el('li');
      tel.appendChild(document.createTextNode('Đường dây nóng 1022 của Hà Nội: '));
      tel.appendChild(el('a', { href: HOTLINE_TEL }, HOTLINE));
      ul.appendChild(tel);
      var fb = el('li');
      fb.appendChild(link('/gop-y', 'Gửi góp ý'));
      ul.appendChild(fb);
    }
    if (ul.children.length) a.appendChild(ul);
    suggestions(r.suggestions, a);
    item.appendChild(a);
  }

  function failed(item, text) {
    var a = el('div', { class: 'a' });
    a.appendChild(el('p', null, text));
    var p = el('p');
    p.appendChild(link('/tro-ly', 'Mở trang Hỏi trợ lý'));
    p.appendChild(document.createTextNode(' hoặc gọi đường dây nóng ' + HOTLINE + '.'));
    a.appendChild(p);
    item.appendChild(a);
  }

  var busy = false;
  function ask(question) {
    question = String(question || '').trim();
    if (!question || busy) return;
    busy = true;
    send.disabled = true;
    var item = el('li');
    item.appendChild(el('p', { class: 'q' }, question));
    list.appendChild(item);
    status.textContent = 'Đang trả lời…';
    input.value = '';
    var body = { question: question.slice(0, 500), channel: channel };
    var cid = conversation();
    if (cid) body.conversationId = cid;
    fetch(base + '/api/v1/assistant/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    })
      .then(function (res) {
        return res.json().then(function (json) {
          return { ok: res.ok, status: res.status, json: json };
        });
      })
      .then(function (r) {
        if (r.ok) {
          conversation(r.json.conversationId);
          render(item, r.json);
        } else {
          failed(
            item,
            r.status === 429 ? 'Bạn hỏi nhanh quá. Vui lòng đợi một lát rồi hỏi lại.' : 'Xin lỗi, chưa trả lời được câu này.',
          );
        }
      })
      .catch(function () {
        failed(item, 'Xin lỗi, chưa kết nối được tới trợ lý.');
      })
      .then(function () {
        busy = false;
        send.disabled = false;
        status.textContent = '';
        log.scrollTop = log.scrollHeight;
        input.focus();
      });
  }

  opener.addEventListener('click', function () {
    show(panel.hasAttribute('hidden'));
  });
  close.addEventListener('click', function () {
    show(false);
  });
  wrap.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !panel.hasAttribute('hidden')) {
      e.preventDefault();
      show(false);
    }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    ask(input.value);
  });
})();
