/* Dates as people type them (newsroom/dates.py).
 *
 * Wagtail's date picker, on leaving the field, replaced text it could not read with
 * today's date: keep the text instead, and under every date field marked
 * data-typed-date say which date the server will read from it, before anything is saved.
 * The forms read are those of newsroom/formats/en_GB/formats.py.
 */
(function () {
  "use strict";

  if (window.jQuery && jQuery.fn.datetimepicker) {
    jQuery.fn.datetimepicker.defaults.validateOnBlur = false;
  }

  var MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  ];
  var DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  function month(name) {
    name = name.toLowerCase();
    for (var i = 0; i < MONTHS.length; i++) {
      if (name === MONTHS[i] || name === MONTHS[i].slice(0, 3)) return i + 1;
    }
    return 0;
  }

  function fullYear(text) {
    var year = parseInt(text, 10);
    if (text.length === 2) year += year < 69 ? 2000 : 1900; // as Python's %y
    return year;
  }

  function make(year, monthNumber, day) {
    var date = new Date(year, monthNumber - 1, day);
    var real =
      monthNumber >= 1 && date.getFullYear() === year &&
      date.getMonth() === monthNumber - 1 && date.getDate() === day;
    return real ? date : null;
  }

  /* The date in the text, or null: 2020-09-03, 03/09/2020, 03/09/20, 03.09.2020,
   * 3 September 2020, 3 Sep 2020. */
  function read(text) {
    var m;
    text = text.trim();
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) {
      return make(+m[1], +m[2], +m[3]);
    }
    if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(text))) {
      return make(fullYear(m[3]), +m[2], +m[1]);
    }
    if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text))) {
      return make(+m[3], +m[2], +m[1]);
    }
    if ((m = /^(\d{1,2}) +([A-Za-z]+) +(\d{4})$/.exec(text))) {
      return make(+m[3], month(m[2]), +m[1]);
    }
    return null;
  }

  function say(date) {
    var name = MONTHS[date.getMonth()];
    return DAYS[date.getDay()] + " " + date.getDate() + " " +
      name.charAt(0).toUpperCase() + name.slice(1) + " " + date.getFullYear();
  }

  function hintFor(input) {
    var id = input.id + "-understood";
    var hint = document.getElementById(id);
    if (!hint) {
      hint = document.createElement("p");
      hint.id = id;
      hint.className = "help typed-date";
      hint.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", hint);
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return hint;
  }

  function show(input) {
    var text = input.value.trim();
    var hint = hintFor(input);
    if (!text) {
      hint.textContent = "";
      return;
    }
    var date = read(text);
    hint.textContent = date
      ? "Understood as " + say(date) + "."
      : "Not a date that can be read: type it like 3 September 2020, 3 Sep 2020, " +
        "03/09/2020 or 2020-09-03.";
    hint.dataset.understood = date ? "yes" : "no";
  }

  function onEvent(event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.hasAttribute("data-typed-date")) {
      show(input);
    }
  }

  ["input", "change", "focusout"].forEach(function (name) {
    document.addEventListener(name, onEvent, true);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-typed-date]").forEach(function (input) {
      if (input.value.trim()) show(input);
    });
  });
})();
