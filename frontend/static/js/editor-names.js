/* Học Bình Đẳng, Wagtail's editor: every field gets an accessible name from the label people see.
   Wagtail leaves two kinds of field unnamed (axe-core: serious), which this names as they are
   drawn (StreamField draws its blocks after load, and again on each "add"):
   - Draftail's text box: its <label for> points at the hidden input the editor replaces, and in
     a StructBlock its label has no `for` at all (wagtail/wagtail#14205). Named by that label,
     else by the heading of the block it is in (a paragraph block has no other).
   - the input of a list block's item: its only label is the item's heading, not tied to it
     (wagtail/wagtail#11179). Named by the heading's block label ("Câu hỏi").
   Remove this file once Wagtail names both itself. */
(function () {
  "use strict";
  var FIELDS = ".public-DraftEditor-content, [data-streamfield-child] " +
    ":is(input:not([type=hidden]), textarea, select)";
  var made = 0;

  function idOf(element) {
    if (!element.id) {
      made += 1;
      element.id = "editor-name-" + made;
    }
    return element.id;
  }

  function named(field) {
    return field.hasAttribute("aria-label") || field.hasAttribute("aria-labelledby") ||
      (field.labels && field.labels.length > 0);
  }

  function itsLabel(field) {
    if (field.classList.contains("public-DraftEditor-content")) {
      var wrapper = field.closest("[data-draftail-editor-wrapper]");
      var input = wrapper && wrapper.parentNode.querySelector("[data-draftail-input]");
      if (input && input.id) {  // a page's own field: its label points at the hidden input
        var label = document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
        if (label) return label;
      }
    }
    // In a StructBlock, the child's label stands first in its box, with no `for`.
    var box = field.closest("[data-contentpath]");
    var own = box && box.querySelector(":scope > label.w-field__label");
    if (own && own.textContent.trim()) return own;
    var block = field.closest("[data-streamfield-child]");
    var type = block && block.querySelector(".c-sf-block__type");
    return type && type.textContent.trim() ? type : null;
  }

  function name(root) {
    var fields = root.matches && root.matches(FIELDS) ? [root] : [];
    if (root.querySelectorAll) fields = fields.concat(Array.from(root.querySelectorAll(FIELDS)));
    fields.forEach(function (field) {
      if (named(field)) return;
      var label = itsLabel(field);
      if (label) field.setAttribute("aria-labelledby", idOf(label));
    });
  }

  function start() {
    name(document.body);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) name(node);
        });
      });
    }).observe(document.body, {childList: true, subtree: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
