// Reach dashboard: renders the pages from the dashboard's own JSON API (/api/...), polling it while a page is open.
'use strict';

const main = document.getElementById('main');
const palette = ['#5b3cc4', '#1f8a4c', '#c05621', '#2b6cb0', '#b83280', '#2c7a7b', '#975a16', '#4a5568'];
const colors = {};
let timer = null;
let pageToken = 0;

function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
function colorOf(name) {
  if (!(name in colors)) {
    const fixed = { crm: palette[0], channel: palette[1], web: palette[2], postgresql: palette[3], postgres: palette[3] };
    colors[name] = fixed[name] ?? palette[4 + Object.keys(colors).length % 4];
  }
  return colors[name];
}
async function api(path, options) {
  const response = await fetch('/api' + path, options);
  if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
  return response.status === 202 ? null : response.json();
}
function fmtTime(iso) { return iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) + '.' + String(new Date(iso).getMilliseconds()).padStart(3, '0') : ''; }
function fmtMs(ms) { return ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms >= 10 ? ms.toFixed(0) + ' ms' : ms.toFixed(2) + ' ms'; }
function stateClass(state) {
  if (/^Running/.test(state)) return 'ok';
  if (/^(Exited|FailedToStart|Unhealthy)/.test(state)) return 'err';
  if (/^(Starting|Waiting|Building|Stopping)/.test(state)) return 'warn';
  return '';
}
function query() {
  const [path, qs] = location.hash.replace(/^#/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(qs ?? '') };
}
function setHash(page, params) {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  history.replaceState(null, '', '#/' + page + (qs ? '?' + qs : ''));
}
function poll(fn, ms) {
  const token = ++pageToken;
  const run = async () => {
    if (token !== pageToken) return;
    try { await fn(); document.getElementById('status').textContent = 'updated ' + new Date().toLocaleTimeString([], { hour12: false }); }
    catch (e) { document.getElementById('status').textContent = 'dashboard API: ' + e.message; }
    if (token === pageToken && ms) timer = setTimeout(run, ms);
  };
  clearTimeout(timer);
  run();
}
async function resourceNames() { return (await api('/resources')).map(r => r.name); }
function options(values, selected, blank) {
  return (blank !== undefined ? `<option value="">${esc(blank)}</option>` : '') +
    values.map(v => `<option ${v === selected ? 'selected' : ''} value="${esc(v)}">${esc(v)}</option>`).join('');
}

// ---- Resources -------------------------------------------------------------------------------------------------
async function resourcesPage() {
  main.innerHTML = '<h1>Resources</h1><div id="resources"></div>';
  poll(async () => {
    const resources = await api('/resources');
    const open = new Set([...document.querySelectorAll('details.env[open]')].map(d => d.dataset.name));
    document.getElementById('resources').innerHTML = `<table><thead><tr><th>Name</th><th>Type</th><th>State</th><th>Health</th>
      <th>URL</th><th>PID</th><th>Started</th><th>Environment</th><th>Actions</th></tr></thead><tbody>` +
      resources.map(r => `<tr data-resource="${esc(r.name)}" data-state="${esc(r.state)}">
        <td><b>${esc(r.name)}</b>${r.dependsOn.length ? `<div class="muted">waits for ${esc(r.dependsOn.join(', '))}</div>` : ''}</td>
        <td>${esc(r.type)}</td>
        <td><span class="badge ${stateClass(r.state)}">${esc(r.state)}</span>${r.message ? `<div class="muted">${esc(r.message)}</div>` : ''}</td>
        <td>${r.health ? `<span class="badge ${r.health === 'Healthy' ? 'ok' : r.health === 'Unhealthy' ? 'err' : 'warn'}">${esc(r.health)}</span>` : ''}${r.healthDetail ? `<div class="muted">${esc(r.healthDetail)}</div>` : ''}</td>
        <td>${r.url ? (r.url.startsWith('http') ? `<a href="${esc(r.url)}" target="_blank">${esc(r.url)}</a>` : `<span class="mono">${esc(r.url)}</span>`) : ''}</td>
        <td class="mono">${r.processId ?? ''}</td>
        <td>${fmtTime(r.startedAt)}</td>
        <td><details class="env" data-name="${esc(r.name)}" ${open.has(r.name) ? 'open' : ''}><summary>${r.environment.length} variables</summary>
          <table>${r.environment.map(e => `<tr><td class="mono">${esc(e.name)}</td><td class="mono">${esc(e.value)}</td></tr>`).join('')}</table></details></td>
        <td style="white-space:nowrap">
          <button data-action="start" ${r.canStart ? '' : 'disabled'}>Start</button>
          <button data-action="stop" ${r.canStop ? '' : 'disabled'}>Stop</button>
          <button data-action="restart">Restart</button>
          <a href="#/console/${encodeURIComponent(r.name)}">Console</a></td></tr>`).join('') + '</tbody></table>';
  }, 1500);
}
main.addEventListener('click', async e => {
  const button = e.target.closest('button[data-action]');
  if (!button) return;
  const name = button.closest('tr').dataset.resource;
  button.disabled = true;
  await api(`/resources/${encodeURIComponent(name)}/${button.dataset.action}`, { method: 'POST' });
});

// ---- Console logs ----------------------------------------------------------------------------------------------
async function consolePage(name) {
  const names = await resourceNames();
  name = name || names.find(n => n === 'crm') || names[0];
  main.innerHTML = `<div class="filters"><h1 style="margin:0">Console logs</h1>
    <select id="res">${options(names, name)}</select><label><input type="checkbox" id="follow" checked> follow</label></div>
    <pre class="console" id="console"></pre>`;
  document.getElementById('res').onchange = e => { location.hash = '#/console/' + encodeURIComponent(e.target.value); };
  const pre = document.getElementById('console');
  let after = -1;
  poll(async () => {
    const lines = await api(`/resources/${encodeURIComponent(name)}/console?after=${after}`);
    if (!lines.length) return;
    after = lines[lines.length - 1].sequence;
    pre.insertAdjacentHTML('beforeend', lines.map(l =>
      `<span class="${l.stream === 'Error' ? 'stderr' : l.stream === 'AppHost' ? 'apphost' : ''}">${esc(fmtTime(l.timestamp))} ${esc(l.text)}</span>\n`).join(''));
    if (document.getElementById('follow').checked) pre.scrollTop = pre.scrollHeight;
  }, 1000);
}

// ---- Structured logs -------------------------------------------------------------------------------------------
async function logsPage(params) {
  const names = await resourceNames();
  const f = { resource: params.get('resource') ?? '', level: params.get('level') ?? '', text: params.get('text') ?? '', traceId: params.get('traceId') ?? '' };
  main.innerHTML = `<div class="filters"><h1 style="margin:0">Structured logs</h1>
    <select id="res">${options(names, f.resource, 'All resources')}</select>
    <select id="level">${options(['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'], f.level, 'Any level')}</select>
    <input type="text" id="text" placeholder="Filter text" value="${esc(f.text)}">
    ${f.traceId ? `<span class="badge">trace ${esc(f.traceId.slice(0, 8))} <a href="#/logs">×</a></span>` : ''}</div><div id="logs"></div>`;
  const update = () => {
    f.resource = document.getElementById('res').value; f.level = document.getElementById('level').value; f.text = document.getElementById('text').value;
    setHash('logs', f); render();
  };
  document.getElementById('res').onchange = update; document.getElementById('level').onchange = update;
  document.getElementById('text').oninput = update;
  const render = () => poll(async () => {
    const qs = new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString();
    const logs = await api('/logs?' + qs);
    document.getElementById('logs').innerHTML = `<table><thead><tr><th>Time</th><th>Resource</th><th>Level</th><th>Message</th><th>Category</th><th>Trace</th></tr></thead><tbody>` +
      logs.map(l => `<tr><td class="mono">${fmtTime(l.time)}</td><td><span class="badge res" style="background:${colorOf(l.source.serviceName)}22;color:${colorOf(l.source.serviceName)}">${esc(l.source.serviceName)}</span></td>
        <td class="level-${esc(l.level)}">${esc(l.level)}</td><td>${esc(l.message)}</td><td class="muted mono">${esc(l.category)}</td>
        <td>${l.traceId ? `<a class="mono" href="#/traces/${l.traceId}">${l.traceId.slice(0, 8)}</a>` : ''}</td></tr>`).join('') + '</tbody></table>';
  }, 2000);
  render();
}

// ---- Traces ----------------------------------------------------------------------------------------------------
function perResource(summary) {
  return Object.entries(summary.spansPerResource).map(([name, count]) =>
    `<span class="badge res" style="background:${colorOf(name)}22;color:${colorOf(name)}">${esc(name)} ${count}</span>`).join('');
}
function traceRow(t) {
  return `<tr data-trace="${t.traceId}"><td class="mono">${fmtTime(t.start)}</td><td><a href="#/traces/${t.traceId}">${esc(t.name)}</a>
    ${t.linkedTraceIds.length ? `<span class="chip link">${t.linkedTraceIds.length} link${t.linkedTraceIds.length > 1 ? 's' : ''}</span>` : ''}</td>
    <td>${perResource(t)}</td><td class="mono">${t.spanCount}</td><td class="mono">${fmtMs(t.durationMs)}</td>
    <td>${t.errorCount ? `<span class="badge err">${t.errorCount} error${t.errorCount > 1 ? 's' : ''}</span>` : ''}</td>
    <td class="mono muted">${t.traceId.slice(0, 8)}</td></tr>`;
}
async function tracesPage(params) {
  const names = await resourceNames();
  const f = { resource: params.get('resource') ?? '', text: params.get('text') ?? '', hideDb: params.get('hideDb') ?? 'true' };
  main.innerHTML = `<div class="filters"><h1 style="margin:0">Traces</h1><select id="res">${options(names, f.resource, 'All resources')}</select>
    <input type="text" id="text" placeholder="Span name, attribute value or trace id" value="${esc(f.text)}">
    <label title="traces that are a single database command, e.g. a background loop polling its queue"><input type="checkbox" id="hidedb" ${f.hideDb === 'true' ? 'checked' : ''}> hide lone database commands</label></div><div id="traces"></div>`;
  const update = () => {
    f.resource = document.getElementById('res').value; f.text = document.getElementById('text').value;
    f.hideDb = document.getElementById('hidedb').checked ? 'true' : 'false'; setHash('traces', f); render();
  };
  document.getElementById('res').onchange = update; document.getElementById('text').oninput = update; document.getElementById('hidedb').onchange = update;
  const render = () => poll(async () => {
    const traces = await api('/traces?' + new URLSearchParams(Object.entries(f).filter(([, v]) => v)));
    document.getElementById('traces').innerHTML = `<table><thead><tr><th>Time</th><th>Name</th><th>Spans per resource</th><th>Spans</th><th>Duration</th><th>Errors</th><th>Trace id</th></tr></thead><tbody>` +
      traces.map(traceRow).join('') + '</tbody></table>';
  }, 2000);
  render();
}
function genAiChips(span) {
  const a = Object.fromEntries(span.attributes.map(x => [x.key, x.value]));
  const chips = [];
  if (a['gen_ai.operation.name'] === 'execute_tool' || a['gen_ai.tool.name']) chips.push('tool ' + (a['gen_ai.tool.name'] ?? ''));
  if (a['gen_ai.request.model'] || a['gen_ai.response.model']) chips.push('model ' + (a['gen_ai.response.model'] ?? a['gen_ai.request.model']));
  if (a['gen_ai.usage.input_tokens'] || a['gen_ai.usage.output_tokens']) chips.push(`tokens ${a['gen_ai.usage.input_tokens'] ?? 0} in / ${a['gen_ai.usage.output_tokens'] ?? 0} out`);
  const sql = a['db.query.summary'] ?? a['db.query.text'] ?? a['db.statement'];
  return chips.map(c => `<span class="chip">${esc(c)}</span>`).join('') + (span.links.length ? `<span class="chip link">${span.links.length} link${span.links.length > 1 ? 's' : ''}</span>` : '') +
    (sql ? `<span class="chip sql" title="${esc(sql)}">${esc(sql.replace(/\s+/g, ' '))}</span>` : '');
}
function attrTable(attributes) {
  return `<table>${attributes.map(a => `<tr><td class="mono muted">${esc(a.key)}</td><td class="mono">${esc(a.value)}</td></tr>`).join('')}</table>`;
}
async function traceDetailPage(traceId, selectedSpan) {
  main.innerHTML = '<div id="trace">Loading…</div>';
  let lastCount = -1;
  let selected = selectedSpan;
  const draw = detail => {
    const spans = detail.spans;
    const start = Math.min(...spans.map(s => Date.parse(s.start)));
    const end = Math.max(...spans.map(s => Date.parse(s.end)));
    const total = Math.max(end - start, 1);
    const byId = Object.fromEntries(spans.map(s => [s.spanId, s]));
    const children = {};
    spans.forEach(s => { const p = s.parentSpanId && byId[s.parentSpanId] ? s.parentSpanId : ''; (children[p] ??= []).push(s); });
    const ordered = [];
    const walk = (id, depth) => (children[id] ?? []).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).forEach(s => { ordered.push([s, depth]); walk(s.spanId, depth + 1); });
    walk('', 0);
    selected = selected && byId[selected] ? selected : (spans.find(s => s.attributes.some(a => a.key.startsWith('gen_ai.'))) ?? ordered[0][0]).spanId;
    const sel = byId[selected];
    const linkItem = t => `<a href="#/traces/${t.traceId}">${esc(t.name)}</a> <span class="muted mono">${t.traceId.slice(0, 8)}</span>`;
    const linkList = (title, list) => !list.length ? '' : list.length <= 4
      ? `<div class="links"><b>${title}</b> ${list.map(linkItem).join(', ')}</div>`
      : `<details class="links"><summary><b>${title}</b> ${list.length} traces: ${list.slice(0, 3).map(linkItem).join(', ')}, …</summary>${list.slice(3).map(linkItem).join(', ')}</details>`;
    document.getElementById('trace').innerHTML = `
      <div class="trace-head"><h1 style="margin:0">${esc(detail.summary.name)}</h1>
        <span class="mono muted" id="trace-id">${esc(detail.summary.traceId)}</span>
        <span>${fmtTime(detail.summary.start)}</span><span>duration <b>${fmtMs(detail.summary.durationMs)}</b></span>
        <span>${detail.summary.spanCount} spans</span><span>${perResource(detail.summary)}</span>
        ${detail.summary.errorCount ? `<span class="badge err">${detail.summary.errorCount} errors</span>` : ''}
        <a href="#/logs?traceId=${detail.summary.traceId}">Structured logs of this trace</a></div>
      ${linkList('Links to:', detail.linksTo)}${linkList('Linked from:', detail.linkedFrom)}
      <div class="waterfall" id="waterfall">
        <div class="axis"><div style="padding:3px 8px">Span</div><div class="ticks">${[0, .25, .5, .75, 1].map(f => `<span>${fmtMs(total * f)}</span>`).join('')}</div><div></div></div>
        ${ordered.map(([s, depth]) => {
          const left = (Date.parse(s.start) - start) / total * 100;
          const width = Math.max(s.durationMs / total * 100, 0.2);
          const svc = s.databaseSystem && s.source.serviceName !== s.databaseSystem ? s.databaseSystem : s.source.serviceName;
          return `<div class="span-row ${s.spanId === selected ? 'selected' : ''}" data-span="${s.spanId}" data-service="${esc(s.source.serviceName)}" data-db="${esc(s.databaseSystem ?? '')}">
            <div class="label" style="padding-left:${8 + depth * 16}px" title="${esc(s.name)}"><span class="svc" style="color:${colorOf(s.source.serviceName)}">${esc(s.source.serviceName)}</span><span class="name">${esc(s.name)}</span>${genAiChips(s)}</div>
            <div class="track"><div class="bar ${s.status === 'Error' ? 'error' : ''}" style="left:${left}%;width:${width}%;background:${colorOf(svc)}"></div></div>
            <div class="dur">${fmtMs(s.durationMs)}</div></div>`;
        }).join('')}
      </div>
      <div class="span-detail" id="span-detail">
        <div class="panel"><h2 style="margin-top:0">${esc(sel.name)}</h2>
          <table><tr><td class="muted">resource</td><td>${esc(sel.source.serviceName)} <span class="muted mono">${esc(sel.source.instanceId)}</span></td></tr>
          <tr><td class="muted">kind · scope</td><td>${esc(sel.kind)} · ${esc(sel.scope)}</td></tr>
          <tr><td class="muted">status</td><td>${esc(sel.status)} ${esc(sel.statusMessage ?? '')}</td></tr>
          <tr><td class="muted">span id</td><td class="mono">${esc(sel.spanId)} ← ${esc(sel.parentSpanId ?? 'root')}</td></tr>
          <tr><td class="muted">start · duration</td><td>${fmtTime(sel.start)} · ${fmtMs(sel.durationMs)}</td></tr></table>
          <h2>Attributes</h2>${attrTable(sel.attributes)}</div>
        <div class="panel"><h2 style="margin-top:0">Events (${sel.events.length})</h2>
          ${sel.events.map(ev => `<div><b>${esc(ev.name)}</b> <span class="muted">${fmtTime(ev.time)}</span>${attrTable(ev.attributes)}</div>`).join('') || '<span class="muted">none</span>'}
          <h2>Links (${sel.links.length})</h2>
          ${sel.links.map(l => `<div class="mono"><a href="#/traces/${l.traceId}?span=${l.spanId}">trace ${l.traceId.slice(0, 8)} · span ${esc(l.spanId)}</a>${attrTable(l.attributes)}</div>`).join('') || '<span class="muted">none</span>'}</div>
      </div>`;
    document.querySelectorAll('.span-row').forEach(row => row.onclick = () => { selected = row.dataset.span; draw(detail); });
    main.dataset.spans = String(spans.length);
  };
  poll(async () => {
    const detail = await api('/traces/' + encodeURIComponent(traceId));
    const count = detail.spans.length * 1000 + detail.linkedFrom.length;
    if (count !== lastCount) { lastCount = count; draw(detail); }
  }, 2000);
}

