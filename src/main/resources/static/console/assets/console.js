// The console works without this file; it adds the CSRF header to htmx requests and draws the charts.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Colours with at least 3:1 contrast on white (WCAG 1.4.11, non-text contrast).
  var COLOURS = { organisations: "#0a4f8a", services: "#b3541e", stale: "#a4161a" };

  function drawChart(canvas) {
    var data = JSON.parse(canvas.dataset.chart);
    var series = Object.keys(COLOURS).filter(function (name) { return Array.isArray(data[name]); });
    var line = canvas.dataset.chartType === "line";
    new window.Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: series.map(function (name) {
          var label = canvas.dataset["label" + name.charAt(0).toUpperCase() + name.slice(1)] || name;
          return { label: label, data: data[name], backgroundColor: COLOURS[name], borderColor: COLOURS[name] };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: !line && data.labels.length > 12 ? "y" : "x",
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(drawChart);
  });
})();
