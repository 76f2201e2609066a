// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID"> and sizes the points
// bars (chart.js 4, served
// from the repository: static/vendor/chart-4.6.1.umd.min.js). No inline script, no CDN.
(function () {
  function draw() {
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source || canvas.dataset.drawn) { return; }
      var data = JSON.parse(source.textContent);
      canvas.dataset.drawn = "1";
      new Chart(canvas, {
        type: canvas.dataset.type || "line",
        data: data,
        options: {
          responsive: true, maintainAspectRatio: false, spanGaps: true,
          locale: "vi-VN",
          plugins: { legend: { position: "bottom" } },
          scales: canvas.dataset.type === "bar" ? { x: { stacked: false } } : {}
        }
      });
    });
  }
  // Bars carry their width as data-width (percent): the Content-Security-Policy forbids
  // style attributes, but styles set from a script file are allowed.
  function bars() {
    document.querySelectorAll(".bar > span[data-width]").forEach(function (span) {
      span.style.width = Math.max(0, Math.min(100, Number(span.dataset.width) || 0)) + "%";
    });
  }
  function start() { bars(); draw(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
