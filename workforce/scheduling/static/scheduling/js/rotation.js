// A pattern's form: show only the weeks the rotation lasts (the others are
// ignored when saving), following the "weeks" select.
(function () {
  'use strict';

  function follow(weeks, table) {
    var count = parseInt(weeks.value, 10) || 4;
    table.querySelectorAll('[data-rotation-week]').forEach(function (row) {
      row.hidden = parseInt(row.dataset.rotationWeek, 10) > count;
    });
  }

  function init() {
    var weeks = document.querySelector('select[name="weeks"]');
    var table = document.querySelector('[data-rotation]');
    if (!weeks || !table) return;
    weeks.addEventListener('change', function () { follow(weeks, table); });
    follow(weeks, table);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
