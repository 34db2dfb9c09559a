// xraylocal UI: plain DOM, no framework, no build step. Every string from
// documents is set with textContent, never parsed as HTML.
'use strict';
(function () {
  const $ = (sel) => document.querySelector(sel);

  // el builds an element: el('td', {class: 'mono', title: 'x'}, 'text', child...).
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const k of kids) {
      if (k === undefined || k === null || k === false) continue;
      e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return e;
  }

  function fmtSeconds(sec) {
    if (!(sec >= 0)) return '';
    if (sec < 0.001) return Math.round(sec * 1e6) + 'µs';
    if (sec < 0.01) return (sec * 1e3).toFixed(2) + 'ms';
    if (sec < 1) return (sec * 1e3).toFixed(1) + 'ms';
    return sec.toFixed(2) + 's';
  }
  function fmtBytes(n) {
    if (!(n > 0)) return '0';
    if (n < 1 << 20) return Math.round(n / 1024) + ' KB';
    return (n / (1 << 20)).toFixed(1) + ' MB';
  }
  function fmtTime(iso) {
    const d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleTimeString();
  }

  async function getJSON(url) {
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) {
      let msg = r.status + ' ' + r.statusText;
      try { msg = (await r.json()).error || msg; } catch (_) { /* not JSON */ }
      throw new Error(msg);
    }
    return r.json();
  }

  const state = { version: -1, selected: '', selectedStamp: '', filter: '', selectedNode: '' };

  function badges(x) {
    const out = [];
    if (x.fault) out.push(el('span', { class: 'badge fault' }, 'fault'));
    if (x.throttle) out.push(el('span', { class: 'badge throttle' }, 'throttle'));
    if (x.error) out.push(el('span', { class: 'badge error' }, 'error'));
    if (x.in_progress) out.push(el('span', { class: 'badge progress' }, 'in progress'));
    if (x.problems > 0 || (Array.isArray(x.problems) && x.problems.length)) {
      const n = Array.isArray(x.problems) ? x.problems.length : x.problems;
      out.push(el('span', { class: 'badge problem', title: 'documents breaking X-Ray rules' }, n + ' problem' + (n === 1 ? '' : 's')));
    }
    if (!out.length) out.push(el('span', { class: 'badge ok' }, 'ok'));
    if (x.format === 'otlp') out.push(el('span', { class: 'badge', title: 'arrived as OTLP (T1S/T1U datagrams)' }, 'OTLP'));
    return out;
  }

  // Counters in the header.
  function renderCounters(st) {
    $('#listen').textContent = 'udp ' + st.udp_addr + (st.forward ? ' → ' + st.forward : '');
    const items = [
      ['datagrams', st.datagrams], ['documents', st.documents], ['traces', st.traces],
      ['discarded', st.discarded, true], ['rejected', st.rejected, true], ['invalid', st.invalid, true],
      ['evicted', st.evicted], ['overflow', st.overflow, true], ['memory', fmtBytes(st.memory)],
    ];
    if (st.forward) items.push(['forwarded', st.forwarded], ['forward errors', st.forward_errors, true]);
    const dl = $('#counters');
    dl.replaceChildren(...items.map(([k, v, bad]) =>
      el('div', { class: bad && v > 0 ? 'bad' : '' }, el('dt', {}, k), el('dd', {}, v))));
  }

  // Service map: the server draws the SVG; we parse it as XML and adopt it.
  async function loadMap() {
    const r = await fetch('api/servicemap.svg', { cache: 'no-store' });
    const text = await r.text();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = doc.documentElement;
    const map = $('#map');
    if (svg.nodeName !== 'svg') {
      map.replaceChildren(el('p', { class: 'hint' }, 'The map could not be drawn.'));
      return;
    }
    const node = document.importNode(svg, true);
    map.replaceChildren(node);
    for (const g of node.querySelectorAll('g.node')) {
      if (g.dataset.name === state.selectedNode) g.classList.add('selected');
      const pick = () => {
        const name = g.dataset.type === 'client' ? '' : g.dataset.name;
        state.selectedNode = name;
        setFilter(name);
      };
      g.addEventListener('click', pick);
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') pick(); });
    }
    const m = await getJSON('api/servicemap');
    $('#map-note').textContent = m.nodes.length
      ? m.nodes.length + ' nodes from ' + m.traces + ' trace' + (m.traces === 1 ? '' : 's') + ' · click a node to filter the traces'
      : '';
  }

  async function loadTraces() {
    const q = state.filter ? '?q=' + encodeURIComponent(state.filter) : '';
    const data = await getJSON('api/traces' + q);
    $('#trace-count').textContent = data.total + (state.filter ? ' matching' : '');
    const rows = data.traces.map((t) => {
      const tr = el('tr', { dataset: { id: t.id }, class: t.id === state.selected ? 'selected' : '', title: t.id },
        el('td', {}, fmtTime(t.received)),
        el('td', {}, el('div', {}, t.root || '(no root)'),
          el('div', { class: 'note' }, [t.method, t.url, t.status || ''].filter(Boolean).join(' ') || t.services.join(', ')),
          t.sampling_rule ? el('div', { class: 'note rule', title: 'sampled by this rule' }, 'rule ' + t.sampling_rule) : null),
        el('td', {}, fmtSeconds(t.duration_ms / 1000)),
        el('td', {}, t.spans),
        el('td', {}, ...badges(t)));
      tr.addEventListener('click', () => selectTrace(t.id));
      return tr;
    });
    if (!rows.length) {
      rows.push(el('tr', {}, el('td', { colspan: 5, class: 'hint' },
        state.filter ? 'No trace matches the filter.' : 'No traces yet.')));
    }
    $('#traces tbody').replaceChildren(...rows);
    return data.traces;
  }

  async function loadProblems() {
    const data = await getJSON('api/problems?limit=300');
    $('#problem-count').textContent = data.total ? data.total + ' found' + (data.total > data.problems.length ? ', newest ' + data.problems.length + ' shown' : '') : 'none';
    const rows = data.problems.map((p) => {
      const docCell = el('td', { class: 'mono' });
      if (p.trace_id) {
        const a = el('a', { href: '#trace=' + encodeURIComponent(p.trace_id) }, p.doc_id || p.trace_id);
        a.addEventListener('click', (ev) => { ev.preventDefault(); selectTrace(p.trace_id); });
        docCell.append(a);
      } else {
        docCell.append(p.doc_id || '—');
      }
      if (p.name) docCell.append(el('div', { class: 'note' }, p.name));
      return el('tr', {},
        el('td', {}, fmtTime(p.time)),
        el('td', { class: 'mono' }, p.rule),
        el('td', { class: 'mono' }, p.field || ''),
        el('td', { class: 'msg' }, p.msg),
        docCell,
        el('td', {}, p.outcome));
    });
    if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: 6, class: 'hint' }, 'No problems: every document follows the rules.')));
    $('#problems tbody').replaceChildren(...rows);
  }

  // Sampling: the rules xraylocal serves, what samplers reported for each,
  // and each sampler's reservoir quota and its TTL.
  async function loadSampling() {
    const data = await getJSON('api/sampling');
    $('#sampling-note').textContent = 'rules from ' + data.source;
    const now = Date.now();
    const rows = data.rules.map((ri) => {
      const r = ri.rule;
      const samplers = ri.samplers.map((c) => {
        const left = Math.round((new Date(c.reservoir_quota_ttl) - now) / 1000);
        return el('div', { class: c.active ? '' : 'note', title: 'sampler ' + c.client_id + ', last report ' + fmtTime(c.last_report) },
          el('span', { class: 'mono' }, c.client_id.slice(0, 8)), ' ', c.reservoir_quota + '/s, ',
          left > 0 ? left + ' s left' : 'expired', c.active ? '' : ' (inactive)');
      });
      return el('tr', { dataset: { rule: r.RuleName } },
        el('td', {}, el('div', { class: 'mono' }, r.RuleName), el('div', { class: 'note' }, 'priority ' + r.Priority)),
        el('td', {}, r.ReservoirSize + '/s · ' + Math.round(r.FixedRate * 10000) / 100 + '%'),
        el('td', {}, ri.requests), el('td', {}, ri.sampled), el('td', {}, ri.borrowed),
        el('td', {}, ...(samplers.length ? samplers : [el('span', { class: 'hint' }, 'none reported')])));
    });
    $('#sampling tbody').replaceChildren(...rows);
  }

  function selectTrace(id) {
    state.selected = id;
    if (location.hash !== '#trace=' + encodeURIComponent(id)) history.replaceState(null, '', '#trace=' + encodeURIComponent(id));
    for (const tr of document.querySelectorAll('#traces tbody tr')) tr.classList.toggle('selected', tr.dataset.id === id);
    loadTrace(id).catch(showError);
  }

  // flatten returns [span, depth] pairs, depth first, without recursion.
  function flatten(roots) {
    const out = [];
    const stack = roots.slice().reverse().map((s) => [s, 0]);
    while (stack.length) {
      const [s, d] = stack.pop();
      out.push([s, d]);
      const kids = s.children || [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], d + 1]);
    }
    return out;
  }

  async function loadTrace(id) {
    const t = await getJSON('api/traces/' + encodeURIComponent(id));
    $('#trace-title').textContent = 'Timeline: ' + (t.root || t.id);
    $('#trace-meta').replaceChildren(
      el('span', { class: 'mono' }, t.id), ' · ', fmtSeconds(t.duration_ms / 1000), ' · ',
      t.spans + ' spans in ' + t.document_count + ' document' + (t.document_count === 1 ? '' : 's'),
      t.complete ? ' · complete' : ' · waiting for more documents',
      t.sampling_rule ? el('span', { class: 'rule' }, ' · sampled by rule ' + t.sampling_rule) : '', ' ', ...badges(t));
    const start = t.start;
    const span = Math.max(t.end - t.start, 1e-6);
    const axis = el('div', { class: 'wf-axis' }, el('div', {}, 'Span'),
      el('div', { class: 'ticks' }, ...[0, 0.25, 0.5, 0.75, 1].map((f) => {
        const s = el('span', {}, fmtSeconds(span * f));
        s.style.left = (f * 100) + '%';
        return s;
      })), el('div', {}, 'Duration'));
    const rows = flatten(t.roots).map(([s, depth]) => {
      const left = ((s.start - start) / span) * 100;
      const end = s.in_progress ? t.end : s.end;
      const width = Math.max(((end - s.start) / span) * 100, 0);
      const cls = ['wf-bar'];
      if (s.kind === 'segment') cls.push('segment');
      else if (s.namespace) cls.push('call');
      if (s.error) cls.push('error');
      if (s.throttle) cls.push('throttle');
      if (s.fault) cls.push('fault');
      if (s.in_progress) cls.push('progress');
      const bar = el('div', { class: cls.join(' '), title: s.name + ' · ' + fmtSeconds(end - s.start) });
      bar.style.left = Math.min(Math.max(left, 0), 100) + '%';
      bar.style.width = Math.min(width, 100 - Math.min(Math.max(left, 0), 100)) + '%';
      const kind = s.kind === 'segment' ? (s.origin || 'segment') : (s.namespace || '');
      const name = el('div', { class: 'wf-name', title: s.name },
        s.name, kind ? el('span', { class: 'kind' }, kind) : null,
        s.problems && s.problems.length ? el('span', { class: 'wf-flag', title: s.problems.map((p) => p.rule + ' ' + (p.field || '') + ': ' + p.msg).join('\n') }, '!') : null,
        s.orphan ? el('span', { class: 'wf-flag', title: 'parent ' + s.parent_id + ' not received' }, '↑?') : null);
      name.style.paddingLeft = (depth * 14) + 'px';
      const row = el('div', { class: 'wf-row', dataset: { id: s.id } }, name,
        el('div', { class: 'wf-track' }, bar),
        el('div', { class: 'wf-dur' }, s.in_progress ? 'in progress' : fmtSeconds(s.end - s.start)));
      row.addEventListener('click', () => showSpan(s, row));
      return row;
    });
    $('#waterfall').replaceChildren(axis, ...rows);
    $('#span-detail').hidden = true;
  }

  function showSpan(s, row) {
    for (const r of document.querySelectorAll('.wf-row.selected')) r.classList.remove('selected');
    row.classList.add('selected');
    const copy = Object.assign({}, s);
    delete copy.children;
    const pre = $('#span-detail');
    pre.textContent = JSON.stringify(copy, null, 2);
    pre.hidden = false;
  }

  let filterTimer = 0;
  function setFilter(q) {
    const input = $('#filter');
    if (input.value !== q) input.value = q;
    state.filter = q.trim();
    for (const g of document.querySelectorAll('#map g.node')) g.classList.toggle('selected', !!q && g.dataset.name === q);
    loadTraces().catch(showError);
  }
  $('#filter').addEventListener('input', (ev) => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => setFilter(ev.target.value), 200);
  });
  $('#clear-filter').addEventListener('click', () => { state.selectedNode = ''; setFilter(''); });

  function showError(err) {
    $('#listen').textContent = 'error: ' + err.message;
  }

  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const st = await getJSON('api/stats');
      renderCounters(st);
      await loadSampling();
      if (st.version !== state.version) {
        state.version = st.version;
        const [, traces] = await Promise.all([loadMap(), loadTraces(), loadProblems()]);
        if (state.selected) {
          // Reload the open trace only when it changed, keeping the span shown.
          const t = traces.find((x) => x.id === state.selected);
          const stamp = t ? t.updated + '|' + t.complete : '';
          if (!t || stamp !== state.selectedStamp) {
            state.selectedStamp = stamp;
            await loadTrace(state.selected);
          }
        }
      }
    } catch (err) {
      showError(err);
    } finally {
      busy = false;
    }
  }

  const m = /^#trace=(.+)$/.exec(location.hash);
  if (m) state.selected = decodeURIComponent(m[1]);
  refresh().then(() => { if (state.selected) selectTrace(state.selected); });
  setInterval(refresh, 1500);
})();
