// Searches a published site in headless Chromium as a reader does, from disk (file://) and then over
// HTTP (a plain local static server, as the preview is): opens index.html, types the query into the
// header's search box and submits it, waits on search.html for the announced results, moves to the
// first result with the arrow key and opens it with Enter. Prints one JSON object on stdout:
//
//   node search.cjs <site folder> <node_modules with playwright-core> <chromium> <query>
//
// {"runs":[{"mode":"file","status":"3 sections match …","results":[{"text","href","page","snippet"}],
//   "url":"…/page.html#anchor","hash":"#anchor","heading":{"id","text","visible"},
//   "loaded":["search-index/manifest.js",…],"outside":[]}, {"mode":"http",…}]}
//
// "loaded" lists the site's files requested from submitting the query to the results shown: the
// search page, its stylesheet, icon and script, the index's manifest and shards; "outside" every
// request that left the site (aborted, not sent).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { pathToFileURL } = require('url');
const { launch } = require('./chromium.cjs');

const [site, nodeModules, chromiumPath, query] = process.argv.slice(2);
if (!site || !nodeModules || !chromiumPath || !query) {
  console.error('usage: node search.cjs <site folder> <node_modules> <chromium> <query>');
  process.exit(2);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml; charset=utf-8' };

function serve(folder) {
  const root = path.resolve(folder);
  const server = http.createServer((request, response) => {
    const file = path.resolve(root, '.' + decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    response.end(fs.readFileSync(file));
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function run(browser, mode, base) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const loaded = [];
  const outside = [];
  await context.route(() => true, route => {
    const url = route.request().url();
    if (!url.startsWith(base)) {
      outside.push(url);
      return route.abort();
    }
    loaded.push(decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]));
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(base + 'index.html', { waitUntil: 'load' });
  await page.fill('#site-search-q', query);
  const fromSearchPage = loaded.length;
  await Promise.all([page.waitForURL(/search\.html\?q=/), page.press('#site-search-q', 'Enter')]);
  await page.waitForSelector('#search-results a', { timeout: 60000 });
  const status = await page.textContent('#search-status');
  const results = await page.$$eval('#search-results li', items => items.map(li => ({
    text: li.querySelector('a').textContent,
    href: li.querySelector('a').getAttribute('href'),
    page: (li.querySelector('.result-page') || { textContent: '' }).textContent,
    snippet: (li.querySelector('p') || { textContent: '' }).textContent,
  })));
  const searchFiles = loaded.slice(fromSearchPage);
  await page.focus('#search-q');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await Promise.all([page.waitForURL(url => !url.pathname.endsWith('/search.html')), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  const url = page.url();
  const hash = await page.evaluate(() => location.hash);
  const heading = await page.evaluate(() => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return null;
    const box = target.getBoundingClientRect();
    return { id: target.id, tag: target.tagName.toLowerCase(), text: target.textContent.trim(),
      visible: box.top >= 0 && box.top < window.innerHeight && box.height > 0 };
  });
  await context.close();
  return { mode, status, results, focused, url, hash, heading, loaded: searchFiles, outside };
}

(async () => {
  const browser = await launch(nodeModules, chromiumPath);
  const server = await serve(site);
  try {
    const runs = [];
    runs.push(await run(browser, 'file', pathToFileURL(path.resolve(site)).href + '/'));
    runs.push(await run(browser, 'http', 'http://127.0.0.1:' + server.address().port + '/'));
    process.stdout.write(JSON.stringify({ runs }) + '\n');
  } finally {
    server.close();
    await browser.close();
  }
})().catch(error => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
