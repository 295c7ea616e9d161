// The plan grid with a keyboard: the table is one stop in the tab order, and
// inside it the arrow keys move between days (left, right) and people (up,
// down); Home and End go to a person's first and last day. Each cell is a
// link, so Enter opens it. Coming back from a cell's form (the address ends
// in #cell-…) puts the focus back on that cell.
(function () {
  'use strict';

  function init() {
    var grid = document.querySelector('[data-plan-grid]');
    if (!grid || !grid.tBodies.length) return;
    var rows = Array.prototype.map.call(grid.tBodies[0].rows, function (row) {
      return Array.prototype.slice.call(row.querySelectorAll('[data-plan-cell]'));
    });
    var current = null;

    rows.forEach(function (cells, r) {
      cells.forEach(function (cell, c) {
        cell.dataset.row = r;
        cell.dataset.col = c;
        cell.setAttribute('tabindex', '-1');
      });
    });

    function makeCurrent(cell) {
      if (current) current.setAttribute('tabindex', '-1');
      current = cell;
      current.setAttribute('tabindex', '0');
    }

    var wanted = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var start = wanted && wanted.hasAttribute('data-plan-cell') ? wanted : rows[0] && rows[0][0];
    if (!start) return;
    makeCurrent(start);
    if (start === wanted) start.focus();

    grid.addEventListener('focusin', function (event) {
      var cell = event.target.closest('[data-plan-cell]');
      if (cell) makeCurrent(cell);
    });

    grid.addEventListener('keydown', function (event) {
      var cell = event.target.closest('[data-plan-cell]');
      if (!cell || event.altKey || event.metaKey || event.shiftKey) return;
      var r = Number(cell.dataset.row);
      var c = Number(cell.dataset.col);
      switch (event.key) {
        case 'ArrowLeft': c -= 1; break;
        case 'ArrowRight': c += 1; break;
        case 'ArrowUp': r -= 1; break;
        case 'ArrowDown': r += 1; break;
        case 'Home': c = 0; if (event.ctrlKey) r = 0; break;
        case 'End': c = rows[r].length - 1; if (event.ctrlKey) r = rows.length - 1; break;
        default: return;
      }
      event.preventDefault();
      var next = rows[r] && rows[r][c];
      if (next) {
        makeCurrent(next);
        next.focus();
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
