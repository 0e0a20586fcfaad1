// Progressive enhancement for a dossier import's page: poll its status and update the progress in place.
// Without JavaScript the page reloads itself (a <meta refresh> inside <noscript>) until the import ends.
(function () {
  'use strict';
  var box = document.querySelector('[data-module="kpi-import"]');
  if (!box || !window.fetch) return;
  var url = box.getAttribute('data-status-url');
  var bar = document.getElementById('tien-do');
  var status = box.querySelector('[data-field="status"]');
  var rows = box.querySelector('[data-field="rows"]');
  var percent = box.querySelector('[data-field="percent"]');
  var fmt = new Intl.NumberFormat('vi-VN');
  function tick() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (s) {
        if (!s) return setTimeout(tick, 5000);
        if (s.done) return window.location.reload();
        if (status) status.textContent = s.statusLabel;
        if (rows) rows.textContent = 'Đã kiểm tra ' + fmt.format(s.rows) + ' dòng';
        if (s.percent !== null) {
          if (bar) bar.value = s.percent;
          if (percent) percent.textContent = ' (' + s.percent + ' %)';
        }
        setTimeout(tick, 1500);
      })
      .catch(function () {
        setTimeout(tick, 5000);
      });
  }
  setTimeout(tick, 1500);
})();
