// SPDX-License-Identifier: MIT
// measure.mjs: time to first render of an HTML report in Debian's
// chromium (bench/html_report.sh runs it; not a test).
//   node measure.mjs REPORT.html [RUNS]
// Prints the median over RUNS fresh pages of: first contentful paint,
// the load event, and the time a filter of the table takes, in ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attrcheck-measure-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true, userDataDir: profile,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});
const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
const fcp = [], load = [], filter = [];
for (let i = 0; i < runs; i++) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  await page.goto('file://' + path.resolve(file), { waitUntil: 'load', timeout: 120000 });
  const t = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
    load: performance.timing.loadEventEnd - performance.timing.navigationStart,
  }));
  fcp.push(t.fcp);
  load.push(t.load);
  if (await page.$('#fv')) {
    filter.push(await page.evaluate(() => {
      const s = document.getElementById('fv'), t0 = performance.now();
      s.value = 'fail'; s.dispatchEvent(new Event('change'));
      return performance.now() - t0;
    }));
  }
  await page.close();
}
await browser.close();
fs.rmSync(profile, { recursive: true, force: true });
console.log(`first contentful paint ${med(fcp).toFixed(0)} ms, load ${med(load)} ms` +
  (filter.length ? `, filter ${med(filter).toFixed(0)} ms` : '') + ` (median of ${runs})`);
