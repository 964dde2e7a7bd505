// piao serve: reload the page after each rebuild. Only the preview server
// adds this script to pages; piao build never writes it.
(function () {
  "use strict";
  var connected = false;
  var events = new EventSource("/__piao/events");
  events.addEventListener("hello", function () {
    // A second hello means the stream was lost and found again: the server
    // restarted, or slept; what it serves may have changed meanwhile.
    if (connected) {
      location.reload();
    }
    connected = true;
  });
  events.addEventListener("reload", function () {
    location.reload();
  });
})();
