// jfio report: draws the page from the JSON in #data with uPlot (inlined above), then checks that
// every chart put its series on its canvas and writes the outcome into the DOM (each chart's
// data-drawn attribute, and #checks), where a headless browser's --dump-dom can read it.
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, " "));
    consoleError.apply(console, arguments);
  };

  var COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
  var DIR_NAMES = ["read", "write", "trim"];
  var FIGURES = ["p50", "p90", "p99", "p99.9", "max"];
  var model = JSON.parse(document.getElementById("data").textContent);
  var root = document.getElementById("report");
  var charts = [];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function add(parent, tag, attrs, text) { var e = el(tag, attrs, text); parent.appendChild(e); return e; }
  function num(v) { return typeof v === "number" && isFinite(v); }
  function count(v) {
    if (!num(v)) { return "-"; }
    if (v >= 1e6) { return (v / 1e6).toFixed(2) + "M"; }
    if (v >= 1e3) { return (v / 1e3).toFixed(1) + "k"; }
    return v.toFixed(0);
  }
  function bytes(v) {
    if (!num(v)) { return "-"; }
    var units = ["B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s"], u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (u === 0 ? v.toFixed(0) : v.toFixed(1)) + units[u];
  }
  function nanos(v) {
    if (!num(v)) { return "-"; }
    if (v >= 1e9) { return (v / 1e9).toFixed(2) + "s"; }
    if (v >= 1e6) { return (v / 1e6).toFixed(2) + "ms"; }
    if (v >= 1e3) { return (v / 1e3).toFixed(1) + "us"; }
    return v.toFixed(0) + "ns";
  }
  /** Labels for a log axis: only the powers of ten, or it is a smear of digits. */
  function decades(format) {
    return function (u, v) {
      return v.map(function (x) { return num(x) && Math.abs(Math.log10(x) - Math.round(Math.log10(x))) < 1e-9 ? format(x) : ""; });
    };
  }
  function percent(v) { return num(v) ? v.toFixed(1) + "%" : "-"; }
  var FORMATS = { count: count, bytes: bytes, ns: nanos, percent: percent };
  function clean(a) { return a.map(function (v) { return num(v) ? v : null; }); }
  function positive(a) { return a.map(function (v) { return num(v) && v > 0 ? v : null; }); }

  function table(parent, head, rows) {
    var t = add(parent, "table");
    var tr = add(add(t, "thead"), "tr");
    head.forEach(function (h) { add(tr, "th", {}, h); });
    var body = add(t, "tbody");
    rows.forEach(function (r) {
      var row = add(body, "tr");
      r.forEach(function (c, i) { add(row, "td", i > 0 ? { "class": "n" } : {}, c); });
    });
    return t;
  }

  /** A uPlot chart in its own box; name identifies it in the checks. */
  function chart(parent, name, title, data, series, opts) {
    var box = add(parent, "div", { "class": "chart", "data-chart": name, "data-drawn": "pending" });
    var o = {
      title: title,
      width: 600,
      height: 280,
      scales: { x: { time: false } },
      series: [{ label: "xLabel" in opts ? opts.xLabel : "seconds" }].concat(series),
      axes: [{ label: "xLabel" in opts ? opts.xLabel : "seconds" }, { label: opts.yLabel || "", size: 70, values: opts.yValues }],
      legend: { live: false }
    };
    if (opts.logX) { o.scales.x.distr = 3; o.axes[0].values = decades(nanos); }
    if (opts.logY) { o.scales.y = { distr: 3 }; }
    if (opts.xValues) { o.axes[0].values = opts.xValues; }
    if (opts.xSplits) { o.axes[0].splits = opts.xSplits; }
    if (opts.xRotate) { o.axes[0].rotate = opts.xRotate; o.axes[0].size = 90; }
    var u = new uPlot(o, data, box);
    charts.push({ name: name, box: box, plot: u });
    return u;
  }

  function seriesSpec(label, i, extra) {
    var s = { label: label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false };
    for (var k in extra || {}) { s[k] = extra[k]; }
    return s;
  }

  function headline(parent, jobs) {
    var rows = [];
    jobs.forEach(function (job) {
      DIR_NAMES.forEach(function (d) {
        var h = job.dirs[d];
        if (!h) { return; }
        rows.push([job.label + " " + d, count(h.iops), bytes(h.bw_bytes), h.lat_kind, nanos(h.mean), nanos(h.p50),
          nanos(h.p90), nanos(h.p99), nanos(h["p99.9"]), nanos(h.max), count(h.ios), (h.runtime_ms / 1000).toFixed(1) + "s"]);
      });
    });
    table(parent, ["job", "IOPS", "bandwidth", "latency", "mean", "p50", "p90", "p99", "p99.9", "max", "I/Os", "runtime"], rows);
  }

  function facts(parent, jobs) {
    var withFacts = jobs.filter(function (j) { return j.facts && Object.keys(j.facts).length > 0; });
    if (withFacts.length === 0) { return; }
    add(parent, "h3", {}, withFacts.some(function (j) { return j.engine === "nbd"; }) ? "NBD export" : "Engine");
    withFacts.forEach(function (job) {
      var rows = Object.keys(job.facts).map(function (k) { return [k, String(job.facts[k])]; });
      add(parent, "p", {}, job.label + " (ioengine=" + job.engine + ")");
      table(parent, ["fact", "value"], rows).setAttribute("class", "facts");
    });
  }

  function overTime(parent, notes, job, key) {
    var s = job.series;
    if (!s || !s.t || s.t.length === 0) {
      add(notes, "p", { "class": "note" }, job.label + ": no time series (jfio's JSON has one; for fio, write_bw_log/write_iops_log/write_lat_log files next to the JSON)");
      return;
    }
    add(notes, "p", { "class": "note" }, "time series from " + s.source);
    var dirs = DIR_NAMES.filter(function (d) { return s[d]; });
    [["iops", "IOPS", count], ["bw", "bandwidth", bytes]].forEach(function (m) {
      var cols = dirs.filter(function (d) { return s[d][m[0]]; });
      if (cols.length === 0) { return; }
      chart(parent, key + "-" + m[0], job.label + ": " + m[1] + " over time", [s.t].concat(cols.map(function (d) { return clean(s[d][m[0]]); })),
        cols.map(function (d, i) { return seriesSpec(d, i); }), { yLabel: m[1], yValues: function (u, v) { return v.map(m[2]); } });
    });
    dirs.forEach(function (d, di) {
      var figs = FIGURES.filter(function (f) { return s[d][f]; });
      if (figs.length === 0) { return; }
      chart(parent, key + "-lat-" + d, job.label + ": " + d + " completion latency over time", [s.t].concat(figs.map(function (f) { return positive(s[d][f]); })),
        figs.map(function (f, i) { return seriesSpec(f, i); }), { logY: true, yLabel: "latency", yValues: decades(nanos) });
    });
  }

  function distribution(parent, notes, job, key) {
    var dirs = DIR_NAMES.filter(function (d) { return job.dist[d]; });
    if (dirs.length === 0) {
      add(notes, "p", { "class": "note" }, job.label + ": no latency distribution (use json+, or jfio's JSON)");
      return;
    }
    var tables = dirs.map(function (d) { return [job.dist[d].ns, job.dist[d].cdf]; });
    var data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    add(notes, "p", { "class": "note" }, "distribution from " + job.dist[dirs[0]].source);
    chart(parent, key + "-dist", job.label + ": completion latency distribution (percent of I/Os at or below)", data,
      dirs.map(function (d, i) { return seriesSpec(d, i, { spanGaps: true }); }),
      { logX: true, xLabel: "latency", yLabel: "percent", yValues: function (u, v) { return v.map(function (x) { return x + "%"; }); } });
  }

  function comparison(parent, comps, jobs) {
    if (comps.length === 0) { return; }
    add(parent, "h2", {}, "Comparison (jfio compare)");
    comps.forEach(function (c, ci) {
      add(parent, "p", {}, "A: " + c.a + "   B: " + c.b);
      table(parent, ["", "A", "B", "B/A"], c.rows.map(function (r) {
        var f = FORMATS[r.unit];
        return [r.metric, f(r.a), f(r.b), num(r.ratio) ? r.ratio.toFixed(2) + "x" : "-"];
      }));
      var rows = c.rows.filter(function (r) { return num(r.ratio); });
      var shortName = function (m) {
        return m.replace(/^read /, "r ").replace(/^write /, "w ").replace(/^trim /, "t ").replace("bandwidth", "BW").replace("clat ", "");
      };
      if (rows.length > 0) {
        var xs = rows.map(function (r, i) { return i; });
        chart(parent, "compare-" + ci, "B/A (" + c.b + " against " + c.a + ")", [xs, rows.map(function (r) { return r.ratio; })],
          [seriesSpec("B/A", ci + 1, { fill: COLORS[(ci + 1) % COLORS.length] + "88", paths: uPlot.paths.bars({ size: [0.6, 60] }), points: { show: false } })],
          { xLabel: "", yLabel: "ratio", xRotate: -45, xSplits: function () { return xs; },
            xValues: function (u, v) { return v.map(function (i) { return rows[i] ? shortName(rows[i].metric) : ""; }); } });
      }
    });
    var timed = jobs.filter(function (j) { return j.series && j.series.t && j.series.t.length > 0; });
    ["iops", "p99"].forEach(function (m) {
      var tables = [], labels = [];
      timed.forEach(function (j) {
        DIR_NAMES.forEach(function (d) {
          if (j.series[d] && j.series[d][m]) { tables.push([j.series.t, clean(j.series[d][m])]); labels.push(j.label + " " + d); }
        });
      });
      if (tables.length < 2) { return; }
      chart(parent, "compare-" + m, (m === "iops" ? "IOPS" : "clat p99") + " over time, every job", uPlot.join(tables),
        labels.map(function (l, i) { return seriesSpec(l, i); }),
        m === "iops" ? { yLabel: "IOPS", yValues: function (u, v) { return v.map(count); } }
          : { logY: true, yLabel: "latency", yValues: decades(nanos) });
    });
    var dists = [], names = [];
    jobs.forEach(function (j) {
      DIR_NAMES.forEach(function (d) { if (j.dist[d]) { dists.push([j.dist[d].ns, j.dist[d].cdf]); names.push(j.label + " " + d); } });
    });
    if (dists.length >= 2) {
      chart(parent, "compare-dist", "Completion latency distributions, every job", uPlot.join(dists),
        names.map(function (l, i) { return seriesSpec(l, i, { spanGaps: true }); }),
        { logX: true, xLabel: "latency", yLabel: "percent", yValues: function (u, v) { return v.map(function (x) { return x + "%"; }); } });
    }
  }

  /** Pixels of series colour (not grey: axes and grid are grey) on a chart's canvas. */
  function colouredPixels(u) {
    var c = u.ctx.canvas, data = u.ctx.getImageData(0, 0, c.width, c.height).data, n = 0;
    for (var i = 0; i < data.length; i += 4) {
      var r = data[i], g = data[i + 1], b = data[i + 2];
      if (data[i + 3] > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) { n++; }
    }
    return n;
  }

  function check() {
    var drawn = 0;
    charts.forEach(function (c) {
      var n = colouredPixels(c.plot);
      c.box.setAttribute("data-drawn", n > 0 ? "yes" : "no");
      c.box.setAttribute("data-pixels", String(n));
      if (n > 0) { drawn++; }
    });
    var out = document.getElementById("checks");
    out.textContent = "charts=" + charts.length + " drawn=" + drawn + " errors=" + errors.length +
      (errors.length ? "\n" + errors.join("\n") : "");
    out.setAttribute("data-charts", String(charts.length));
    out.setAttribute("data-drawn", String(drawn));
    out.setAttribute("data-errors", String(errors.length));
  }

  try {
    var allJobs = [];
    model.runs.forEach(function (run, ri) {
      var sec = add(root, "section");
      add(sec, "h2", {}, run.file);
      add(sec, "p", { "class": "note" }, run.version + (run.time ? ", " + run.time : ""));
      headline(sec, run.jobs);
      facts(sec, run.jobs);
      run.jobs.forEach(function (job, ji) {
        allJobs.push(job);
        var key = "r" + ri + "j" + ji;
        add(sec, "h3", {}, job.label);
        var notes = add(sec, "div");
        var grid = add(sec, "div", { "class": "grid" });
        overTime(grid, notes, job, key);
        distribution(grid, notes, job, key);
      });
    });
    comparison(add(root, "section"), model.compare, allJobs);
  } catch (e) {
    errors.push("report: " + e);
  }
  setTimeout(check, 0);
})();
