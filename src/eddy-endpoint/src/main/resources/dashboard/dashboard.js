/* Eddy dashboard: subscribes to the endpoint's aggregate streams with EventSource and draws them.
   Record fields follow the record contract (DESIGN.md section 4). */
(function () {
  'use strict';

  var TOP_WIKIS = 5;
  var MAX_MINUTES = 60;
  var MAX_ACTIVITY_POINTS = 360;
  var RECONNECT_MS = 3000;
  var token = new URLSearchParams(window.location.search).get('token');

  /* Latest update of each window, by "key@window_start". */
  var wikiWindows = new Map();
  var activityWindows = new Map();
  var pageWindows = new Map();
  var charts = {};
  var renderPending = false;

  /* A final update wins over any early one (after a job failover a final r4 may follow an early
     r5); otherwise the higher revision wins. */
  function keepLatest(windows, record) {
    var id = record.key + '@' + record.window_start;
    var known = windows.get(id);
    if (!known || record.final || (!known.final && known.revision <= record.revision)) {
      windows.set(id, record);
    }
  }

  function seconds(isoTime) {
    return Date.parse(isoTime) / 1000;
  }

  function subscribe(stream, onRecord) {
    var lastEventId = null;
    var state = document.getElementById('state-' + stream);

    function setState(value) {
      state.dataset.state = value;
      state.textContent = value;
    }

    function connect() {
      var params = new URLSearchParams();
      if (token) params.set('token', token);
      /* First connection: the latest update of every recent window, then live (both endpoint
         modes). After the browser gave up (e.g. the endpoint restarted), resume where we were;
         ids are opaque (decimal in push mode, Kafka positions in Kafka mode). */
      if (lastEventId === null) {
        params.set('snapshot', 'latest');
      } else {
        params.set('last-event-id', lastEventId);
      }
      var opened = false;
      var query = params.toString();
      var source = new EventSource('streams/' + encodeURIComponent(stream) + (query ? '?' + query : ''));
      source.onopen = function () { opened = true; setState('live'); };
      source.addEventListener(stream, function (event) {
        if (event.lastEventId) lastEventId = event.lastEventId;
        try {
          onRecord(JSON.parse(event.data));
        } catch (e) {
          console.warn('Skipping unreadable record on ' + stream, e);
          return;
        }
        scheduleRender();
      });
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED) {
          setState('reconnecting');
          /* Refused without ever opening (e.g. an id the endpoint no longer takes): start over. */
          if (!opened) lastEventId = null;
          setTimeout(connect, RECONNECT_MS);
        } else {
          setState('reconnecting');
        }
      };
    }
    connect();
  }

  function scheduleRender() {
    if (!renderPending) {
      renderPending = true;
      setTimeout(function () { renderPending = false; render(); }, 200);
    }
  }

  function render() {
    renderEdits();
    renderActivity();
    renderPages();
  }

  function latestWindowStart(windows) {
    var latest = null;
    windows.forEach(function (record) {
      if (latest === null || record.window_start > latest) latest = record.window_start;
    });
    return latest;
  }

  function prune(windows, keepMinutes) {
    var latest = latestWindowStart(windows);
    if (latest === null) return;
    var oldest = seconds(latest) - keepMinutes * 60;
    windows.forEach(function (record, id) {
      if (seconds(record.window_start) < oldest) windows.delete(id);
    });
  }

  function renderEdits() {
    prune(wikiWindows, MAX_MINUTES);
    var latest = latestWindowStart(wikiWindows);
    if (latest === null) return;
    var current = [];
    wikiWindows.forEach(function (record) {
      if (record.window_start === latest) current.push(record);
    });
    current.sort(function (a, b) { return b.events - a.events || (a.key < b.key ? -1 : 1); });
    document.getElementById('edits-window').textContent = latest + (current.length && current[0].final ? '' : ' (open)');
    fillTable('top-wikis', current.slice(0, 15).map(function (r) {
      return { attrs: { 'data-wiki': r.key }, cells: [r.key, r.events, r.edits, r.new_pages, r.bot_events, r.distinct_users] };
    }));

    var top = current.slice(0, TOP_WIKIS).map(function (r) { return r.key; });
    var times = [];
    wikiWindows.forEach(function (record) {
      var t = seconds(record.window_start);
      if (times.indexOf(t) < 0) times.push(t);
    });
    times.sort(function (a, b) { return a - b; });
    var eventsByWiki = new Map(top.map(function (wiki) { return [wiki, new Map()]; }));
    wikiWindows.forEach(function (record) {
      var series = eventsByWiki.get(record.key);
      if (series) series.set(seconds(record.window_start), record.events);
    });
    var data = [times].concat(top.map(function (wiki) {
      var series = eventsByWiki.get(wiki);
      return times.map(function (t) { return series.has(t) ? series.get(t) : null; });
    }));
    drawChart('edits', 'edits-chart', top, data, 'events/min');
  }

  function renderActivity() {
    prune(activityWindows, MAX_ACTIVITY_POINTS / 6);
    var records = Array.from(activityWindows.values());
    if (!records.length) return;
    records.sort(function (a, b) { return a.window_start < b.window_start ? -1 : 1; });
    var last = records[records.length - 1];
    document.getElementById('activity-eps').textContent = last.events_per_second.toFixed(1);
    document.getElementById('activity-bot-share').textContent = Math.round(last.bot_share * 100) + '%';
    document.getElementById('activity-events').textContent = last.events;
    document.getElementById('activity-window').textContent = last.window_start;
    var data = [
      records.map(function (r) { return seconds(r.window_start); }),
      records.map(function (r) { return r.events_per_second; }),
      records.map(function (r) { return Math.round(r.bot_share * 1000) / 10; })
    ];
    drawChart('activity', 'activity-chart', ['events/s', 'bot %'], data, 'events/s', '%');
  }

  function renderPages() {
    prune(pageWindows, 10);
    var latestByWiki = new Map();
    pageWindows.forEach(function (record) {
      var known = latestByWiki.get(record.key);
      if (!known || known.window_start < record.window_start) latestByWiki.set(record.key, record);
    });
    var pages = [];
    latestByWiki.forEach(function (record) {
      (record.pages || []).forEach(function (page) {
        pages.push({ wiki: record.wiki || record.key, title: page.title, edits: page.edits, users: page.distinct_users });
      });
    });
    pages.sort(function (a, b) { return b.edits - a.edits || (a.title < b.title ? -1 : 1); });
    fillTable('top-pages', pages.slice(0, 15).map(function (p) {
      return { attrs: { 'data-title': p.title }, cells: [p.wiki, p.title, p.edits, p.users] };
    }));
  }

  function fillTable(id, rows) {
    var body = document.querySelector('#' + id + ' tbody');
    body.textContent = '';
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      Object.keys(row.attrs).forEach(function (name) { tr.setAttribute(name, row.attrs[name]); });
      row.cells.forEach(function (value) {
        var td = document.createElement('td');
        td.textContent = value === undefined || value === null ? '' : String(value);
        if (typeof value === 'number') td.className = 'number';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

  /* Draws labels[i] from data[i + 1] against data[0] (seconds); with a secondUnit the last series
     gets its own scale on the right. */
  function drawChart(name, elementId, labels, data, unit, secondUnit) {
    var element = document.getElementById(elementId);
    element.dataset.points = data[0].length;
    element.dataset.series = labels.join(',');
    var chart = charts[name];
    if (chart && chart.labels === labels.join(',')) {
      chart.plot.setData(data);
      return;
    }
    if (chart) chart.plot.destroy();
    var series = [{}].concat(labels.map(function (label, i) {
      var onSecondScale = secondUnit && i === labels.length - 1;
      return { label: label, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: true,
               scale: onSecondScale ? secondUnit : 'y' };
    }));
    var axes = [{}, { label: unit, scale: 'y' }];
    if (secondUnit) axes.push({ label: secondUnit, scale: secondUnit, side: 1, grid: { show: false } });
    var width = Math.max(300, element.clientWidth || 500);
    var plot = new uPlot({ width: width, height: 220, series: series, axes: axes }, data, element);
    charts[name] = { plot: plot, labels: labels.join(',') };
  }

  subscribe('edits-per-wiki', function (record) { keepLatest(wikiWindows, record); });
  subscribe('activity', function (record) { keepLatest(activityWindows, record); });
  subscribe('top-pages', function (record) { keepLatest(pageWindows, record); });
})();
