// Opens every HTML file of a published site in headless Chromium at one viewport width and reports,
// as one JSON object on stdout, whether each page scrolls sideways, the element that reaches furthest
// right when it does, and every request that was not for a file:// URL (renderers load nothing from
// elsewhere; such requests are aborted, not sent).
//
//   node sideways-scroll.cjs <site folder> <node_modules with playwright-core> <chromium> <width>
//
// {"width":360,"pages":[{"page":"index.html","scrollWidth":360,"clientWidth":360,"widest":null}],
//  "requests":[]}
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const [site, nodeModules, chromiumPath, widthArg] = process.argv.slice(2);
if (!site || !nodeModules || !chromiumPath || !widthArg) {
  console.error('usage: node sideways-scroll.cjs <site folder> <node_modules> <chromium> <width>');
  process.exit(2);
}
const { launch } = require('./chromium.cjs');
const width = Number(widthArg);

function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

// Runs in the page: the overflow, and when the page scrolls the element whose right edge is furthest
// out (the deepest such one, the likely culprit), skipping what sits inside a box that scrolls or
// clips by itself (a code block, a table's scroll container), which cannot make the page scroll.
function measure() {
  const root = document.documentElement;
  const result = { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest: null };
  if (result.scrollWidth <= result.clientWidth) return result;
  // Whether a box inside or at `from` scrolls or clips its overflow (so it cannot widen the page).
  const clipped = from => {
    for (let e = from; e && e !== document.body && e !== root; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') return true;
    }
    return false;
  };
  let widest = null;
  let right = -Infinity;
  const consider = (element, box, clipFrom) => {
    if (box.width > 0 && box.right >= right && !clipped(clipFrom)) {
      right = box.right;
      widest = element;
    }
  };
  for (const element of document.body.querySelectorAll('*')) {
    consider(element, element.getBoundingClientRect(), element.parentElement);
  }
  // Text overflows the box of its element without widening it: measure the text itself too.
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    range.selectNodeContents(text);
    consider(text.parentElement, range.getBoundingClientRect(), text.parentElement);
  }
  if (widest) {
    const id = widest.id.length > 40 ? widest.id.slice(0, 40) + '…' : widest.id;
    const name = widest.tagName.toLowerCase() + (id ? '#' + id : '')
      + [...widest.classList].map(c => '.' + c).join('');
    const trail = [];
    for (let e = widest.parentElement; e && e !== document.body; e = e.parentElement) {
      trail.unshift(e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join(''));
    }
    result.widest = {
      element: name,
      path: trail.join(' > '),
      right: Math.round(right),
      text: (widest.textContent || '').trim().slice(0, 80),
    };
  }
  return result;
}

(async () => {
  const browser = await launch(nodeModules, chromiumPath);
  try {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const requests = [];
    context.on('request', request => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await context.route(url => !url.href.startsWith('file:'), route => route.abort());
    const pages = [];
    for (const file of htmlFiles(site).sort()) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      pages.push({ page: path.relative(site, file).split(path.sep).join('/'), ...(await page.evaluate(measure)) });
      await page.close();
    }
    process.stdout.write(JSON.stringify({ width, pages, requests }) + '\n');
  } finally {
    await browser.close();
  }
})().catch(error => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
