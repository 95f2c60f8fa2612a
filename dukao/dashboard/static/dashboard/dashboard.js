/* The leader's dashboard: ECharts draws each <div data-chart="ID"> from the JSON in <script id="ID"> (the
   same data as the table beside it, made by dukao/dashboard/charts.py). Clicking a slice, bar or point opens
   the tasks behind it. Loaded with the page's CSP nonce; no inline script or style is needed: sizes are set
   through the CSSOM, and tooltips are drawn in the canvas (richText), because ECharts' HTML tooltips carry
   style attributes that the Content-Security-Policy refuses. */
(function () {
  "use strict";

  // Colours come with the data (each column's and row's "colour", from supervision/rules.py's STATUS_COLOURS).
  const TOOLTIP = { renderMode: "richText", confine: true };
  const LEGEND = { top: 0 };  // may wrap to two lines: the grids leave room

  // One series per status that occurs, its points carrying the URL of the tasks behind them.
  function statusSeries(chart, extra) {
    return chart.columns
      .map((column, j) => ({
        name: column.label,
        itemStyle: { color: column.colour },
        lineStyle: { color: column.colour },
        data: chart.rows.map((row) => ({ value: row.cells[j].value, url: row.cells[j].url })),
        ...extra,
      }))
      .filter((series) => series.data.some((point) => point.value > 0));
  }

  const OPTIONS = {
    pie(chart) {
      const row = chart.rows[0];
      const data = chart.columns
        .map((column, j) => ({
          name: column.label, value: row.cells[j].value, url: row.cells[j].url,
          itemStyle: { color: column.colour },
        }))
        .filter((slice) => slice.value > 0);
      return {
        tooltip: { ...TOOLTIP, trigger: "item", formatter: "{b}：{c}（{d}%）" },
        series: [{ type: "pie", radius: ["35%", "65%"], data, label: { formatter: "{b}\n{c}" } }],
      };
    },
    bar(chart) {
      return {
        tooltip: { ...TOOLTIP, trigger: "axis", axisPointer: { type: "shadow" } },
        legend: LEGEND,
        grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: {
          type: "category", inverse: true, data: chart.rows.map((row) => row.label),
          axisLabel: { width: 160, overflow: "truncate" },
        },
        series: statusSeries(chart, { type: "bar", stack: "tasks", barMaxWidth: 28 }),
      };
    },
    line(chart) {
      return {
        tooltip: { ...TOOLTIP, trigger: "axis" },
        legend: LEGEND,
        grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: chart.rows.map((row) => row.label) },
        yAxis: { type: "value", minInterval: 1 },
        series: statusSeries(chart, { type: "line", symbolSize: 8 }),
      };
    },
    worst(chart) {
      const data = chart.rows.map((row) => ({
        value: row.gap === null ? 0 : row.gap, url: row.url, status: row.status_label,
        itemStyle: { color: row.colour },
      }));
      return {
        tooltip: { ...TOOLTIP, trigger: "item", formatter: (p) => `${p.name}：${p.data.status} ${p.value}` },
        grid: { left: 8, right: 16, top: 8, bottom: 32, containLabel: true },
        xAxis: { type: "value", name: chart.axis, nameLocation: "middle", nameGap: 28 },
        yAxis: { type: "category", inverse: true, data: chart.rows.map((row) => row.label) },
        series: [{ type: "bar", data, barMaxWidth: 24, label: { show: true, position: "insideLeft", color: "#fff", formatter: (p) => p.data.status } }],
      };
    },
  };

  function draw(element) {
    const chart = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    if (chart.kind === "bar" || chart.kind === "worst") {
      element.style.height = `${Math.max(240, chart.rows.length * 28 + 96)}px`;
    }
    const instance = echarts.init(element, null, { renderer: "canvas" });
    instance.setOption(OPTIONS[chart.kind](chart));
    instance.on("click", (params) => {
      if (params.data && params.data.url) window.location.assign(params.data.url);
    });
    window.addEventListener("resize", () => instance.resize());
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
