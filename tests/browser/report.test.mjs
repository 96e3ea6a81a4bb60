// SPDX-License-Identifier: MIT
// report.test.mjs: renders attrcheck's HTML reports in Debian's chromium
// (puppeteer-core; it never downloads a browser) and prints TAP.  Run by
// tests/e2e/browser.sh, which makes the reports and passes their paths:
//   node report.test.mjs KENNISLAND.html HOSTILE.html SITE.html SHOTS_DIR
// Checks: no console error, no network request at all, the CSP holds, the
// side-by-side marks a changed block, the filter narrows the table, the
// copy button fills the clipboard (and the notice is selectable with
// scripts off), axe-core finds nothing serious or critical; screenshots
// go to SHOTS_DIR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [klPath, hostilePath, sitePath, shots] = process.argv.slice(2);
let n = 0, failed = 0;
function ok(cond, name, diag) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond && diag) console.log(String(diag).split('\n').map((l) => '#   ' + l).join('\n'));
}
const url = (p) => 'file://' + path.resolve(p);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attrcheck-chromium-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  userDataDir: profile,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-dev-shm-usage'],
});

// Opens FILE in a new page, recording console errors, page errors,
// dialogs and every request but the report itself (all are aborted).
async function open(file, opts = {}) {
  const page = await browser.newPage();
  const log = { errors: [], requests: [], dialogs: [] };
  await page.setViewport(opts.viewport || { width: 1100, height: 900 });
  if (opts.dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  if (opts.noScript) await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url() === url(file) && r.isNavigationRequest()) return r.continue();
    log.requests.push(r.url());
    r.abort();
  });
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss(); });
  await page.goto(url(file), { waitUntil: 'load' });
  return { page, log };
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length,
      where: v.nodes.slice(0, 3).map((x) => x.target.join(' ')) }));
  });
  const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  ok(bad.length === 0, `${name}: axe-core finds no serious or critical violation`,
    JSON.stringify(bad, null, 1));
  const minor = res.filter((v) => !bad.includes(v));
  if (minor.length) console.log('# ' + name + ': axe minor: ' + minor.map((v) => v.id + '(' + v.impact + ')').join(' '));
}

function clean(log, name) {
  ok(log.errors.length === 0, `${name}: no console error`, log.errors.join('\n'));
  ok(log.requests.length === 0, `${name}: no network request`, log.requests.join('\n'));
  ok(log.dialogs.length === 0, `${name}: no dialog opened`, log.dialogs.join('\n'));
}

