/* SPDX-License-Identifier: MIT */
/* attrcheck -f html: copy buttons, the table's sort and filter, and
 * opening a detail the address points at.  The report reads fully
 * without it; its hash is in the CSP, so no other script can run. */
(function () {
  'use strict';
  var d = document;
  var say = d.getElementById('status');
  function tell(msg) { if (say) say.textContent = msg; }
  function select(el) {
    var r = d.createRange(), s = window.getSelection();
    r.selectNodeContents(el); s.removeAllRanges(); s.addRange(r);
    try { return d.execCommand('copy'); } catch (e) { return false; }
  }
  d.querySelectorAll('button[data-copy]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var el = d.getElementById(b.getAttribute('data-copy'));
      var text = el.textContent;
      function done(ok) {
        tell(ok ? 'Copied to the clipboard.' : 'Selected: press Ctrl+C to copy.');
      }
      if (navigator.clipboard && navigator.clipboard.writeText)
        navigator.clipboard.writeText(text).then(function () { done(true); },
          function () { done(select(el)); });
      else done(select(el));
    });
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && d.getElementById(id);
    if (el && el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  window.addEventListener('beforeprint', function () {
    d.querySelectorAll('details.target').forEach(function (x) { x.open = true; });
  });
  var table = d.getElementById('results');
  if (!table) return;
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var keys = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var q = d.getElementById('q'), fv = d.getElementById('fv');
  var shown = d.getElementById('shown');
  d.getElementById('filters').hidden = false;
  function filter() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var v = fv.value, n = 0;
    rows.forEach(function (r, i) {
      var hit = (!v || r.getAttribute('data-v') === v) &&
        words.every(function (w) { return keys[i].indexOf(w) >= 0; });
      r.hidden = !hit;
      if (hit) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' targets shown';
  }
  q.addEventListener('input', filter);
  fv.addEventListener('change', filter);
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var b = d.createElement('button');
    b.type = 'button';
    b.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(b);
    b.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      function key(r) {
        var c = r.cells[col];
        var s = c.getAttribute('data-s');
        return s !== null ? Number(s) : c.textContent.toLowerCase();
      }
      var order = rows.map(function (r, i) { return [key(r), i]; });
      order.sort(function (a, b) {
        var x = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
        return asc ? x : -x;
      });
      var frag = d.createDocumentFragment();
      rows = order.map(function (o) { return rows[o[1]]; });
      keys = rows.map(function (r) { return r.textContent.toLowerCase(); });
      rows.forEach(function (r) { frag.appendChild(r); });
      body.appendChild(frag);
    });
  });
  filter();
})();
