// jbpftrace flame graph: click a frame to zoom into it, "Reset Zoom" to go back, "Search" to
// highlight frames matching a regular expression. Frames carry their position in samples
// (data-s start, data-n width, data-d depth), so zooming is arithmetic on those numbers.
(function () {
  var svg = document.documentElement;
  var total = +svg.getAttribute('data-total');
  var left = +svg.getAttribute('data-left');
  var width = +svg.getAttribute('data-width');
  var fontWidth = +svg.getAttribute('data-font-width');
  var frames = Array.prototype.slice.call(document.querySelectorAll('g.frame'));
  var details = document.getElementById('details');
  var reset = document.getElementById('reset');
  var search = document.getElementById('search');
  var matched = document.getElementById('matched');
  var searching = false;

  function num(g, name) { return +g.getAttribute('data-' + name); }

  // The tooltip is "name (N samples, P%)"; the name is everything before the last " (".
  function label(g) {
    var t = g.querySelector('title').textContent;
    return t.substring(0, t.lastIndexOf(' ('));
  }

  function fit(name, w) {
    var max = Math.floor((w - 6) / fontWidth);
    if (max < 3) return '';
    return name.length <= max ? name : name.substring(0, max - 2) + '..';
  }

  function place(g, x, w) {
    var rect = g.querySelector('rect'), text = g.querySelector('text');
    rect.setAttribute('x', x.toFixed(2));
    rect.setAttribute('width', w.toFixed(2));
    text.setAttribute('x', (x + 3).toFixed(2));
    text.textContent = fit(label(g), w);
  }

  // Ancestors of the target span the whole width, dimmed; the target and its callees are
  // stretched by the same factor; everything else is hidden.
  function zoom(target) {
    var s0 = num(target, 's'), n0 = num(target, 'n'), d0 = num(target, 'd');
    frames.forEach(function (g) {
      var s = num(g, 's'), n = num(g, 'n'), d = num(g, 'd');
      g.classList.remove('hidden', 'parent');
      if (d < d0 && s <= s0 && s + n >= s0 + n0) {
        g.classList.add('parent');
        place(g, left, width);
      } else if (d >= d0 && s >= s0 && s + n <= s0 + n0) {
        place(g, left + (s - s0) / n0 * width, n / n0 * width);
      } else {
        g.classList.add('hidden');
      }
    });
    if (d0 > 0) reset.classList.remove('hidden'); else reset.classList.add('hidden');
  }

  function unzoom() {
    var root = frames.filter(function (g) { return num(g, 'd') === 0; })[0];
    if (root) zoom(root);
  }

  function clearSearch() {
    frames.forEach(function (g) {
      var rect = g.querySelector('rect');
      if (rect.hasAttribute('data-fill')) {
        rect.setAttribute('fill', rect.getAttribute('data-fill'));
        rect.removeAttribute('data-fill');
      }
    });
    matched.textContent = ' ';
    search.textContent = 'Search';
    searching = false;
  }

  function runSearch() {
    if (searching) { clearSearch(); return; }
    var term = window.prompt('Search frames (regular expression)', '');
    if (!term) return;
    var re;
    try { re = new RegExp(term); } catch (e) { window.alert(e.message); return; }
    var hits = [];
    frames.forEach(function (g) {
      if (!re.test(label(g))) return;
      var rect = g.querySelector('rect');
      rect.setAttribute('data-fill', rect.getAttribute('fill'));
      rect.setAttribute('fill', 'rgb(220,60,220)');
      hits.push([num(g, 's'), num(g, 'n')]);
    });
    // a match inside another match must not be counted twice: measure the union of sample ranges
    hits.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var covered = 0, end = -1;
    hits.forEach(function (h) {
      if (h[0] >= end) { covered += h[1]; end = h[0] + h[1]; }
      else if (h[0] + h[1] > end) { covered += h[0] + h[1] - end; end = h[0] + h[1]; }
    });
    matched.textContent = 'Matched: ' + (total ? 100 * covered / total : 0).toFixed(2) + '%';
    search.textContent = 'Reset Search';
    searching = true;
  }

  function frameOf(node) {
    while (node && node !== svg) {
      if (node.classList && node.classList.contains('frame')) return node;
      node = node.parentNode;
    }
    return null;
  }

  svg.addEventListener('click', function (e) {
    if (e.target === reset) { unzoom(); return; }
    if (e.target === search) { runSearch(); return; }
    var g = frameOf(e.target);
    if (g) zoom(g);
  });
  svg.addEventListener('mouseover', function (e) {
    var g = frameOf(e.target);
    if (g) details.textContent = g.querySelector('title').textContent;
  });
  svg.addEventListener('mouseout', function (e) {
    if (frameOf(e.target)) details.textContent = ' ';
  });
})();
