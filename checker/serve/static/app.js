// The upload page: drop or choose files (or a folder), send them to /ui/check with a progress bar, then
// show the score and links (one file) or the batch summary (several). Everything the server or a file
// name supplies is inserted with textContent, never as markup.
"use strict";
(function () {
  var SUFFIXES = [".docx", ".pdf", ".txt", ".md", ".html", ".htm", ".odt", ".doc", ".wps", ".rtf"];
  var form = document.getElementById("upload");
  var drop = document.getElementById("drop");
  var picker = document.getElementById("files");
  var folderPicker = document.getElementById("folder");
  var ruleset = document.getElementById("ruleset");
  var maxFiles = parseInt(form.dataset.maxFiles, 10);
  var busy = false;

  function $(id) { return document.getElementById(id); }
  function hideResults() {
    ["message", "single", "single-error", "batch"].forEach(function (id) { $(id).hidden = true; });
  }
  function say(text) {
    hideResults();
    $("message").textContent = text;
    $("message").hidden = false;
  }
  function wanted(file) {
    var name = file.name.toLowerCase();
    return SUFFIXES.some(function (s) { return name.slice(-s.length) === s; });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  picker.addEventListener("change", function () { start(Array.prototype.slice.call(picker.files)); picker.value = ""; });
  folderPicker.addEventListener("change", function () {
    start(Array.prototype.slice.call(folderPicker.files).filter(wanted));
    folderPicker.value = "";
  });
  drop.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); picker.click(); }
  });
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (event) { event.preventDefault(); drop.classList.add("over"); });
  });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    drop.classList.remove("over");
    var items = event.dataTransfer.items;
    var entries = [];
    if (items) {
      for (var i = 0; i < items.length; i++) {
        var entry = items[i].webkitGetAsEntry ? items[i].webkitGetAsEntry() : null;
        if (entry) entries.push(entry);
      }
    }
    if (entries.some(function (e) { return e.isDirectory; })) {
      collect(entries).then(function (files) { start(files.filter(wanted)); });
    } else {
      start(Array.prototype.slice.call(event.dataTransfer.files));
    }
  });

  // Files inside dropped folders (recursively), for a whole folder of counties' reports.
  function collect(entries) {
    return Promise.all(entries.map(function (entry) {
      if (entry.isFile) {
        return new Promise(function (resolve) { entry.file(function (f) { resolve([f]); }, function () { resolve([]); }); });
      }
      if (entry.name.charAt(0) === ".") return Promise.resolve([]);
      return readAll(entry.createReader()).then(collect);
    })).then(function (lists) { return [].concat.apply([], lists); });
  }
  function readAll(reader) {
    return new Promise(function (resolve) {
      var all = [];
      (function next() {
        reader.readEntries(function (batch) {
          if (!batch.length) { resolve(all); return; }
          all = all.concat(Array.prototype.slice.call(batch));
          next();
        }, function () { resolve(all); });
      })();
    });
  }

  function start(files) {
    if (busy) return;
    if (!files.length) { say("没有找到可以检查的文件（支持 .docx、.pdf、.txt、.html、.odt）。"); return; }
    if (files.length > maxFiles) { say("文件过多：一次最多上传 " + maxFiles + " 个文件，本次 " + files.length + " 个；请分几次上传。"); return; }
    var data = new FormData();
    files.forEach(function (f) { data.append("files", f, f.name); });
    data.append("ruleset", ruleset.value);
    hideResults();
    busy = true;
    var bar = $("progress-bar"), label = $("progress-label"), started = Date.now(), timer = null;
    bar.setAttribute("value", "0");
    label.textContent = "正在上传 " + files.length + " 个文件……";
    $("progress").hidden = false;

    var request = new XMLHttpRequest();
    request.open("POST", "/ui/check");
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) bar.value = Math.round(100 * event.loaded / event.total);
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");      // indeterminate while the server checks
      var what = files.length === 1 ? "正在检查报告" : "正在检查 " + files.length + " 份报告并生成总览";
      label.textContent = what + "……";
      timer = setInterval(function () {
        label.textContent = what + "……已用 " + Math.round((Date.now() - started) / 1000) + " 秒";
      }, 1000);
    });
    function finish() { busy = false; if (timer) clearInterval(timer); $("progress").hidden = true; }
    request.addEventListener("load", function () {
      finish();
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (e) { answer = null; }
      if (request.status === 401) { window.location.assign("/login"); return; }
      if (request.status !== 200 || !answer) {
        say((answer && answer.detail) || ("检查失败（HTTP " + request.status + "），请稍后再试。"));
        return;
      }
      if (answer.mode === "single") showSingle(answer); else showBatch(answer);
    });
    request.addEventListener("error", function () { finish(); say("无法连接服务器，请检查网络后重试。"); });
    request.send(data);
  }

  function link(id, href) {
    var a = $(id);
    if (href) { a.href = href; a.hidden = false; } else { a.removeAttribute("href"); a.hidden = true; }
  }

  function showSingle(answer) {
    hideResults();
    if (answer.error) {
      $("error-name").textContent = answer.name;
      $("error-text").textContent = answer.error.error;
      $("single-error").hidden = false;
      return;
    }
    var r = answer.report;
    $("single-name").textContent = answer.name;
    $("single-score").textContent = r.score;
    var grade = $("single-grade");
    grade.textContent = r.grade;
    grade.className = "grade-" + r.grade;
    $("single-title").textContent = r.title || "（无标题）";
    $("single-meta").textContent = [r.region || "地区未识别", r.year ? r.year + "年度" : "年度未识别",
      "不符合 " + r.failed + " 项", "部分符合 " + r.partial + " 项", "规则集 " + r.ruleset].join(" · ");
    link("open-audit", answer.links.audit);
    link("download-html", answer.links.html);
    link("download-json", answer.links.json);
    link("download-docx", answer.links.docx);
    $("single").hidden = false;
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function showBatch(answer) {
    hideResults();
    var scored = answer.reports.length, failed = answer.errors.length;
    $("batch-summary").textContent = "共 " + answer.count + " 个文件：" + scored + " 份已评分" +
      (failed ? "，" + failed + " 个未评分（见下方原因）" : "") + "。";
    link("open-dashboard", answer.links.dashboard);
    link("download-zip", answer.links.zip);
    link("download-xlsx", answer.links.xlsx);
    link("download-csv", answer.links.csv);
    link("download-results", answer.links.json);
    var body = $("batch-table").tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    answer.reports.forEach(function (r) {
      var row = document.createElement("tr");
      cell(row, r.name);
      cell(row, r.region || "（未识别）");
      cell(row, String(r.score), "num");
      cell(row, r.grade);
      var td = cell(row, "");
      if (r.audit) {
        var a = document.createElement("a");
        a.href = r.audit;
        a.target = "_blank";
        a.rel = "noopener";
        a.textContent = "打开";
        td.appendChild(a);
      }
      body.appendChild(row);
    });
    var list = $("batch-errors").querySelector("ul");
    while (list.firstChild) list.removeChild(list.firstChild);
    answer.errors.forEach(function (e) {
      var li = document.createElement("li");
      li.textContent = e.path + "：" + e.error;
      list.appendChild(li);
    });
    $("batch-errors").hidden = !failed;
    $("batch").hidden = false;
  }
})();