// ---- the Kennisland one-page report
{
  const { page, log } = await open(klPath);
  const ctx = browser.defaultBrowserContext();
  const changed = await page.$$eval('table.side tr.changed', (rs) => rs.map((r) => ({
    ins: r.querySelectorAll('ins').length, del: r.querySelectorAll('del').length,
    word: r.cells[0].textContent })));
  ok(changed.length > 0 && changed.every((c) => c.word.includes('changed') && c.ins + c.del > 0),
    'kennisland: the side-by-side marks a changed block in words and with ins/del', JSON.stringify(changed));
  const notice = await page.$eval('#t1-nt', (p) => p.textContent);
  ok(/Naamsvermelding 4\.0/.test(notice), 'kennisland: the Dutch notice is shown', notice);
  let clip = null;
  try {
    await ctx.overridePermissions(url(klPath), ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
  } catch (e) { console.log('# clipboard permission: ' + e.message); }
  await page.click('button[data-copy="t1-nt"]');
  await new Promise((r) => setTimeout(r, 300));
  try { clip = await page.evaluate(() => navigator.clipboard.readText()); } catch (e) { console.log('# clipboard read: ' + e.message); }
  const status = await page.$eval('#status', (s) => s.textContent);
  const selected = await page.evaluate(() => String(window.getSelection()));
  ok(clip === notice || (clip === null && selected === notice),
    'kennisland: the copy button puts the notice on the clipboard',
    `clipboard=${JSON.stringify(clip)} selection=${JSON.stringify(selected)} status=${status}`);
  await page.screenshot({ path: path.join(shots, 'report-kennisland.png'), fullPage: true });
  await axe(page, 'kennisland');
  clean(log, 'kennisland');
  await page.close();
}

// ---- scripts off: the notice is a selectable <pre>, no button shown
{
  const { page, log } = await open(klPath, { noScript: true });
  const hidden = await page.$eval('button[data-copy="t1-nt"]', (b) => b.hidden);
  await page.click('#t1-nt', { clickCount: 3 });
  const sel = await page.evaluate(() => String(window.getSelection()).trim());
  const want = await page.$eval('#t1-nt', (p) => p.textContent.trim());
  ok(hidden && sel === want, 'scripts off: the copy button stays hidden and the notice can be selected',
    `hidden=${hidden} selection=${JSON.stringify(sel)}`);
  clean(log, 'scripts off');
  await page.close();
}

// ---- phone and dark mode (for the docs; also checked for overflow)
{
  const { page, log } = await open(klPath, { viewport: { width: 390, height: 844, deviceScaleFactor: 1 }, dark: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(wide <= 390, 'phone: the page fits 390 px without scrolling sideways', `scrollWidth=${wide}`);
  await page.screenshot({ path: path.join(shots, 'report-phone-dark.png') });
  await axe(page, 'phone dark');
  clean(log, 'phone dark');
  await page.close();
}

// ---- a hostile copy: nothing from the page runs
{
  const { page, log } = await open(hostilePath);
  const state = await page.evaluate(() => ({ title: document.title, scripts: document.scripts.length,
    sheets: document.styleSheets.length, visible: getComputedStyle(document.body).display }));
  ok(state.scripts === 1 && state.sheets === 1 && state.visible !== 'none' && !/pwned/.test(state.title),
    'hostile copy: only the report\'s own script and style; the page is not hidden', JSON.stringify(state));
  const nd = await page.$$eval('tr.nd', (rs) => rs.length);
  ok(nd > 0, 'hostile copy: the no-derivatives change is flagged in the side-by-side');
  await axe(page, 'hostile');
  clean(log, 'hostile');
  await page.close();
}

// ---- the CSP holds even if markup got through: a tampered copy
{
  const tampered = path.join(shots, 'tampered.html');
  const html = fs.readFileSync(hostilePath, 'utf8').replace('</main>',
    '<script>window.__pwned=1;alert(1)</script><img src="x" onerror="window.__pwned=2">' +
    '<a id="js" href="javascript:window.__pwned=3">x</a><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></main>');
  fs.writeFileSync(tampered, html);
  const { page, log } = await open(tampered);
  await page.click('#js').catch(() => {});
  await new Promise((r) => setTimeout(r, 200));
  const pwned = await page.evaluate(() => window.__pwned);
  ok(pwned === undefined && log.dialogs.length === 0, 'CSP: an injected script, handler or javascript: link does not run',
    `pwned=${pwned} dialogs=${log.dialogs}`);
  ok(log.requests.length === 0, 'CSP: an injected stylesheet or image is not fetched', log.requests.join('\n'));
  ok(log.errors.some((e) => /Content Security Policy/.test(e)), 'CSP: the browser reports the violations');
  await page.close();
  fs.unlinkSync(tampered);
}

// ---- the 200-target site report: summary, filter, sort
{
  const { page, log } = await open(sitePath, { viewport: { width: 1100, height: 1300 } });
  const total = await page.$$eval('#results tbody tr', (rs) => rs.length);
  ok(total === 200, 'site: 200 rows', total);
  const fails = await page.$$eval('#results tbody tr[data-v="warn"]', (rs) => rs.length);
  await page.select('#fv', 'warn');
  let shown = await page.$$eval('#results tbody tr', (rs) => rs.filter((r) => !r.hidden).length);
  ok(shown === fails && shown > 0 && shown < total, 'site: the verdict filter narrows the table', `${shown} of ${total}, ${fails} fail`);
  await page.select('#fv', '');
  await page.type('#q', 'section-3');
  shown = await page.$$eval('#results tbody tr', (rs) => rs.filter((r) => !r.hidden).length);
  const want = await page.$$eval('#results tbody tr', (rs) => rs.filter((r) => r.textContent.toLowerCase().includes('section-3')).length);
  ok(shown === want && shown > 0 && shown < total, 'site: the word filter narrows the table', `${shown} shown, ${want} match`);
  const status = await page.$eval('#shown', (s) => s.textContent);
  ok(status === `${shown} of ${total} targets shown`, 'site: the filter says how many rows are shown', status);
  await page.$eval('#q', (q) => { q.value = ''; q.dispatchEvent(new Event('input')); });
  await page.click('#results thead th:first-child button');
  await page.click('#results thead th:first-child button');
  let first = await page.$eval('#results tbody tr', (r) => r.getAttribute('data-v'));
  ok(first === 'pass', 'site: sorting by verdict (descending) puts passing targets first', first);
  await page.click('#results thead th:first-child button');
  first = await page.$eval('#results tbody tr', (r) => r.getAttribute('data-v'));
  const worst = await page.evaluate(() => ['fail', 'error', 'warn', 'none', 'pass'].find((v) =>
    document.querySelector(`#results tbody tr[data-v="${v}"]`)));
  ok(first === worst, 'site: sorting by verdict (ascending) puts the worst targets first', `${first}, want ${worst}`);
  const link = await page.$eval('#results tbody tr a', (a) => a.getAttribute('href'));
  await page.click('#results tbody tr a');
  const opened = await page.$eval(link, (d) => d.open);
  ok(opened, 'site: a row\'s link opens that target\'s detail', link);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'report-site.png') });
  await axe(page, 'site');
  clean(log, 'site');
  await page.close();
}

await browser.close();
fs.rmSync(profile, { recursive: true, force: true });
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
