// Starts the self-hosted Swagger UI on the OpenAPI document (no inline script: CSP).
window.addEventListener("load", function () {
  if (typeof SwaggerUIBundle === "function") {
    SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: false });
  }
});
