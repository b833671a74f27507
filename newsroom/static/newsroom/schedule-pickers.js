/* The schedule dialog's date pickers open above their field.
 *
 * In the "Set publishing schedule" dialog, Wagtail's date picker opened under the go-live
 * or expiry field and covered the "Save schedule" button beneath them: an editor had to
 * close the picker before saving. Each picker in the dialog now opens directly above its
 * field, aligned with it, so the button stays in sight and takes a click. Where there is no
 * room above (a very short window) the picker stays where Wagtail puts it. Only the
 * picker's position changes: what is typed is kept as before (typed-dates.js).
 */
(function () {
  "use strict";

  if (!window.jQuery) return;
  var $ = window.jQuery;
  var PICKER = "#schedule-publishing-dialog .xdsoft_datetimepicker";
  var GAP = 4; // px between the picker and its field

  function placeAbove(picker) {
    var input = picker.data("input");
    // Inside the dialog the picker is fixed to the window (the dialog is).
    if (!input || !picker.is(":visible") || picker.css("position") !== "fixed") return;
    var field = input[0].getBoundingClientRect();
    if (field.top - GAP < picker.outerHeight()) return;
    var view = document.documentElement;
    picker.css({
      top: "",
      bottom: view.clientHeight - field.top + GAP + "px",
      left: Math.max(0, Math.min(field.left, view.clientWidth - picker.outerWidth())) + "px",
    });
  }

  // After the picker has placed itself (its own handler runs first, on the picker).
  $(document).on("open.xdsoft", PICKER, function () {
    placeAbove($(this));
  });
  // It places itself again when the window is resized: come after it.
  $(window).on("resize", function () {
    window.requestAnimationFrame(function () {
      $(PICKER).each(function () {
        placeAbove($(this));
      });
    });
  });
})();
