import { describe, expect, it } from "vitest";
import { formatWindow } from "./format";

// ICU versions differ on thin vs normal spaces around the dash; compare with plain spaces.
const plain = (s: string): string => s.replace(/\s/g, " ");

describe("formatWindow", () => {
  const window = { earliest: "2025-12-02", latest: "2025-12-05" };

  it("renders an English range with weekdays", () => {
    expect(plain(formatWindow(window, "en-US"))).toBe("Tue, Dec 2 – Fri, Dec 5");
  });

  it("renders the French equivalent", () => {
    expect(plain(formatWindow(window, "fr"))).toBe("mar. 2 – ven. 5 déc.");
  });

  it("renders a same-day window as one date", () => {
    const sameDay = { earliest: "2025-12-02", latest: "2025-12-02" };
    expect(formatWindow(sameDay, "en-US")).toBe("Tue, Dec 2");
    expect(formatWindow(sameDay, "fr")).toBe("mar. 2 déc.");
  });

  it("names both months across a month boundary", () => {
    expect(plain(formatWindow({ earliest: "2025-11-28", latest: "2025-12-02" }, "en-US"))).toBe("Fri, Nov 28 – Tue, Dec 2");
  });

  it("prints the same days whatever zone the shopper is in", () => {
    for (const timeZone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Los_Angeles"]) {
      expect(plain(formatWindow(window, "en-US", { timeZone }))).toBe("Tue, Dec 2 – Fri, Dec 5");
    }
  });
});
