// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so screen-reader users hear what to fix (GOV.UK pattern).
  var summary = document.querySelector('[data-module="error-summary"]');
  if (summary) summary.focus();
  // Error summary links focus the field itself, not just scroll to it.
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('.error-summary a[href^="#"]') : null;
    if (!a) return;
    var el = document.getElementById(a.getAttribute('href').slice(1));
    if (el) {
      e.preventDefault();
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  });
})();
