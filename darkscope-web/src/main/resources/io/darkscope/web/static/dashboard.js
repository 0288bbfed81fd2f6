'use strict';
// The dashboard: every number from the JSON API, drawn with ECharts; the traffic chart grows with
// the sensor's live samples. window.darkscope keeps the charts and the answers they were drawn from.
(() => {
  const messages = JSON.parse(document.getElementById('messages').textContent);
  const lang = document.documentElement.lang;
  const numbers = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, {style: 'percent', minimumFractionDigits: 2});
  const regions = new Intl.DisplayNames([lang], {type: 'region'});
  const CLASSES = ['tcp', 'udp', 'icmp', 'other'];
  const COLOURS = {tcp: '#4e79a7', udp: '#f28e2b', icmp: '#59a14f', other: '#9c755f', all: '#333333'};
  const SLOT = 5 * 60 * 1000;
  const DAY = 24 * 60 * 60 * 1000;
  const model = {charts: {}, answers: {}, live: {samples: 0, slots: new Map()}};
  window.darkscope = model;

  const text = (key, values = {}) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => values[name]);
  const country = code => /^[A-Z]{2}$/.test(code) ? regions.of(code) || code : text(code + '_row');
  const daysBefore = (day, n) => new Date(Date.parse(day + 'T00:00:00Z') - n * DAY).toISOString().slice(0, 10);

  async function get(path, params = {}) {
    const url = path + (Object.keys(params).length ? '?' + new URLSearchParams(params) : '');
    const response = await fetch(url, {headers: {Accept: 'application/json'}});
    if (!response.ok) {
      throw new Error(text('failed', {url, error: response.status + ' ' + (await response.text())}));
    }
    const answer = await response.json();
    model.answers[url] = answer;
    return answer;
  }

  function chart(id, option) {
    const element = document.getElementById(id);
    const instance = echarts.getInstanceByDom(element) || echarts.init(element);
    instance.setOption(option);
    model.charts[id] = instance;
    return instance;
  }

  const axisNumbers = {type: 'value', axisLabel: {formatter: v => numbers.format(v)}};
  const tooltip = {trigger: 'axis', valueFormatter: v => v == null ? '-' : numbers.format(v)};

  function cell(value, format) {
    const td = document.createElement('td');
    td.dataset.value = Array.isArray(value) ? value.join(' ') : value ?? '';
    td.textContent = value == null ? '-' : format ? format(value) : Array.isArray(value) ? value.join(', ') : value;
    if (typeof value === 'number') td.className = 'number';
    return td;
  }

  /** A table of rows: columns are [field, heading key, format]. */
  function table(id, columns, rows) {
    const element = document.getElementById(id);
    element.replaceChildren();
    const head = element.createTHead().insertRow();
    for (const [field, heading] of columns) {
      const th = document.createElement('th');
      th.dataset.field = field;
      th.textContent = text(heading);
      head.append(th);
    }
    const body = element.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const [field, , format] of columns) tr.append(cell(row[field], format));
    }
    if (!rows.length) body.insertRow().append(Object.assign(document.createElement('td'), {colSpan: columns.length, textContent: text('none')}));
  }

  // The last 24 hours of stored slots, then the live samples' slots after them.
  function drawTraffic() {
    const stored = model.traffic;
    const slots = new Map(stored.map(s => [Date.parse(s.time), s]));
    for (const [start, counts] of model.live.slots) slots.set(start, counts);
    const starts = [...slots.keys()].sort((a, b) => a - b);
    const newest = starts.length ? starts[starts.length - 1] : Date.now();
    const shown = starts.filter(t => t > newest - DAY);
    chart('traffic', {
      color: CLASSES.map(c => COLOURS[c]), tooltip, legend: {top: 0},
      grid: {left: 60, right: 16, top: 32, bottom: 32},
      xAxis: {type: 'time'}, yAxis: axisNumbers,
      series: CLASSES.map(c => ({name: text(c), id: c, type: 'line', showSymbol: false, data: shown.map(t => [t, slots.get(t)[c]])}))
    });
  }

  async function traffic(day) {
    const slots = await get('/api/stats/traffic', {from: daysBefore(day, 1), to: day});
    const end = slots.length ? Date.parse(slots[slots.length - 1].time) : 0;
    model.traffic = slots.filter(s => Date.parse(s.time) > end - DAY);
    model.storedUntil = end + SLOT;
    drawTraffic();
  }

  function live() {
    const source = new EventSource('/api/live');
    source.addEventListener('sample', event => {
      const sample = JSON.parse(event.data);
      const time = Date.parse(sample.time);
      model.live.samples++;
      document.getElementById('live-status').textContent = text('live_on', {n: numbers.format(model.live.samples)});
      document.getElementById('live-status').dataset.samples = model.live.samples;
      if (model.traffic === undefined || time <= (model.storedUntil ?? 0)) return; // the store counts it already
      const start = Math.floor((time - 1) / SLOT) * SLOT;
      const slot = model.live.slots.get(start) ?? {tcp: 0, udp: 0, icmp: 0, other: 0};
      for (const c of CLASSES) slot[c] += sample[c];
      model.live.slots.set(start, slot);
      drawTraffic();
    });
  }

  async function daily(day) {
    const rows = await get('/api/stats/daily', {from: daysBefore(day, 89), to: day});
    chart('daily', {
      color: ['all', ...CLASSES.slice(0, 3)].map(c => COLOURS[c]), tooltip, legend: {top: 0},
      grid: {left: 60, right: 16, top: 32, bottom: 32},
      xAxis: {type: 'category', data: rows.map(r => r.date)}, yAxis: axisNumbers,
      series: ['all', 'tcp', 'udp', 'icmp'].map(c => ({name: text(c), id: c, type: 'line', showSymbol: false, data: rows.map(r => r.sources[c])}))
    });
  }

  async function ports(day) {
    const rows = await get('/api/stats/ports', {from: day, to: day, top: 10});
    chart('ports', {
      color: [COLOURS.tcp], tooltip: {trigger: 'axis', valueFormatter: v => numbers.format(v)},
      grid: {left: 90, right: 24, top: 8, bottom: 32},
      xAxis: axisNumbers, yAxis: {type: 'category', inverse: true, data: rows.map(r => r.port + '/' + r.proto)},
      series: [{name: text('col_sources'), id: 'sources', type: 'bar', data: rows.map(r => r.sources)}]
    });
    table('ports-table', [['port', 'col_port'], ['proto', 'col_proto'], ['packets', 'col_packets', v => numbers.format(v)],
      ['share', 'col_share', v => percent.format(v)], ['sources', 'col_sources', v => numbers.format(v)]], rows);
    return rows;
  }

  async function fingerprints(day) {
    const rows = await get('/api/fingerprints', {from: daysBefore(day, 29), to: day});
    const dates = Array.from({length: 30}, (_, i) => daysBefore(day, 29 - i));
    const scanners = rows.filter(r => !r.fingerprint.startsWith('class/'));
    chart('fingerprints', {
      tooltip, legend: {top: 0, type: 'scroll'}, grid: {left: 60, right: 16, top: 32, bottom: 32},
      xAxis: {type: 'category', data: dates}, yAxis: axisNumbers,
      series: scanners.map(r => {
        const byDate = new Map(r.days.map(d => [d.date, d.sources]));
        return {name: r.fingerprint, id: r.fingerprint, type: 'line', symbolSize: 4, data: dates.map(d => byDate.get(d) ?? null)};
      })
    });
    const last = r => r.days[r.days.length - 1];
    table('fingerprints-table', [['fingerprint', 'col_fingerprint'], ['first_seen', 'col_first_seen'], ['last_seen', 'col_last_seen'],
      ['sources', 'col_sources_last', v => numbers.format(v)]], rows.map(r => ({...r, sources: last(r).date === day ? last(r).sources : 0})));
  }

  async function countries(day, top) {
    document.getElementById('countries-note').textContent = text('countries_note', {day, ports: top.join(', ')});
    if (!top.length) return table('countries-table', [], []);
    const port = top.join(',');
    const [all, rows, world] = await Promise.all([get('/api/stats/countries', {port, date: day, top: 0}),
      get('/api/stats/countries', {port, date: day, top: 10}), fetch('/static/world.json').then(r => r.json())]);
    echarts.registerMap('world', world);
    const known = all.filter(r => /^[A-Z]{2}$/.test(r.country));
    chart('countries', {
      tooltip: {trigger: 'item', formatter: p => country(p.name) + ': ' + (isNaN(p.value) ? '-' : numbers.format(p.value))},
      visualMap: {min: 0, max: Math.max(1, ...known.map(r => r.sources)), left: 'left', bottom: 0, calculable: true,
        inRange: {color: ['#e0ecf4', '#08519c']}, formatter: v => numbers.format(Math.round(v))},
      series: [{type: 'map', id: 'countries', map: 'world', roam: false, emphasis: {label: {show: false}},
        data: known.map(r => ({name: r.country, value: r.sources}))}]
    });
    table('countries-table', [['country', 'col_country', country], ['sources', 'col_sources', v => numbers.format(v)],
      ['share', 'col_share', v => percent.format(v)]], rows);
  }

  async function tables(day) {
    const count = v => numbers.format(v);
    const [events, dos, health, reports, credits] = await Promise.all([get('/api/events', {from: daysBefore(day, 29), to: day}),
      get('/api/dos', {from: daysBefore(day, 6), to: day, top: 10}), get('/api/health', {from: daysBefore(day, 6), to: day}),
      get('/api/reports'), get('/api/credits')]);
    table('events-table', [['kind', 'col_kind', k => text('kind_' + k)], ['key', 'col_key'], ['onset', 'col_onset'], ['peak_date', 'col_peak'],
      ['peak_sources', 'col_peak_sources', count], ['growth', 'col_growth', v => numbers.format(Math.round(v * 10) / 10)], ['end', 'col_end'],
      ['top_countries', 'col_countries'], ['top_networks', 'col_networks']], events);
    table('dos-table', [['victim', 'col_victim'], ['first_seen', 'col_first_seen'], ['packets', 'col_packets', count],
      ['duration_seconds', 'col_duration', count], ['estimated_attack_packets_per_second', 'col_rate', v => numbers.format(Math.round(v))],
      ['ports', 'col_ports']], dos);
    table('health-table', [['sensor', 'col_sensor'], ['date', 'col_date'], ['observed', 'col_observed', v => percent.format(v)],
      ['received', 'col_received', count], ['dropped', 'col_dropped', count]], health);
    const list = document.getElementById('reports');
    list.replaceChildren(...reports.map(r => {
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('a'), {href: '/reports/' + encodeURIComponent(r.file), textContent: r.year + ' (' + r.language + ', ' + r.format + ')'}));
      return li;
    }));
    if (!reports.length) list.append(Object.assign(document.createElement('li'), {textContent: text('no_reports')}));
    document.getElementById('credits').replaceChildren(...credits.map(c => Object.assign(document.createElement('li'), {textContent: c})));
  }

  async function load() {
    const status = document.getElementById('status');
    live();
    const days = await get('/api/stats/daily');
    if (!days.length) {
      status.textContent = text('no_data');
      model.traffic = [];
      drawTraffic();
      await tables(new Date().toISOString().slice(0, 10));
      model.ready = true;
      return;
    }
    const day = days[days.length - 1].date;
    model.day = day;
    status.textContent = text('updated', {day});
    const [, , top] = await Promise.all([traffic(day), daily(day), ports(day), fingerprints(day), tables(day)]);
    await countries(day, top.map(r => r.port + '/' + r.proto));
    model.ready = true;
  }

  window.addEventListener('resize', () => Object.values(model.charts).forEach(c => c.resize()));
  document.addEventListener('DOMContentLoaded', () => load().catch(e => {
    document.getElementById('status').textContent = e.message;
    model.error = e.message;
  }));
})();
