/**
 * DEMO ONLY: a local stand-in for Shopify's App Bridge script (which loads from Shopify's CDN and
 * needs the real admin around it). It provides what @shopify/app-bridge-react 4 uses: window.shopify
 * with config, idToken(), toast, loading; a bearer header on same-origin fetches; and simple
 * renderings of ui-nav-menu / ui-title-bar so a person can move around the demo.
 */
export const APP_BRIDGE_STANDIN_JS = String.raw`(() => {
  const script = document.currentScript;
  const apiKey = (script && script.dataset.apiKey) || "";
  const params = new URLSearchParams(location.search);
  const shop = params.get("shop") || sessionStorage.getItem("dropline-demo-shop") || "";
  if (shop) sessionStorage.setItem("dropline-demo-shop", shop);
  let cached = { token: params.get("id_token"), at: Date.now() };
  async function idToken() {
    if (cached.token && Date.now() - cached.at < 30000) return cached.token;
    const res = await originalFetch("/demo/token?shop=" + encodeURIComponent(shop));
    const body = await res.json();
    cached = { token: body.token, at: Date.now() };
    return cached.token;
  }
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input.url || String(input), location.href);
    if (url.origin === location.origin && !url.pathname.startsWith("/demo/")) {
      const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
      return originalFetch(input, Object.assign({}, init, { headers }));
    }
    return originalFetch(input, init);
  };
  function toastHost() {
    let el = document.getElementById("demo-toasts");
    if (!el) {
      el = document.createElement("div");
      el.id = "demo-toasts";
      el.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);z-index:9999;display:flex;flex-direction:column;gap:8px";
      document.body.appendChild(el);
    }
    return el;
  }
  window.shopify = {
    config: { apiKey, shop, host: params.get("host"), locale: "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken,
    toast: { show(message, opts) {
      const t = document.createElement("div");
      t.setAttribute("role", "status");
      t.textContent = message;
      t.style.cssText = "background:" + (opts && opts.isError ? "#8e1f0b" : "#303030") + ";color:#fff;padding:10px 16px;border-radius:8px;font:14px system-ui";
      toastHost().appendChild(t);
      setTimeout(() => t.remove(), (opts && opts.duration) || 4000);
      return "toast";
    }, hide() {} },
    loading() {},
    modal: { show() {}, hide() {}, toggle() {} },
    saveBar: { show() {}, hide() {}, toggle() {}, leaveConfirmation: async () => {} },
    resourcePicker: async () => undefined,
    user: async () => ({ id: 1 }),
    ready: Promise.resolve(),
  };
  // Rendered in a shadow root: the light DOM stays exactly as React rendered it, so hydration matches.
  class NavMenu extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      root.innerHTML = '<style>:host{display:flex;gap:16px;align-items:center;padding:10px 16px;background:#1a1a1a;font:14px system-ui}' +
        'strong{color:#fff}::slotted(a){color:#e3e3e3}</style><strong>Dropline demo admin</strong><slot></slot>';
    }
  }
  class TitleBar extends HTMLElement {}
  class SaveBar extends HTMLElement {}
  class Modal extends HTMLElement {}
  for (const [name, cls] of [["ui-nav-menu", NavMenu], ["ui-title-bar", TitleBar], ["ui-save-bar", SaveBar], ["ui-modal", Modal]]) {
    if (!customElements.get(name)) customElements.define(name, cls);
  }
})();`;
