// reachmap report: the indicator switch, the area details on hover or focus, and the outreach
// list's links to the map. The page reads fully without it (print, no script).
(function () {
  'use strict';
  var tip = document.querySelector('.tooltip');
  function detailsHtml(area) {
    var h = '<p><strong></strong></p><dl></dl>';
    var box = document.createElement('div');
    box.innerHTML = h;
    box.querySelector('strong').textContent = area.t;
    var dl = box.querySelector('dl');
    area.r.forEach(function (row) {
      var dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = row[0];
      dd.textContent = row[1];
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    return box;
  }
  // A layer of very many areas has a picture of its map (.static): nothing to explore there.
  document.querySelectorAll('.map-section:not(.static)').forEach(function (section) {
    var data = JSON.parse(section.querySelector('script.map-data').textContent);
    var paths = section.querySelectorAll('svg.map path[data-i]');
    var legend = section.querySelector('.legend-box');
    var details = section.querySelector('.details');
    section.querySelectorAll('.switch input').forEach(function (input) {
      input.addEventListener('change', function () {
        var ind = data.indicators[+input.value];
        paths.forEach(function (p) { p.setAttribute('fill', ind.fill[+p.dataset.i]); });
        legend.innerHTML = ind.legend;
      });
    });
    function show(p, evt) {
      var area = data.areas[+p.dataset.i];
      details.replaceChildren(detailsHtml(area));
      tip.replaceChildren(detailsHtml(area));
      tip.hidden = false;
      var box = evt && evt.clientX !== undefined ? { x: evt.clientX, y: evt.clientY }
        : (function () { var r = p.getBoundingClientRect(); return { x: r.right, y: r.top }; })();
      var x = Math.min(box.x + 14, window.innerWidth - tip.offsetWidth - 8);
      var y = Math.min(box.y + 14, window.innerHeight - tip.offsetHeight - 8);
      tip.style.left = Math.max(0, x) + 'px';
      tip.style.top = Math.max(0, y) + 'px';
    }
    function hide() { tip.hidden = true; }
    paths.forEach(function (p) {
      p.addEventListener('mousemove', function (e) { show(p, e); });
      p.addEventListener('mouseleave', hide);
      p.addEventListener('focus', function () { show(p); });
      p.addEventListener('blur', hide);
      p.addEventListener('click', function () {
        section.querySelectorAll('path.chosen').forEach(function (c) { c.classList.remove('chosen'); });
        p.classList.add('chosen');
      });
      p.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); p.dispatchEvent(new Event('click')); }
        if (e.key === 'Escape') hide();
      });
    });
  });
  document.querySelectorAll('a.to-map').forEach(function (a) {
    a.addEventListener('click', function (e) {
      var target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      if (!target) return;
      e.preventDefault();
      target.scrollIntoView({ block: 'center' });
      target.focus();
      target.dispatchEvent(new Event('click'));
    });
  });
  document.documentElement.dataset.reportReady = 'yes';  // for the browser test
})();
