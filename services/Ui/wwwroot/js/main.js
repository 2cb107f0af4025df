// The SRE page: every section loads on its own, every refresh interval; a failing section shows its error as text and
// the others carry on.
import { getJson } from './api.js';
import { status, clock } from './dom.js';
import { lagChart, stackedProcessChart, clearChart } from './charts.js';
import { renderLoss, renderSubscriptions, renderDeadLetters, readFailures } from './sections.js';
import { askToRedrive } from './redrive.js';
import { wireSearch } from './search.js';

const section = id => document.getElementById(id);

async function guarded(id, load) {
  try {
    await load(section(id));
  } catch (error) {
    status(section(id), `Could not load: ${error.message}`, true);
  }
}

function noSamples(report, config) {
  const failures = readFailures(config, report.errors);
  const errors = failures ? ` ${failures}` : '';
  if (report.times.length === 0) {
    return `No samples yet: the first interval ends ${report.intervalSeconds} s after the page's process started.${errors}`;
  }
  if (report.hops.length > 0) return failures;
  return config.metricsFrom === 'prometheus'
    ? `No hop reports lag in Prometheus: check that it scrapes the hops' pods (the chart's ServiceMonitor or PodMonitor).${errors}`
    : `No hop reports lag in the /metrics scraped: list the hops' pods in Streams:Ui:MetricsUrls, or read them from Prometheus with Streams:Ui:PrometheusUrl.${errors}`;
}

async function refreshCharts(config) {
  let report;
  try {
    report = await getJson('api/lag');
  } catch (error) {
    for (const id of ['lag', 'process']) status(section(id), `Could not load: ${error.message}`, true);
    return;
  }
  const empty = report.times.length === 0 || report.hops.length === 0;
  for (const id of ['lag', 'process']) status(section(id), noSamples(report, config), report.errors.length > 0);
  if (empty) {
    ['lag-in-chart', 'lag-out-chart', 'process-chart'].forEach(id => clearChart(section(id)));
    return;
  }
  lagChart(section('lag-in-chart'), report, 'lagInP95Ms');
  lagChart(section('lag-out-chart'), report, 'lagOutP95Ms');
  stackedProcessChart(section('process-chart'), report);
}

async function start() {
  const config = await getJson('api/config');
  const refresh = async () => {
    await Promise.all([
      refreshCharts(config),
      guarded('loss', async s => renderLoss(s, await getJson('api/loss'))),
      guarded('subscriptions', async s => renderSubscriptions(s, await getJson('api/subscriptions'), config)),
      guarded('deadletters', async s => renderDeadLetters(s, await getJson('api/deadletters'),
        (row, rows) => askToRedrive(config, s, row, rows, refresh))),
    ]);
    section('updated').textContent = `updated ${clock(Date.now())}, every ${config.refreshSeconds} s`;
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed ?? 0) + 1);
  };
  wireSearch(config, section('search'));
  await refresh();
  setInterval(refresh, config.refreshSeconds * 1000);
}

start().catch(error => {
  section('updated').textContent = `The page could not start: ${error.message}`;
});
