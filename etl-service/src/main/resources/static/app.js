// The course report page: the key stays in this page's memory only, and goes out as X-API-Key.
(function () {
  const TOP = 20;
  const $ = (id) => document.getElementById(id);

  async function get(path, key) {
    const response = await fetch(path, { headers: { 'X-API-Key': key, 'Accept': 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.detail || ('HTTP ' + response.status));
    }
    return body;
  }

  function status(text, error) {
    $('status').textContent = text;
    $('status').className = error ? 'error' : '';
  }

  function showSummary(s, c) {
    const n = (x) => Number(x).toLocaleString('en-US');
    $('received').textContent = n(s.received);
    $('distinct').textContent = n(s.distinctAttempts);
    $('duplicates').textContent = n(s.duplicates);
    $('quarantined').textContent = n(s.quarantined);
    $('courses').textContent = n(s.courses);
    $('span').textContent = s.firstStartedAt ? s.firstStartedAt.slice(0, 10) + ' – ' + s.lastStartedAt.slice(0, 10) : '–';
    $('most-common').textContent = c.mostCommon.join(', ') || '–';
    $('least-common').textContent = c.leastCommon.join(', ') || '–';
    $('last-run').textContent = s.lastRun ? s.lastRun.id : 'none yet';
    $('summary').hidden = false;
  }

  function svg(name, attrs, text) {
    const el = document.createElementNS('http://www.w3.org/2000/svg', name);
    Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function showChart(report) {
    const chart = $('chart');
    chart.replaceChildren();
    const rows = report.courses.slice(0, TOP);
    const max = Math.max(1, ...rows.map((c) => c.attempts));
    const labelWidth = 330, barHeight = 22, gap = 6, width = 1000;
    chart.setAttribute('viewBox', `0 0 ${width} ${rows.length * (barHeight + gap) + gap}`);
    rows.forEach((c, i) => {
      const y = gap + i * (barHeight + gap);
      const w = Math.max(2, (width - labelWidth - 80) * c.attempts / max);
      const label = c.course.length > 48 ? c.course.slice(0, 47) + '…' : c.course;
      chart.appendChild(svg('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', class: 'label' }, label));
      const bar = svg('rect', { x: labelWidth, y, width: w, height: barHeight,
        class: report.mostCommon.includes(c.course) ? 'bar most' : 'bar', 'data-course': c.course, 'data-attempts': c.attempts });
      bar.appendChild(svg('title', {}, `${c.course}: ${c.attempts} attempts, ${c.distinctAttempts} distinct, `
        + `${c.distinctUsers} users, mean score ${c.meanScore == null ? '–' : c.meanScore.toFixed(2)}`));
      chart.appendChild(bar);
      chart.appendChild(svg('text', { x: labelWidth + w + 6, y: y + 15, class: 'value' }, String(c.attempts)));
    });
    $('report').hidden = false;
  }

  $('key-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    status('Loading…');
    $('summary').hidden = true;
    $('report').hidden = true;
    try {
      const [summary, courses] = await Promise.all([get('/api/v1/reports/summary', key), get('/api/v1/reports/courses', key)]);
      showSummary(summary, courses);
      showChart(courses);
      status(courses.courses.length ? `Top ${Math.min(TOP, courses.courses.length)} of ${courses.courses.length} courses.`
                                    : 'No assessments landed yet.');
    } catch (e) {
      status('Could not load the report: ' + e.message, true);
    }
  });
})();
