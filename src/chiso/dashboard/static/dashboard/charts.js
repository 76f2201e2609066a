// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID"> (chart.js 4, served
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
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
