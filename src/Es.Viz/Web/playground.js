// The playground page: paint a reward landscape on the canvas, send it to the server, draw the ES search it streams back.
(function () {
  'use strict';

  var N = 48;                       // landscape cells per side, over the square [-1, 1]^2
  var grid = new Float64Array(N * N);
  var canvas = document.getElementById('landscape');
  var ctx = canvas.getContext('2d');
  var status = document.getElementById('status');
  var log = document.getElementById('log');
  var state = null, trail = [], painting = 0, dirty = false, lastSent = 0;

  // Pointer to world coordinates, measured inside the canvas's border.
  function toWorld(e) {
    var r = canvas.getBoundingClientRect();
    var px = (e.clientX - r.left - canvas.clientLeft) / canvas.clientWidth, py = (e.clientY - r.top - canvas.clientTop) / canvas.clientHeight;
    return [px * 2 - 1, 1 - py * 2];
  }
  function toCanvas(x, y) { return [(x + 1) / 2 * canvas.width, (1 - y) / 2 * canvas.height]; }

  // Adds a Gaussian bump of height sign * 0.25 and width 0.15 at (x, y).
  function paint(x, y, sign) {
    for (var j = 0; j < N; j++) {
      for (var i = 0; i < N; i++) {
        var cx = -1 + (i + 0.5) * 2 / N, cy = -1 + (j + 0.5) * 2 / N;
        var d2 = (cx - x) * (cx - x) + (cy - y) * (cy - y);
        grid[j * N + i] += sign * 0.25 * Math.exp(-d2 / (2 * 0.15 * 0.15));
      }
    }
    dirty = true;
    draw();
  }

  function send(force) {
    var now = Date.now();
    if (!dirty || (!force && now - lastSent < 150)) return;
    dirty = false; lastSent = now;
    fetch('landscape', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ size: N, values: Array.prototype.slice.call(grid) }) });
  }

  function restart(x, y) {
    trail = [];
    fetch('restart', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ x: x, y: y }) });
  }

  function colour(t) {
    // dark blue (low) through purple to yellow (high)
    return [Math.round(20 + 230 * t), Math.round(30 + 200 * t * t), Math.round(110 + 40 * (1 - t) - 60 * t * t)];
  }

  var cells = document.createElement('canvas');
  cells.width = N; cells.height = N;
  var cellCtx = cells.getContext('2d');

  function draw() {
    var lo = Infinity, hi = -Infinity;
    for (var k = 0; k < grid.length; k++) { lo = Math.min(lo, grid[k]); hi = Math.max(hi, grid[k]); }
    var image = cellCtx.createImageData(N, N);
    for (var j = 0; j < N; j++) {
      for (var i = 0; i < N; i++) {
        var t = hi > lo ? (grid[j * N + i] - lo) / (hi - lo) : 0, c = colour(t), p = ((N - 1 - j) * N + i) * 4;
        image.data[p] = c[0]; image.data[p + 1] = c[1]; image.data[p + 2] = c[2]; image.data[p + 3] = 255;
      }
    }
    cellCtx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(cells, 0, 0, canvas.width, canvas.height);
    if (!state) return;
    var fits = state.samples.map(function (s) { return s[2]; }).slice().sort(function (a, b) { return a - b; });
    state.samples.forEach(function (s) {
      var rank = fits.indexOf(s[2]) / Math.max(1, fits.length - 1), p = toCanvas(s[0], s[1]);
      ctx.beginPath(); ctx.arc(p[0], p[1], 2 + 4 * rank, 0, 2 * Math.PI);
      ctx.fillStyle = 'rgba(255,255,255,0.85)'; ctx.fill(); ctx.strokeStyle = '#000'; ctx.lineWidth = 0.7; ctx.stroke();
    });
    ctx.beginPath();
    trail.forEach(function (c, i) { var p = toCanvas(c[0], c[1]); if (i) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]); });
    ctx.strokeStyle = '#e02828'; ctx.lineWidth = 2; ctx.stroke();
    var c0 = toCanvas(state.center[0], state.center[1]);
    ctx.beginPath(); ctx.arc(c0[0], c0[1], 6, 0, 2 * Math.PI); ctx.fillStyle = '#e02828'; ctx.fill();
    ctx.strokeStyle = '#fff'; ctx.lineWidth = 1.5; ctx.stroke();
  }

  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  canvas.addEventListener('mousedown', function (e) {
    var w = toWorld(e);
    if (e.altKey) { restart(w[0], w[1]); return; }
    painting = e.button === 2 || e.shiftKey ? -1 : 1;
    paint(w[0], w[1], painting);
    send(false);
  });
  canvas.addEventListener('mousemove', function (e) {
    if (!painting) return;
    var w = toWorld(e);
    paint(w[0], w[1], painting);
    send(false);
  });
  window.addEventListener('mouseup', function () { if (painting) { painting = 0; send(true); } });
  document.getElementById('clear').addEventListener('click', function () { grid.fill(0); dirty = true; send(true); draw(); });
  document.getElementById('restart').addEventListener('click', function () { restart(0, 0); });
  setInterval(function () { send(true); }, 300);

  var source = new EventSource('events');
  source.addEventListener('generation', function (e) {
    state = JSON.parse(e.data);
    trail.push(state.center);
    if (trail.length > 400) trail.shift();
    status.textContent = state.strategy + ' · generation ' + state.generation + ' · centre (' + state.center[0].toFixed(2) + ', ' +
      state.center[1].toFixed(2) + ') · value ' + state.value.toFixed(3);
    document.body.dataset.generation = state.generation;
    document.body.dataset.centerX = state.center[0];
    document.body.dataset.centerY = state.center[1];
    requestAnimationFrame(draw);
  });
  source.addEventListener('message', function (e) {
    var li = document.createElement('li'); li.textContent = JSON.parse(e.data); log.insertBefore(li, log.firstChild);
  });
  source.onerror = function () { status.textContent = 'connection lost; retrying'; };
  draw();
})();
