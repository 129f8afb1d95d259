// The search page's script: finds sections in the site's static search index (SearchIndex.java),
// loaded as <script> files (Chromium refuses to fetch files from disk, but runs scripts from there),
// only the manifest and the shards a query needs. Results are built with textContent: nothing from
// the index is ever parsed as HTML. Without this script the page still shows its form and says so.
(function () {
  'use strict';
  var form = document.querySelector('form.search-form');
  if (!form) return;
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var folder = form.getAttribute('data-index').replace(/[^/]*$/, '');
  // The same rules as SearchTerms.java.
  var STOP = ['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on',
    'or', 'that', 'the', 'this', 'to', 'was', 'with'];
  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var PREFIX_MIN = 3;
  var SHOWN = 10;
  var files = {};
  var waiting = {};
  var latest = 0;
  var more = null;

  window.hubSearch = {
    loaded: function (name, data) {
      var resolve = waiting[name];
      delete waiting[name];
      if (resolve) resolve(data);
    }
  };

  function load(name, file) {
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var script = document.createElement('script');
        script.src = folder + file;
        script.onerror = function () {
          delete files[name];
          delete waiting[name];
          reject(new Error('could not load ' + folder + file));
        };
        document.head.appendChild(script);
      });
    }
    return files[name];
  }

  function terms(text) {
    var folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    var out = [];
    (folded.match(/[\p{L}\p{N}]+/gu) || []).forEach(function (term) {
      if (term.length > 1 && STOP.indexOf(term) < 0 && out.indexOf(term) < 0) out.push(term);
    });
    return out;
  }

  // Section numbers from their gaps, as SearchIndex.Postings writes them.
  function decode(encoded) {
    var ids = [];
    var previous = -1;
    var value = 0;
    var shift = 0;
    for (var i = 0; i < encoded.length; i++) {
      var digit = DIGITS.indexOf(encoded.charAt(i));
      value += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) {
        shift += 5;
      } else {
        previous += value + 1;
        ids.push(previous);
        value = 0;
        shift = 0;
      }
    }
    return ids;
  }

  // The term shards that may hold this term (and, for a prefix, the terms it begins).
  function shardsFor(manifest, term, prefix) {
    var ranges = manifest.terms;
    var first = 0;
    for (var i = 1; i < ranges.length && ranges[i][0] <= term; i++) first = i;
    var shards = [first];
    for (var j = first + 1; prefix && j < ranges.length && ranges[j][0].lastIndexOf(term, 0) === 0; j++) shards.push(j);
    return shards;
  }

  function termShard(manifest, i) {
    var name = 't.' + manifest.terms[i][1];
    return load(name, name + '.js');
  }

  function sectionShard(manifest, i) {
    return load('d' + i, 'd' + i + '.' + manifest.docs[i] + '.js');
  }

  // A section's score for one query term: in its heading beats in its text; the word itself beats a longer one.
  function scores(manifest, term) {
    var prefix = term.length >= PREFIX_MIN;
    return Promise.all(shardsFor(manifest, term, prefix).map(function (i) { return termShard(manifest, i); }))
      .then(function (shards) {
        var found = new Map();
        var add = function (ids, score) {
          ids.forEach(function (id) { found.set(id, Math.max(found.get(id) || 0, score)); });
        };
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (indexed) {
            if (indexed === term || (prefix && indexed.lastIndexOf(term, 0) === 0)) {
              var exact = indexed === term ? 1 : 0;
              add(decode(shard[indexed][0]), 3 + exact);
              add(decode(shard[indexed][1]), 1 + exact / 2);
            }
          });
        });
        return found;
      });
  }

  // Sections that have every term, best first, then in reading order.
  function find(manifest, query) {
    return Promise.all(query.map(function (term) { return scores(manifest, term); })).then(function (perTerm) {
      var hits = [];
      perTerm[0].forEach(function (score, id) {
        for (var k = 1; k < perTerm.length; k++) {
          var other = perTerm[k].get(id);
          if (other === undefined) return;
          score += other;
        }
        hits.push([id, score]);
      });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return hits.map(function (hit) { return hit[0]; });
    });
  }

  function isRelative(href) {
    return !/^[a-z][a-z0-9+.-]*:/i.test(href) && href.charAt(0) !== '/';
  }

  function show(manifest, ids, from, run) {
    var page = ids.slice(from, from + SHOWN);
    var per = manifest.sectionsPerShard;
    var needed = [];
    page.forEach(function (id) {
      var shard = Math.floor(id / per);
      if (needed.indexOf(shard) < 0) needed.push(shard);
    });
    return Promise.all(needed.map(function (i) { return sectionShard(manifest, i); })).then(function (shards) {
      if (run !== latest) return;
      var firstLink = null;
      page.forEach(function (id) {
        var shard = shards[needed.indexOf(Math.floor(id / per))];
        var section = shard.sections[id % per];
        var target = shard.pages[section[0]];
        var href = target[0] + (section[1] ? '#' + section[1] : '');
        if (!isRelative(href)) return;
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = href;
        link.textContent = section[2];
        item.appendChild(link);
        if (section[1]) {
          var where = document.createElement('span');
          where.className = 'result-page';
          where.textContent = ' · ' + target[1];
          item.appendChild(where);
        }
        if (section[3]) {
          var snippet = document.createElement('p');
          snippet.textContent = section[3];
          item.appendChild(snippet);
        }
        list.appendChild(item);
        firstLink = firstLink || link;
      });
      if (more) more.remove();
      more = null;
      if (from + SHOWN < ids.length) {
        more = document.createElement('button');
        more.type = 'button';
        more.className = 'search-more';
        more.textContent = 'Show more results';
        more.addEventListener('click', function () {
          show(manifest, ids, from + SHOWN, run).then(function (link) { if (link) link.focus(); });
        });
        list.insertAdjacentElement('afterend', more);
      }
      var shown = Math.min(from + SHOWN, ids.length);
      status.textContent = ids.length + (ids.length === 1 ? ' section matches' : ' sections match')
        + ' \u201c' + input.value.trim() + '\u201d'
        + (shown < ids.length ? '; showing the first ' + shown + '.' : '.');
      return firstLink;
    });
  }

  function search(text) {
    var run = ++latest;
    var query = terms(text);
    list.textContent = '';
    if (more) more.remove();
    more = null;
    if (!query.length) {
      status.textContent = text.trim() ? 'Type a longer word to search.' : '';
      return Promise.resolve(null);
    }
    return load('manifest', 'manifest.js').then(function (manifest) {
      return find(manifest, query).then(function (ids) {
        if (run !== latest) return null;
        if (!ids.length) {
          status.textContent = 'No section matches \u201c' + text.trim() + '\u201d.';
          return null;
        }
        return show(manifest, ids, 0, run);
      });
    }).catch(function () {
      if (run === latest) status.textContent = 'The search index could not be loaded.';
      return null;
    });
  }

  function remember(text) {
    try {
      history.replaceState(null, '', text ? '?q=' + encodeURIComponent(text) : location.pathname);
    } catch (e) {
      // Some browsers refuse this on file:// pages: the search still works, only Back forgets it.
    }
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      remember(input.value);
      search(input.value);
    }, 150);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    search(input.value);
  });

  // Arrow keys: from the box to the first result, and between results; Escape back to the box.
  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('a'));
  }
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener('keydown', function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var next = at + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else if (next < all.length) all[next].focus();
    } else if (event.key === 'Escape') {
      input.focus();
    }
  });

  var initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
