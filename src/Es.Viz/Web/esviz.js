// EsViz: draws a run's charts as inline SVG from its metrics rows (the lines of metrics.jsonl).
// One script for the static report (inlined, no network) and the live page (fed by server-sent events).
(function (global) {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  var DASHES = ['', '6 3', '2 3', '8 3 2 3'];
  var WIDTH = 620, HEIGHT = 280, LEFT = 64, RIGHT = 16, TOP = 12, BOTTOM = 40;

  // Every chart: what goes on x, which row fields are drawn, and which one gets the median and spread of several runs.
  var CHARTS = [
    { id: 'return-steps', title: 'Return against environment steps', x: 'steps', yLabel: 'return',
      ys: [['return_mean', 'mean'], ['return_max', 'max'], ['eval_return', 'evaluation']], band: 'return_mean' },
    { id: 'return-time', title: 'Return against wall time', x: 'wall', yLabel: 'return',
      ys: [['return_mean', 'mean'], ['return_max', 'max'], ['eval_return', 'evaluation']], band: 'return_mean' },
    { id: 'sigma', title: 'σ, the scale of the perturbations (per-parameter σ: the mean)', x: 'steps', yLabel: 'σ',
      ys: [['sigma', 'σ']], missing: 'σ is not in these metrics: they were written before runs recorded it' },
    { id: 'update', title: 'Update ratio ‖step‖/‖θ‖ (the effective step size)', x: 'steps', yLabel: 'ratio',
      ys: [['update_ratio', 'update ratio']] },
    { id: 'norms', title: 'Parameter and gradient norms', x: 'steps', yLabel: 'norm',
      ys: [['param_norm', '‖θ‖'], ['grad_norm', '‖ĝ‖']] },
    { id: 'speed', title: 'Environment steps per second', x: 'wall', yLabel: 'steps/s',
      ys: [['steps_per_second', 'steps/s']] },
    { id: 'workers', title: 'Evaluators and nodes', x: 'wall', yLabel: 'count',
      ys: [['evaluators', 'evaluators'], ['nodes', 'nodes', 'hideZero']] },
    { id: 'faults', title: 'Re-issued tasks and faults per generation', x: 'generation', yLabel: 'count',
      ys: [['evaluations_retried', 're-issued or retried evaluations'], ['nonfinite_returns', 'non-finite returns']] },
  ];
  var X_LABELS = { steps: 'environment steps', wall: 'wall time (s)', generation: 'generation' };

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(name, attrs, text, parent) {
    var node = document.createElement(name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function finite(v) { return typeof v === 'number' && isFinite(v); }

  // The x values of a run's rows: environment steps, cumulative wall time, or the generation.
  function xs(rows, kind) {
    var out = [], wall = 0;
    for (var i = 0; i < rows.length; i++) {
      wall += finite(rows[i].seconds) ? rows[i].seconds : 0;
      out.push(kind === 'steps' ? rows[i].timesteps : kind === 'wall' ? wall : rows[i].generation);
    }
    return out;
  }

  function points(rows, kind, field) {
    var x = xs(rows, kind), out = [];
    for (var i = 0; i < rows.length; i++) {
      var y = rows[i][field];
      if (finite(x[i]) && finite(y)) out.push([x[i], y]);
    }
    return out;
  }

  function interpolate(pts, x) {
    if (pts.length === 0 || x < pts[0][0] || x > pts[pts.length - 1][0]) return null;
    for (var i = 1; i < pts.length; i++) {
      if (pts[i][0] >= x) {
        var a = pts[i - 1], b = pts[i];
        return b[0] === a[0] ? b[1] : a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]);
      }
    }
    return pts[pts.length - 1][1];
  }

  // Median and min-max spread of several runs on a shared grid of x values where every run has data.
  function spread(curves) {
    var lo = -Infinity, hi = Infinity;
    curves.forEach(function (c) { if (c.length) { lo = Math.max(lo, c[0][0]); hi = Math.min(hi, c[c.length - 1][0]); } });
    if (!(hi > lo)) return null;
    var n = 100, median = [], lower = [], upper = [];
    for (var i = 0; i <= n; i++) {
      var x = lo + (hi - lo) * i / n;
      var ys = curves.map(function (c) { return interpolate(c, x); }).filter(finite).sort(function (a, b) { return a - b; });
      if (ys.length === 0) continue;
      var m = ys.length % 2 ? ys[(ys.length - 1) / 2] : (ys[ys.length / 2 - 1] + ys[ys.length / 2]) / 2;
      median.push([x, m]); lower.push([x, ys[0]]); upper.push([x, ys[ys.length - 1]]);
    }
    return { median: median, lower: lower, upper: upper };
  }

  function niceTicks(lo, hi, count) {
    if (!(hi > lo)) { hi = lo + 1; lo = lo - 1; }
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    var err = (hi - lo) / count / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var ticks = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return ticks;
  }

  function format(v) {
    var a = Math.abs(v);
    if (a >= 1e6) return String(Number((v / 1e6).toPrecision(3))) + 'M';
    if (a >= 1e4) return String(Number((v / 1e3).toPrecision(3))) + 'k';
    if (a === 0) return '0';
    if (a < 1e-3) return v.toExponential(1);
    return String(Number(v.toPrecision(4)));
  }

  // Runs named like es compare's directories (<strategy>-seed<n>) form one group per strategy; otherwise all runs are one group.
  function groupsOf(runs) {
    var keys = runs.map(function (r) { return String(r.name).replace(/-seed\d+$/, ''); });
    var distinct = keys.filter(function (k, i) { return keys.indexOf(k) === i; });
    if (distinct.length === runs.length) { keys = runs.map(function () { return 'all runs'; }); distinct = ['all runs']; }
    return { keys: keys, names: distinct };
  }

  // Builds the series of one chart. One run: a line per field. Several runs: on charts with a band, each run's band field
  // as a thin line in its group's colour, with each group's median and min-max spread; elsewhere a line per (run, field).
  function chartSeries(chart, runs) {
    var series = [], bands = [];
    var several = runs.length > 1, groups = groupsOf(runs);
    runs.forEach(function (run, r) {
      var g = groups.names.indexOf(groups.keys[r]);
      chart.ys.forEach(function (y, m) {
        if (several && chart.band && y[0] !== chart.band) return;
        var pts = points(run.rows, chart.x, y[0]);
        if (pts.length === 0) return;
        if (y[2] === 'hideZero' && pts.every(function (p) { return p[1] === 0; })) return;
        var grouped = several && chart.band && groups.names.length > 1;
        series.push({
          run: run.name, metric: y[0],
          name: several ? run.name + ': ' + y[1] : y[1],
          color: COLORS[(several ? (grouped ? g : r) : m) % COLORS.length],
          dash: several && !chart.band ? DASHES[m % DASHES.length] : '',
          thin: several && !!chart.band,
          points: pts,
        });
      });
    });
    if (several && chart.band) {
      groups.names.forEach(function (name, g) {
        var curves = [];
        runs.forEach(function (run, r) {
          if (groups.keys[r] !== name) return;
          var pts = points(run.rows, chart.x, chart.band);
          if (pts.length) curves.push(pts);
        });
        var s = curves.length > 1 ? spread(curves) : null;
        if (s) bands.push({ name: name, color: groups.names.length > 1 ? COLORS[g % COLORS.length] : '#000', spread: s });
      });
    }
    return { series: series, bands: bands };
  }

  function drawChart(container, chart, runs) {
    var built = chartSeries(chart, runs);
    var box = html('figure', { class: 'chart', id: 'chart-' + chart.id }, null, container);
    html('figcaption', {}, chart.title, box);
    var all = [];
    built.series.forEach(function (s) { all = all.concat(s.points); });
    built.bands.forEach(function (b) { all = all.concat(b.spread.lower, b.spread.upper); });
    if (all.length === 0) {
      // A chart of a field older runs did not write says so, rather than looking like a run that has not started.
      var hasRows = runs.some(function (run) { return run.rows.length > 0; });
      html('p', { class: 'empty' }, hasRows && chart.missing ? chart.missing : 'no data yet', box);
      return;
    }
    var x0 = Math.min.apply(null, all.map(function (p) { return p[0]; }));
    var x1 = Math.max.apply(null, all.map(function (p) { return p[0]; }));
    var y0 = Math.min.apply(null, all.map(function (p) { return p[1]; }));
    var y1 = Math.max.apply(null, all.map(function (p) { return p[1]; }));
    if (x1 === x0) { x1 = x0 + 1; }
    if (y1 === y0) {
      // A constant curve sits in the middle of ±10 % of its value (a fixed σ of 0.02 must not read as 0 on a ±1 axis).
      var half = Math.abs(y0) * 0.1;
      if (y0 === 0) { y1 = 1; } else { y1 = y0 + half; y0 = y0 - half; }
    }
    var pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
    var sx = function (x) { return LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT); };
    var sy = function (y) { return TOP + (y1 - y) / (y1 - y0) * (HEIGHT - TOP - BOTTOM); };
    var path = function (pts) { return pts.map(function (p) { return sx(p[0]).toFixed(1) + ',' + sy(p[1]).toFixed(1); }).join(' '); };

    var svg = el('svg', { viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': chart.title }, box);
    niceTicks(y0, y1, 5).forEach(function (t) {
      el('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: sy(t), y2: sy(t), class: 'grid' }, svg);
      el('text', { x: LEFT - 6, y: sy(t) + 4, 'text-anchor': 'end', class: 'tick' }, svg).textContent = format(t);
    });
    niceTicks(x0, x1, 6).forEach(function (t) {
      el('line', { x1: sx(t), x2: sx(t), y1: TOP, y2: HEIGHT - BOTTOM, class: 'grid' }, svg);
      el('text', { x: sx(t), y: HEIGHT - BOTTOM + 16, 'text-anchor': 'middle', class: 'tick' }, svg).textContent = format(t);
    });
    el('rect', { x: LEFT, y: TOP, width: WIDTH - LEFT - RIGHT, height: HEIGHT - TOP - BOTTOM, class: 'frame' }, svg);
    el('text', { x: (LEFT + WIDTH - RIGHT) / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'label' }, svg).textContent = X_LABELS[chart.x];
    el('text', { x: 14, y: (TOP + HEIGHT - BOTTOM) / 2, 'text-anchor': 'middle', class: 'label',
      transform: 'rotate(-90 14 ' + (TOP + HEIGHT - BOTTOM) / 2 + ')' }, svg).textContent = chart.yLabel;

    built.bands.forEach(function (b) {
      el('polygon', { class: 'band', fill: b.color, 'data-group': b.name, points: path(b.spread.lower.concat(b.spread.upper.slice().reverse())) }, svg);
    });
    built.series.forEach(function (s) {
      var line = el('polyline', { class: 'series', points: path(s.points), stroke: s.color, fill: 'none', 'data-run': s.run, 'data-metric': s.metric }, svg);
      if (s.dash) line.setAttribute('stroke-dasharray', s.dash);
      if (s.thin) line.setAttribute('class', 'series thin');
      if (s.points.length === 1) el('circle', { cx: sx(s.points[0][0]), cy: sy(s.points[0][1]), r: 3, fill: s.color }, svg);
    });
    built.bands.forEach(function (b) {
      el('polyline', { class: 'median', stroke: b.color, 'data-group': b.name, points: path(b.spread.median), fill: 'none' }, svg);
    });

    var legend = html('div', { class: 'legend' }, null, box);
    built.series.forEach(function (s) {
      var item = html('span', { class: 'item' }, null, legend);
      html('i', { style: 'border-top: 2px ' + (s.dash ? 'dashed' : 'solid') + ' ' + s.color }, null, item);
      item.appendChild(document.createTextNode(s.name));
    });
    built.bands.forEach(function (b) {
      var med = html('span', { class: 'item' }, null, legend);
      html('i', { style: 'border-top: 3px solid ' + b.color }, null, med);
      med.appendChild(document.createTextNode(b.name + ': median (band: min to max)'));
    });
  }

  function best(rows, field) {
    var b = null;
    rows.forEach(function (r) { if (finite(r[field]) && (b === null || r[field] > b)) b = r[field]; });
    return b;
  }

  function summary(container, runs) {
    var table = html('table', { class: 'summary' }, null, container);
    var head = html('tr', {}, null, table);
    ['run', 'generations', 'environment steps', 'wall time (s)', 'last mean return', 'best max return', 'last evaluation', 'best evaluation'].forEach(function (h) { html('th', {}, h, head); });
    runs.forEach(function (run) {
      var rows = run.rows, last = rows.length ? rows[rows.length - 1] : null, wall = 0, lastEval = null;
      rows.forEach(function (r) { wall += finite(r.seconds) ? r.seconds : 0; if (finite(r.eval_return)) lastEval = r.eval_return; });
      var cells = [run.name, rows.length, last ? last.timesteps : '–', format(wall),
        last && finite(last.return_mean) ? format(last.return_mean) : '–',
        best(rows, 'return_max') === null ? '–' : format(best(rows, 'return_max')),
        lastEval === null ? '–' : format(lastEval),
        best(rows, 'eval_return') === null ? '–' : format(best(rows, 'eval_return'))];
      var tr = html('tr', { 'data-run': run.name }, null, table);
      cells.forEach(function (c) { html('td', {}, String(c), tr); });
    });
  }

  function draw(root, data) {
    root.textContent = '';
    summary(root, data.runs);
    data.runs.forEach(function (run) { if (run.note) html('p', { class: 'note' }, run.name + ': ' + run.note, root); });
    var charts = html('div', { class: 'charts' }, null, root);
    CHARTS.forEach(function (chart) { drawChart(charts, chart, data.runs); });
  }

  // The live page: the run's rows so far, then one server-sent event per generation, member list and message.
  function live(root, data, url) {
    var status = document.getElementById('status');
    var log = document.getElementById('log');
    var members = document.getElementById('members');
    var pending = false;
    function redraw() {
      pending = false;
      draw(root, data);
      var rows = data.runs[0].rows;
      var current = rows.length ? rows[rows.length - 1].generation : null;
      document.getElementById('generation').textContent = current === null ? 'waiting for the first generation' : 'generation ' + current;
      document.body.setAttribute('data-generation', current === null ? '' : String(current));
    }
    function schedule() { if (!pending) { pending = true; requestAnimationFrame(redraw); } }
    redraw();
    var source = new EventSource(url);
    source.addEventListener('generation', function (e) { data.runs[0].rows.push(JSON.parse(e.data)); schedule(); });
    source.addEventListener('message', function (e) {
      var line = html('li', {}, JSON.parse(e.data), null);
      log.insertBefore(line, log.firstChild);
      while (log.childNodes.length > 200) log.removeChild(log.lastChild);
    });
    source.addEventListener('members', function (e) {
      var list = JSON.parse(e.data);
      members.textContent = '';
      var head = html('tr', {}, null, members);
      ['member', 'role', 'state', 'evaluators', 'steps/s'].forEach(function (h) { html('th', {}, h, head); });
      list.forEach(function (m) {
        var tr = html('tr', {}, null, members);
        [m.name, m.role, m.state, m.evaluators, format(m.steps_per_second)].forEach(function (c) { html('td', {}, String(c), tr); });
      });
    });
    source.addEventListener('end', function (e) { status.textContent = 'run ended: ' + JSON.parse(e.data); source.close(); });
    source.onopen = function () { status.textContent = 'connected'; };
    source.onerror = function () { status.textContent = 'connection lost; retrying'; };
  }

  global.EsViz = { draw: draw, live: live, spread: spread, charts: CHARTS };
})(window);
