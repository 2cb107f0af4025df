// Drives the SRE page in Debian's headless Chromium (playwright-core, no browser download) and prints what it saw as
// JSON for tests/Streams.IntegrationTests/UiPageTests.cs to judge; writes the screenshots it is given paths for.
//
// usage: node page.js <page url> <ingest url> <known source> <known id> <screenshot dir>
'use strict';
const { chromium } = require('playwright-core');

const [pageUrl, ingestUrl, source, id, screenshots] = process.argv.slice(2);
const receiptPath = `/v1/events/${encodeURIComponent(source)}/${encodeURIComponent(id)}`;

// The receipt index reads the receipts topic behind the hops: wait until ingest knows the event before searching.
async function waitForReceipt() {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await fetch(ingestUrl + receiptPath);
    if (answer.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${receiptPath}: ${answer.status} ${await answer.text()}`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

async function main() {
  const report = { consoleErrors: [] };
  await waitForReceipt();

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // Root in CI containers: Chromium's sandbox needs user namespaces that containers often lack.
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', message => { if (message.type() === 'error') report.consoleErrors.push(message.text()); });
    page.on('pageerror', error => report.consoleErrors.push(String(error)));
    await page.goto(pageUrl);
    // The page refreshes itself; wait until every section has data.
    await page.waitForFunction(() => {
      const points = id => Number(document.getElementById(id)?.dataset.points ?? 0);
      return points('lag-in-chart') > 0 && points('lag-out-chart') > 0 && points('process-chart') > 0
        && document.querySelectorAll('#loss-table tbody tr').length > 0
        && document.querySelectorAll('#subscriptions-table tbody tr').length > 0
        && document.querySelectorAll('#deadletters-table tbody tr').length > 0;
    }, null, { timeout: 90_000, polling: 500 });
    // A few more intervals, so the screenshot shows lines rather than the first points.
    await page.waitForFunction(() => Number(document.getElementById('lag-out-chart').dataset.points) >= 10, null, { timeout: 60_000, polling: 500 });

    report.charts = await page.evaluate(() => ['lag-in-chart', 'lag-out-chart', 'process-chart'].map(id => {
      const chart = document.getElementById(id);
      return { id, canvases: chart.querySelectorAll('canvas').length, points: Number(chart.dataset.points), series: Number(chart.dataset.series) };
    }));
    report.lossRows = await page.locator('#loss-table tbody tr').count();
    report.subscriptions = await page.locator('#subscriptions-table tbody tr td:first-child').allTextContents();
    report.deadLetterRows = await page.locator('#deadletters-table tbody tr').count();
    await page.screenshot({ path: `${screenshots}/ui.png`, fullPage: true });

    // Redrive asks first: cancelling sends nothing; confirming sends them back.
    await page.locator('#deadletters-table button').first().click();
    report.dialogOpen = await page.locator('#redrive-dialog').evaluate(dialog => dialog.open);
    report.dialogText = await page.locator('#redrive-summary').textContent();
    await page.locator('#redrive-dialog button[value="cancel"]').click();
    await page.waitForFunction(() => document.querySelector('#deadletters .action').textContent !== '', null, { timeout: 10_000 });
    report.afterCancel = await page.locator('#deadletters .action').textContent();
    await page.locator('#deadletters-table button').first().click();
    await page.locator('#redrive-confirm').click();
    await page.waitForFunction(() => /Redrove|failed/.test(document.querySelector('#deadletters .action').textContent), null, { timeout: 30_000 });
    report.afterConfirm = await page.locator('#deadletters .action').textContent();

    await page.fill('#search-form input[name="source"]', source);
    await page.fill('#search-form input[name="id"]', id);
    await page.click('#search-form button[type="submit"]');
    await page.waitForSelector('#receipt dl', { timeout: 15_000 });
    report.receiptText = await page.locator('#receipt').textContent();
    await page.locator('#search').screenshot({ path: `${screenshots}/ui-receipt.png` });
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch(error => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
