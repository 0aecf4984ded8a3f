// Lists the API from /openapi.json: method, path, summary, description, form fields and responses.
// Text from the description is inserted with textContent only.
"use strict";
(function () {
  var box = document.getElementById("endpoints");
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function resolve(spec, schema) {
    if (schema && schema.$ref) {
      var path = schema.$ref.replace(/^#\//, "").split("/");
      return path.reduce(function (node, key) { return node && node[key]; }, spec);
    }
    return schema;
  }
  fetch("/openapi.json", { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }).then(function (spec) {
    while (box.firstChild) box.removeChild(box.firstChild);
    Object.keys(spec.paths).forEach(function (path) {
      var methods = spec.paths[path];
      Object.keys(methods).forEach(function (method) {
        var op = methods[method];
        var section = el("div", undefined, "endpoint");
        var head = el("h3");
        head.appendChild(el("span", method.toUpperCase(), "method"));
        head.appendChild(el("code", path));
        head.appendChild(document.createTextNode(" " + (op.summary || "")));
        section.appendChild(head);
        if (op.description) section.appendChild(el("p", op.description));
        var body = op.requestBody && op.requestBody.content;
        if (body) {
          Object.keys(body).forEach(function (type) {
            var schema = resolve(spec, body[type].schema) || {};
            var fields = el("ul");
            Object.keys(schema.properties || {}).forEach(function (name) {
              var prop = schema.properties[name];
              var required = (schema.required || []).indexOf(name) >= 0 ? "（必填）" : "（可选）";
              fields.appendChild(el("li", name + required + (prop.description ? "：" + prop.description : "")));
            });
            section.appendChild(el("p", "请求体：" + type));
            section.appendChild(fields);
          });
        }
        var responses = el("ul");
        Object.keys(op.responses || {}).forEach(function (code) {
          responses.appendChild(el("li", code + " " + (op.responses[code].description || "")));
        });
        section.appendChild(el("p", "响应："));
        section.appendChild(responses);
        box.appendChild(section);
      });
    });
  }).catch(function (error) {
    box.textContent = "无法读取 /openapi.json（" + error.message + "）";
  });
})();
