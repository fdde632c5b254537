import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM beside the production server (no type declarations)
import { accessLogLine, redactUrl } from "../../server/access-log.mjs";

describe("access log redaction", () => {
  it.each([
    ["/portal/dlp_abcDEF123", "/portal/[token]"],
    ["/PORTAL/dlp_abcDEF123", "/PORTAL/[token]"],
    ["/portal/dlp_abc/anything/else", "/portal/[token]"],
    ["/portal/dlp_abc?_data=routes%2Fportal.%24token", "/portal/[token]?_data=[redacted]"],
    ["/portal/s/clx123abc", "/portal/s/clx123abc"],
    ["/portal/s/clx123abc?_data=x", "/portal/s/clx123abc?_data=[redacted]"],
    ["/portal", "/portal"],
    ["/app?shop=a.myshopify.com&host=YWRtaW4&id_token=jwt.jwt.jwt", "/app?shop=a.myshopify.com&host=YWRtaW4&id_token=[redacted]"],
    ["/auth/callback?code=abc&hmac=def&state=ghi&shop=a.myshopify.com", "/auth/callback?code=[redacted]&hmac=[redacted]&state=[redacted]&shop=a.myshopify.com"],
    ["/feeds/clx1/push", "/feeds/clx1/push"],
    ["/healthz?flag", "/healthz?flag"],
  ])("%s → %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it("a line has method, redacted URL, status, size and time, and nothing else", () => {
    expect(accessLogLine({ method: "GET", url: "/portal/dlp_x", status: 303, contentLength: undefined, ms: 1.23456 })).toBe(
      "GET /portal/[token] 303 - - 1.235 ms",
    );
  });
});
