/**
 * The page's own script, as text (the page must run without anything else): draws each chart spec
 * of #faasim-charts with uPlot, sizes charts to their column (phone or laptop) and again for print,
 * and sorts a table by the column header clicked. `window.faasimCharts` lists what each chart drew
 * (series and points), for the browser tests and for anyone inspecting the page.
 */
export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('faasim-charts').textContent);
  var charts = [];
  window.faasimCharts = [];

  function fmt(unit, v) {
    if (v == null || !isFinite(v)) return '';
    if (unit === 'usd') return '$' + (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : +v.toPrecision(2));
    if (unit === 'pct') return +(v * 100).toPrecision(3) + '%';
    if (unit === 'ms') return v >= 1000 ? +(v / 1000).toPrecision(3) + ' s' : +v.toPrecision(3) + ' ms';
    if (unit === 'mb') return v + ' MB';
    return Math.abs(v) >= 1000 ? v.toLocaleString('en-US') : String(+v.toPrecision(4));
  }
  function relTime(s) {
    var m = s / 60;
    return m < 120 ? +m.toFixed(1) + ' min' : +(m / 60).toFixed(1) + ' h';
  }

  function sizeOf(el) {
    var w = Math.max(260, Math.floor(el.clientWidth || 600));
    return { width: w, height: Math.round(Math.min(340, Math.max(200, w * 0.55))) };
  }

  // labels next to points (recommended sweep points, the optimiser's answer)
  function labelPlugin(spec) {
    return {
      hooks: {
        draw: function (u) {
          if (!spec.labels) return;
          var ctx = u.ctx;
          ctx.save();
          ctx.font = Math.round(11 * devicePixelRatio) + 'px system-ui, sans-serif';
          ctx.fillStyle = '#111';
          ctx.textBaseline = 'bottom';
          var right = u.bbox.left + u.bbox.width;
          spec.labels.forEach(function (l) {
            var s = u.series[l.series + 1];
            var y = u.data[l.series + 1][l.index];
            if (y == null) return;
            var cx = u.valToPos(u.data[0][l.index], 'x', true);
            var cy = u.valToPos(y, s.scale, true);
            // near the right edge the text goes to the point's left, so it stays on the canvas
            var w = ctx.measureText(l.text).width;
            var flip = cx + 6 * devicePixelRatio + w > right;
            ctx.textAlign = flip ? 'right' : 'left';
            ctx.fillText(l.text, flip ? cx - 6 * devicePixelRatio : cx + 6 * devicePixelRatio, cy - 4 * devicePixelRatio);
          });
          ctx.restore();
        },
      },
    };
  }

  function optsOf(spec, size) {
    var xKind = spec.x.kind;
    var x = { time: xKind === 'time' };
    if (xKind === 'category') x.range = function () { return [-0.5, spec.x.categories.length - 0.5]; };
    var scales = { x: x, y: {} };
    if (spec.y.length > 1) scales.y2 = {};
    var axes = [{
      label: spec.x.label,
      space: xKind === 'category' ? 30 : 90,
      values: xKind === 'category' ? function (u, splits) { return splits.map(function (v) { return Number.isInteger(v) ? spec.x.categories[v] || '' : ''; }); }
        : xKind === 'relative-time' ? function (u, splits) { return splits.map(relTime); }
        : xKind === 'number' ? function (u, splits) { return splits.map(function (v) { return fmt(spec.x.unit, v); }); } : undefined,
    }];
    if (xKind === 'category') axes[0].splits = function () { return spec.x.categories.map(function (_c, i) { return i; }); };
    if (axes[0].values === undefined) delete axes[0].values;
    spec.y.forEach(function (a, i) {
      axes.push({ label: a.label, scale: i === 0 ? 'y' : 'y2', side: i === 0 ? 3 : 1, grid: { show: i === 0 }, size: 64,
        values: function (u, splits) { return splits.map(function (v) { return fmt(a.unit, v); }); } });
    });
    var series = [{ label: spec.x.label, value: function (u, v) { return v == null ? '' : xKind === 'category' ? spec.x.categories[v] : xKind === 'relative-time' ? relTime(v) : xKind === 'time' ? new Date(v * 1000).toISOString().slice(0, 16).replace('T', ' ') : fmt(spec.x.unit, v); } }];
    spec.series.forEach(function (s) {
      var unit = spec.y[s.axis || 0].unit;
      var o = { label: s.label, stroke: s.color, width: 2, scale: (s.axis || 0) === 0 ? 'y' : 'y2', spanGaps: true,
        value: function (u, v) { return v == null ? '' : fmt(unit, v); } };
      if (s.dash) o.dash = [6, 4];
      if (s.style === 'step') o.paths = uPlot.paths.stepped({ align: 1 });
      if (s.style === 'bars') {
        var n = spec.series.filter(function (t) { return t.style === 'bars'; }).length;
        o.paths = uPlot.paths.bars({ size: [n > 1 ? 0.4 : 0.6, 120], align: s.align || 0 });
        o.fill = s.color + 'cc';
        o.points = { show: false };
      }
      if (s.style === 'points') {
        o.paths = function () { return null; };
        o.points = s.ring ? { show: true, size: 16, width: 2, stroke: s.color, fill: 'rgba(0,0,0,0)' } : { show: true, size: 8, stroke: s.color, fill: s.color };
      }
      series.push(o);
    });
    return { width: size.width, height: size.height, scales: scales, axes: axes, series: series, plugins: [labelPlugin(spec)],
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }, cursor: { drag: { x: false, y: false } } };
  }

  specs.forEach(function (spec) {
    var el = document.getElementById(spec.id);
    if (!el) return;
    var u = new uPlot(optsOf(spec, sizeOf(el)), spec.data, el);
    charts.push({ el: el, u: u });
    window.faasimCharts.push({
      id: spec.id,
      series: spec.series.length,
      points: u.data.slice(1).map(function (col) { return col.filter(function (v) { return v != null; }).length; }),
    });
  });

  function resize(widthFor) {
    charts.forEach(function (c) { c.u.setSize(sizeOf(widthFor ? { clientWidth: widthFor } : c.el)); });
  }
  var pending;
  window.addEventListener('resize', function () { clearTimeout(pending); pending = setTimeout(function () { resize(); }, 100); });
  // A4 / Letter at 96 dpi with margins: about 680 px of text width
  window.addEventListener('beforeprint', function () { resize(680); });
  window.addEventListener('afterprint', function () { resize(); });

  // sortable tables: click a header; numbers sort by data-sort, text by itself; again reverses
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th').forEach(function (th, col) {
      th.tabIndex = 0;
      var sort = function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (r) { var c = r.cells[col]; var v = c.getAttribute('data-sort'); return v === null ? c.textContent : Number(v); };
        rows.sort(function (a, b) { var x = key(a), y = key(b); return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir; });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
})();
`;
