/* The task board: filter rows by body, document, deadline quarter and status; sort by any column. */
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("form[data-task-filters]");
    var table = document.querySelector(".task-board table");
    if (!form || !table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var count = form.querySelector(".task-filters__count");

    function meta(row) {
      return row.querySelector(".task-meta").dataset;
    }

    function apply() {
      var wanted = {};
      Array.prototype.forEach.call(form.elements, function (field) { if (field.name) wanted[field.name] = field.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var data = meta(row);
        var visible = (!wanted.body || data.bodies.split(" ").indexOf(wanted.body) >= 0) &&
          (!wanted.document || data.document === wanted.document) &&
          (!wanted.quarter || data.quarter === wanted.quarter) &&
          (!wanted.status || data.status === wanted.status);
        row.hidden = !visible;
        if (visible) shown++;
      });
      count.textContent = "Hiển thị " + shown + " trên " + rows.length + " nhiệm vụ.";
    }

    function sortKey(row, column) {
      if (column === 2) return meta(row).due || "9999";
      if (column === 3) return meta(row).status;
      return row.cells[column].textContent.trim().toLocaleLowerCase("vi");
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "task-sort";
      button.textContent = cell.textContent;
      cell.textContent = "";
      cell.appendChild(button);
      cell.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = cell.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.setAttribute("aria-sort", "none"); });
        cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = sortKey(a, column), y = sortKey(b, column);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    form.addEventListener("change", apply);
    var initial = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && initial.get(field.name)) field.value = initial.get(field.name);
    });
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
