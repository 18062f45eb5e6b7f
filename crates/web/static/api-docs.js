// Starts the self-hosted Swagger UI on the OpenAPI document in the page's language (no inline
// script: CSP), and translates Swagger UI's own labels: the page carries them in data-labels
// (English label -> label in the page's language); text and titles are replaced as Swagger UI
// draws them.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle !== "function") {
    return;
  }
  var labels = {};
  try {
    labels = JSON.parse(root.getAttribute("data-labels") || "{}");
  } catch (e) {
    labels = {};
  }
  var has = function (text) {
    return Object.prototype.hasOwnProperty.call(labels, text);
  };
  var attributes = ["title", "aria-label", "placeholder"];
  var translateAttributes = function (element) {
    attributes.forEach(function (name) {
      var value = element.getAttribute(name);
      if (value && has(value.trim())) {
        element.setAttribute(name, labels[value.trim()]);
      }
    });
  };
  var translate = function (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      var text = node.nodeValue.trim();
      if (text && has(text)) {
        node.nodeValue = node.nodeValue.replace(text, labels[text]);
      }
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      translateAttributes(node);
      node.childNodes.forEach(translate);
    }
  };
  if (has("required")) {
    root.style.setProperty("--cohorte-swagger-required", JSON.stringify(labels.required));
  }
  if (Object.keys(labels).length > 0) {
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.type === "attributes") {
          translateAttributes(record.target);
        } else if (record.type === "characterData") {
          translate(record.target);
        } else {
          record.addedNodes.forEach(translate);
        }
      });
    }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: attributes });
  }
  SwaggerUIBundle({ url: root.getAttribute("data-url"), dom_id: "#swagger-ui", deepLinking: false });
});
