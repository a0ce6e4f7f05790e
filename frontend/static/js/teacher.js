// The teacher space's one enhancement: "Select all" above the assignment form's students.
// Without JavaScript the form still works: choosing no one gives the work to the whole class.
"use strict";
document.querySelectorAll("[data-select-all]").forEach(function (box) {
  var inputs = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
  if (!inputs.length) return;
  var label = document.createElement("label");
  var all = document.createElement("input");
  all.type = "checkbox"; // no name: never sent with the form
  label.className = "select-all";
  label.appendChild(all);
  label.appendChild(document.createTextNode(" " + box.getAttribute("data-select-all")));
  box.insertBefore(label, box.querySelector("ul"));
  function sync() {
    var picked = inputs.filter(function (input) { return input.checked; }).length;
    all.checked = picked === inputs.length;
    all.indeterminate = picked > 0 && picked < inputs.length;
  }
  all.addEventListener("change", function () {
    inputs.forEach(function (input) { input.checked = all.checked; });
  });
  inputs.forEach(function (input) { input.addEventListener("change", sync); });
  sync();
});
