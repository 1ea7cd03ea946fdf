// Keeps the stream pages current over the server's own WebSocket API (/v0/ws): subscribes to every
// stream shown and to the page's collection (children of a stream, or a tag), and updates cards in
// place. Also names each color in words and says how long ago it changed.
(function () {
  'use strict';

  function colorName(hex) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || '');
    if (!m) return '';
    var r = parseInt(m[1], 16) / 255, g = parseInt(m[2], 16) / 255, b = parseInt(m[3], 16) / 255;
    var max = Math.max(r, g, b), min = Math.min(r, g, b), l = (max + min) / 2, d = max - min;
    var s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
    if (l < 0.1) return 'black';
    if (l > 0.94) return 'white';
    if (s < 0.12) return l < 0.35 ? 'dark grey' : l > 0.7 ? 'light grey' : 'grey';
    var h = 0;
    if (max === r) h = ((g - b) / d) % 6; else if (max === g) h = (b - r) / d + 2; else h = (r - g) / d + 4;
    h = (h * 60 + 360) % 360;
    var names = [[15, 'red'], [40, 'orange'], [65, 'yellow'], [85, 'yellow-green'], [160, 'green'],
      [195, 'teal'], [255, 'blue'], [290, 'purple'], [335, 'pink'], [360, 'red']];
    var name = 'red';
    for (var i = 0; i < names.length; i++) { if (h < names[i][0]) { name = names[i][1]; break; } }
    return (l < 0.3 ? 'dark ' : l > 0.75 ? 'light ' : '') + name;
  }

  function ago(ms) {
    var s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) return 'just now';
    var units = [[86400, 'day'], [3600, 'hour'], [60, 'minute']];
    for (var i = 0; i < units.length; i++) {
      if (s >= units[i][0]) {
        var n = Math.floor(s / units[i][0]);
        return n + ' ' + units[i][1] + (n === 1 ? '' : 's') + ' ago';
      }
    }
    return 'just now';
  }

  function describe(root) {
    root.querySelectorAll('[data-color] .color-text').forEach(function (el) {
      var hex = el.closest('[data-color]').getAttribute('data-color');
      el.textContent = hex + ' (' + colorName(hex) + ')';
    });
    root.querySelectorAll('time[data-ms]').forEach(function (el) {
      el.textContent = 'changed ' + ago(Number(el.getAttribute('data-ms')));
      el.title = new Date(Number(el.getAttribute('data-ms'))).toLocaleString();
    });
  }

  function setStatus(el, status) {
    el.setAttribute('data-color', status.color);
    var swatch = el.querySelector('.swatch');
    if (swatch) swatch.style.backgroundColor = status.color;
    var when = el.querySelector('time[data-ms]');
    if (when) {
      when.setAttribute('data-ms', String(status.created));
      when.setAttribute('datetime', new Date(status.created).toISOString());
    }
    describe(el);
  }

  function addCard(list, stream) {
    if (list.querySelector('.card[data-uri="' + CSS.escape(stream.uri) + '"]')) return;
    var li = document.createElement('li');
    li.className = 'card';
    li.setAttribute('data-uri', stream.uri);
    var a = document.createElement('a');
    a.href = '/s/' + stream.uri;
    ['swatch', 'name', 'uri', 'color-text'].forEach(function (cls) {
      var span = document.createElement('span');
      span.className = cls;
      a.appendChild(span);
    });
    a.querySelector('.name').textContent = stream.name;
    a.querySelector('.uri').textContent = stream.uri;
    var time = document.createElement('time');
    time.className = 'when';
    a.appendChild(time);
    li.appendChild(a);
    list.insertBefore(li, list.firstChild);
    setStatus(li, stream.status);
    subscribe([stream.uri]);
  }

  var socket = null, delay = 1000, problem = null;

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function subscribe(uris) {
    if (uris.length) send({type: 'Subscribe', to: uris, acknowledge: 'error'});
  }

  function uris() {
    var seen = {};
    document.querySelectorAll('[data-uri]').forEach(function (el) { seen[el.getAttribute('data-uri')] = true; });
    return Object.keys(seen);
  }

  function onMessage(event) {
    var msg;
    try { msg = JSON.parse(event.data); } catch (e) { return; }
    if (msg.type === 'StatusUpdated' && msg.status) {
      document.querySelectorAll('[data-uri]').forEach(function (el) {
        if (el.getAttribute('data-uri') === msg.from) setStatus(el, msg.status);
      });
    } else if (msg.type === 'ChildAdded' && msg.child) {
      document.querySelectorAll('.cards[data-collection]').forEach(function (list) {
        if (list.getAttribute('data-collection') === msg.from) addCard(list, msg.child);
      });
    } else if (msg.type === 'ChildRemoved') {
      document.querySelectorAll('.cards[data-collection]').forEach(function (list) {
        if (list.getAttribute('data-collection') !== msg.from) return;
        var card = list.querySelector('.card[data-uri="' + CSS.escape(msg.child) + '"]');
        if (card) card.remove();
      });
    } else if (msg.type === 'StreamDeleted') {
      document.querySelectorAll('.card[data-uri="' + CSS.escape(msg.from) + '"]').forEach(function (el) { el.remove(); });
    }
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/v0/ws');
    socket.onopen = function () {
      delay = 1000;
      problem.textContent = '';
      document.documentElement.setAttribute('data-live', 'open');
      subscribe(uris());
      document.querySelectorAll('.cards[data-collection]').forEach(function (list) {
        send({type: 'SubscribeCollection', to: list.getAttribute('data-collection'), acknowledge: 'error'});
      });
    };
    socket.onmessage = onMessage;
    socket.onclose = function () {
      document.documentElement.setAttribute('data-live', 'closed');
      problem.textContent = 'Live updates paused: the server does not answer. Trying again.';
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }

  document.addEventListener('DOMContentLoaded', function () {
    describe(document);
    setInterval(function () { describe(document); }, 30000);
    if (!document.querySelector('[data-uri]') && !document.querySelector('.cards[data-collection]')) return;
    problem = document.createElement('p');
    problem.id = 'live-status';
    problem.setAttribute('role', 'status');
    document.getElementById('main').prepend(problem);
    connect();
  });
})();
