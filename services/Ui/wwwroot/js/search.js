// The event search: GET /v1/events/{source}/{id} of the receipts role — this process's, or, when Streams:Ui:ReceiptsUrl
// names another, through /ui/api/events/ here, so the page talks only to its own origin — rendered stage by stage.
import { getJson } from './api.js';
import { el, status } from './dom.js';

function stage(title, fields) {
  return [el('h3', {}, title), el('dl', {}, Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== '')
    .flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]))];
}

function badge(text) {
  return el('span', { class: `badge ${text}` }, text);
}

export function renderReceipt(target, receipt) {
  const parts = [];
  if (receipt.accepted) {
    const a = receipt.accepted;
    parts.push(...stage('accepted by ingest', { topic: a.topic, 'partition / offset': `${a.partition} / ${a.offset}`, time: a.time }));
  }
  if (receipt.normaliser) {
    const n = receipt.normaliser;
    parts.push(...stage('normaliser', {
      outcome: badge(n.outcome), topic: n.topic, 'partition / offset': n.partition === null || n.partition === undefined ? null : `${n.partition} / ${n.offset}`,
      time: n.time, reason: n.reason,
    }));
  }
  const subscriptions = receipt.subscriptions ?? [];
  parts.push(el('h3', {}, 'subscriptions'));
  parts.push(subscriptions.length === 0
    ? el('p', { class: 'muted' }, 'No delivery recorded yet.')
    : el('table', {},
      el('thead', {}, el('tr', {}, ['subscription', 'state', 'status', 'attempts', 'webhook-id', 'time', 'tier', 'next attempt', 'reason'].map(h => el('th', {}, h)))),
      el('tbody', {}, subscriptions.map(s => el('tr', {},
        el('td', {}, s.name), el('td', {}, badge(s.state)), el('td', {}, s.status ?? '–'), el('td', {}, s.attempts ?? '–'),
        el('td', {}, s.webhookId ?? '–'), el('td', {}, s.time ?? '–'), el('td', {}, s.tier ?? '–'),
        el('td', {}, s.nextAttemptAt ?? '–'), el('td', {}, s.reason ?? '–'))))));
  target.replaceChildren(el('p', {}, el('strong', {}, receipt.source), ' / ', el('strong', {}, receipt.id)), ...parts);
}

export function wireSearch(config, section) {
  const form = section.querySelector('#search-form');
  const target = section.querySelector('#receipt');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    const source = data.get('source').trim();
    const id = data.get('id').trim();
    const key = data.get('key');
    const path = config.receiptsUrl ? '/ui/api/events' : '/v1/events';
    status(section, 'Searching…');
    target.replaceChildren();
    try {
      const receipt = await getJson(`${path}/${encodeURIComponent(source)}/${encodeURIComponent(id)}`,
        key ? { Authorization: `Bearer ${key}` } : {});
      status(section, '');
      renderReceipt(target, receipt);
    } catch (error) {
      status(section, error.status === 404
        ? `No receipt for ${source} / ${id}: ingest never accepted it, or it is older than what the receipts keep. (${error.message})`
        : `Search failed: ${error.message}`, true);
    }
  });
}
