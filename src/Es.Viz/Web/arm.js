// The arm page: sends the pointer as the arm's target and draws the arm the server streams back.
(function () {
  'use strict';

  var canvas = document.getElementById('arm');
  var ctx = canvas.getContext('2d');
  var status = document.getElementById('status');
  var SCALE = canvas.width / 2.4;   // the square shows [-1.2, 1.2]^2: an arm of reach 1 and a margin
  var pending = null, sending = false;

  // Pointer to world coordinates, measured inside the canvas's border.
  function toWorld(e) {
    var r = canvas.getBoundingClientRect();
    var px = (e.clientX - r.left - canvas.clientLeft) / canvas.clientWidth * canvas.width;
    var py = (e.clientY - r.top - canvas.clientTop) / canvas.clientHeight * canvas.height;
    return [(px - canvas.width / 2) / SCALE, (canvas.height / 2 - py) / SCALE];
  }
  function toCanvas(x, y) { return [canvas.width / 2 + x * SCALE, canvas.height / 2 - y * SCALE]; }

  // At most one request in flight; the latest pointer position wins.
  function send() {
    if (sending || !pending) return;
    var body = JSON.stringify({ x: pending[0], y: pending[1] });
    pending = null; sending = true;
    fetch('arm/target', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body })
      .finally(function () { sending = false; send(); });
  }
  canvas.addEventListener('mousemove', function (e) { pending = toWorld(e); send(); });

  function draw(s) {
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
    var reach = s.links.reduce(function (a, b) { return a + b; }, 0), o = toCanvas(0, 0);
    ctx.beginPath(); ctx.arc(o[0], o[1], reach * SCALE, 0, 2 * Math.PI); ctx.fillStyle = '#eef2f8'; ctx.fill();
    var t = toCanvas(s.target[0], s.target[1]);
    ctx.beginPath(); ctx.arc(t[0], t[1], 9, 0, 2 * Math.PI); ctx.fillStyle = '#dc2828'; ctx.fill();
    var x = 0, y = 0, phi = 0;
    ctx.lineCap = 'round';
    for (var i = 0; i < s.links.length; i++) {
      phi += s.q[i];
      var nx = x + s.links[i] * Math.cos(phi), ny = y + s.links[i] * Math.sin(phi), a = toCanvas(x, y), b = toCanvas(nx, ny);
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.strokeStyle = '#285aa0'; ctx.lineWidth = 12; ctx.stroke();
      ctx.beginPath(); ctx.arc(a[0], a[1], 7, 0, 2 * Math.PI); ctx.fillStyle = '#1e1e1e'; ctx.fill();
      x = nx; y = ny;
    }
  }

  var source = new EventSource('arm/events');
  source.addEventListener('arm', function (e) {
    var s = JSON.parse(e.data);
    var d = Math.hypot(s.tip[0] - s.target[0], s.tip[1] - s.target[1]);
    status.textContent = 'generation ' + s.generation + ' · fingertip ' + d.toFixed(3) + ' from the target';
    document.body.dataset.generation = s.generation;
    document.body.dataset.targetX = s.target[0];
    document.body.dataset.targetY = s.target[1];
    document.body.dataset.q = s.q.join(',');
    requestAnimationFrame(function () { draw(s); });
  });
  source.onerror = function () { status.textContent = 'connection lost; retrying'; };
})();
