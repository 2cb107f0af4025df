// The table sections: loss per minute and hop, subscriptions, dead letters. Each renders its own empty state.
import { el, table, status, number, clock } from './dom.js';

export function renderLoss(section, report) {
  const target = section.querySelector('#loss-table');
  const buckets = [...report.buckets].reverse();
  if (buckets.length === 0) {
    table(target, [], []);
    status(section, 'No audit data in the last hour yet: hops report their counts every few seconds once events flow.');
    return;
  }
  const total = report.total;
  status(section, `Final minutes (older than ${report.gracePeriodSeconds} s of grace): ${number(total.accepted)} accepted, `
    + `${number(total.lost)} lost (${number(total.lossPercent, 3)} %). Alert above ${report.thresholdPercent} %.`);
  const rows = buckets.flatMap(bucket => [
    ...bucket.hops.map(hop => el('tr', {},
      el('td', {}, clock(bucket.minute)),
      el('td', {}, hop.hop),
      ...[hop.in, hop.out, hop.deadLettered, hop.filtered, hop.duplicate, hop.expected, hop.accounted].map(v => el('td', { class: 'num' }, number(v))),
      el('td', { class: hop.lost > 0 ? 'num lost' : 'num' }, number(hop.lost)),
      el('td', { class: 'num' }, number(hop.lossPercent, 2)),
      el('td', {}, bucket.final ? 'final' : 'open'))),
    el('tr', { class: 'e2e' },
      el('td', {}, clock(bucket.minute)),
      el('td', {}, 'end to end'),
      el('td', { class: 'num' }, number(bucket.endToEnd.accepted)),
      el('td', { class: 'num' }, number(bucket.endToEnd.delivered)),
      el('td', { colspan: 4 }),
      el('td', { class: 'num' }, number(bucket.endToEnd.accounted)),
      el('td', { class: bucket.endToEnd.lost > 0 ? 'num lost' : 'num' }, number(bucket.endToEnd.lost)),
      el('td', { class: 'num' }, number(bucket.endToEnd.lossPercent, 2)),
      el('td', {}, bucket.alert ? 'ALERT' : (bucket.final ? 'final' : 'open'))),
  ]);
  table(target, ['minute', 'hop', ...['in', 'out', 'dead-lettered', 'filtered', 'duplicate', 'expected', 'accounted', 'lost', 'loss %'].map(label => ({ label, num: true })), 'state'], rows);
}

// Why the metrics could not be read, named for where the page reads them from.
export function readFailures(config, errors) {
  if (errors.length === 0) return '';
  return `${config.metricsFrom === 'prometheus' ? 'Prometheus queries failing' : 'Scrapes failing'}: ${errors.join('; ')}`;
}

export function renderSubscriptions(section, answer, config) {
  const target = section.querySelector('#subscriptions-table');
  const errors = readFailures(config, answer.errors);
  if (answer.subscriptions.length === 0) {
    table(target, [], []);
    status(section, errors || 'No subscriptions configured or seen in the metrics.', errors !== '');
    return;
  }
  status(section, errors, errors !== '');
  table(target, ['subscription', 'circuit', { label: 'delivered/s', num: true }, { label: 'dead-lettered/s', num: true }],
    answer.subscriptions.map(s => el('tr', {},
      el('td', {}, s.name),
      el('td', {}, el('span', { class: `badge ${s.circuit}` }, s.circuit)),
      el('td', { class: 'num' }, number(s.deliveredPerSecond, 1)),
      el('td', { class: 'num' }, number(s.deadLetteredPerSecond, 1)))));
}

export function renderDeadLetters(section, answer, onRedrive) {
  const target = section.querySelector('#deadletters-table');
  if (answer.rows.length === 0) {
    table(target, [], []);
    status(section, 'No dead letters.');
    return;
  }
  const waiting = answer.rows.reduce((sum, row) => sum + row.count - row.redriven, 0);
  status(section, `${number(waiting)} not redriven yet; a redrive sends them to ${answer.redriveTopic}, due now.`);
  table(target, ['subscription', 'reason', 'status', { label: 'count', num: true }, { label: 'redriven', num: true }, ''],
    answer.rows.map(row => el('tr', {},
      el('td', {}, row.subscription || '(none)'),
      el('td', {}, row.reason),
      el('td', {}, row.status),
      el('td', { class: 'num' }, number(row.count)),
      el('td', { class: 'num' }, number(row.redriven)),
      el('td', {}, row.subscription && row.count > row.redriven
        ? el('button', { class: 'danger', type: 'button', onclick: () => onRedrive(row, answer.rows) }, 'Redrive…')
        : null))));
}