// ---- Metrics ---------------------------------------------------------------------------------------------------
// Histograms arrive cumulative (count and sum since start): chart the mean of the measurements of each interval.
function displaySeries(instrument) {
  const entries = Object.entries(instrument.series).slice(0, 8);
  if (instrument.kind !== 'Histogram') return entries;
  return entries.map(([key, pts]) => [key, pts.slice(1).map((p, i) => {
    const count = p.value - pts[i].value, sum = (p.sum ?? 0) - (pts[i].sum ?? 0);
    return count > 0 ? { time: p.time, value: sum / count } : count < 0 && p.value > 0 ? { time: p.time, value: (p.sum ?? 0) / p.value } : null;
  }).filter(Boolean)]).filter(([, pts]) => pts.length);
}
function chart(instrument) {
  const series = displaySeries(instrument);
  const points = series.flatMap(([, p]) => p);
  if (!points.length) return '<p class="muted">No values yet.</p>';
  const w = 900, h = 280, pad = 46;
  const t0 = Math.min(...points.map(p => Date.parse(p.time))), t1 = Math.max(...points.map(p => Date.parse(p.time)));
  const v0 = Math.min(0, ...points.map(p => p.value)), v1 = Math.max(...points.map(p => p.value), v0 + 1e-9);
  const x = t => pad + (t1 === t0 ? 0 : (Date.parse(t) - t0) / (t1 - t0) * (w - pad - 10));
  const y = v => h - 24 - (v - v0) / (v1 - v0) * (h - 40);
  const fmt = v => Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(4)).toString();
  const lines = series.map(([key, pts], i) => `<polyline fill="none" stroke="${palette[i % palette.length]}" stroke-width="2" points="${pts.map(p => `${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"/>`).join('');
  return `<svg viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="${esc(instrument.name)}">
    <line x1="${pad}" y1="${h - 24}" x2="${w - 10}" y2="${h - 24}" stroke="#ccc"/><line x1="${pad}" y1="10" x2="${pad}" y2="${h - 24}" stroke="#ccc"/>
    <text x="4" y="${y(v1) + 4}" font-size="11" fill="#666">${fmt(v1)}</text><text x="4" y="${h - 20}" font-size="11" fill="#666">${fmt(v0)}</text>
    <text x="${pad}" y="${h - 6}" font-size="11" fill="#666">${fmtTime(new Date(t0).toISOString())}</text>
    <text x="${w - 80}" y="${h - 6}" font-size="11" fill="#666">${fmtTime(new Date(t1).toISOString())}</text>${lines}</svg>
    <div class="legend">${series.map(([key, pts], i) => `<span><i style="background:${palette[i % palette.length]}"></i>${esc(key || '(no attributes)')}: <b>${fmt(pts[pts.length - 1].value)}</b></span>`).join('')}</div>`;
}
async function metricsPage(resource, params) {
  const names = await resourceNames();
  resource = resource || names.find(n => n === 'crm') || names[0];
  let selected = params.get('instrument') ?? '';
  main.innerHTML = `<div class="filters"><h1 style="margin:0">Metrics</h1><select id="res">${options(names, resource)}</select></div>
    <div class="metrics"><ul id="instruments"></ul><div id="instrument" class="chart"><p class="muted">Choose an instrument.</p></div></div>`;
  document.getElementById('res').onchange = e => { location.hash = '#/metrics/' + encodeURIComponent(e.target.value); };
  document.getElementById('instruments').onclick = e => {
    const li = e.target.closest('li[data-key]');
    if (li) { selected = li.dataset.key; setHash('metrics/' + encodeURIComponent(resource), { instrument: selected }); tick(); }
  };
  const tick = async () => {
    const list = await api('/metrics?resource=' + encodeURIComponent(resource));
    let meter = null;
    document.getElementById('instruments').innerHTML = list.map(i => {
      const key = i.meter + '/' + i.name;
      const head = i.meter !== meter ? `<li class="meter">${esc(meter = i.meter)}</li>` : '';
      return head + `<li data-key="${esc(key)}" class="${key === selected ? 'selected' : ''}">${esc(i.name)} <span class="muted">${esc(i.kind)}${i.unit ? ' · ' + esc(i.unit) : ''}</span></li>`;
    }).join('') || '<li class="muted">No metrics received yet.</li>';
    if (selected) {
      const [meterName, ...rest] = selected.split('/');
      const instrument = await api(`/metrics/${encodeURIComponent(resource)}/${encodeURIComponent(meterName)}/${encodeURIComponent(rest.join('/'))}`);
      document.getElementById('instrument').innerHTML = `<h2 style="margin-top:0">${esc(instrument.name)} <span class="muted">${esc(instrument.kind)}${instrument.unit ? ' · ' + esc(instrument.unit) : ''}${instrument.kind === 'Histogram' ? ' · mean of each interval\'s measurements' : ''}</span></h2>
        <p class="muted">${esc(instrument.description)}</p>${chart(instrument)}`;
    }
  };
  poll(tick, 2000);
}

// ---- Routing ---------------------------------------------------------------------------------------------------
function route() {
  const { parts, params } = query();
  const page = parts[0] || 'resources';
  main.dataset.page = page;
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
  switch (page) {
    case 'console': return consolePage(parts[1]);
    case 'logs': return logsPage(params);
    case 'traces': return parts[1] ? traceDetailPage(parts[1], params.get('span')) : tracesPage(params);
    case 'metrics': return metricsPage(parts[1], params);
    default: return resourcesPage();
  }
}
window.addEventListener('hashchange', route);
route();
