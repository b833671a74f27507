/* Topics as the newsroom writes them: "child safety", not "\"child safety\"" (newsroom/tags.py).
 *
 * Wagtail's tag field wraps a tag of several words in double quotes, so that taggit reads
 * "child safety" as one tag and not two; the quotes then show on the tag. Tags are
 * separated by commas here (TAGGIT_TAGS_FROM_STRING reads commas only), so the quotes are
 * not needed: the same controller, without them. Registered before Stimulus connects any
 * controller (this script runs as the page is read; Stimulus connects once it is read).
 */
(function () {
  "use strict";

  var app = window.wagtail && window.wagtail.app;
  var module = app && app.router.modulesByIdentifier.get("w-tag");
  if (!module) return;
  var TagController = module.definition.controllerConstructor;

  class PlainTagController extends TagController {
    cleanTag(tag) {
      return tag ? tag.replace(/^\s*"(.*)"\s*$/, "$1").trim() : tag;
    }
  }

  app.register("w-tag", PlainTagController);
})();
