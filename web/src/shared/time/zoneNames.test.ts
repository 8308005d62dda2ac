import { describe, expect, it } from "vitest";
import { zoneName } from "./zoneNames";
import { cityOfZone } from "./zonedTime";

describe("zoneName", () => {
  it("names Novosibirsk correctly in Russian and English", () => {
    expect(zoneName("Asia/Novosibirsk", "ru")).toBe("Новосибирск");
    expect(zoneName("Asia/Novosibirsk", "ru-RU")).toBe("Новосибирск");
    expect(zoneName("Asia/Novosibirsk", "en")).toBe("Novosibirsk");
    expect(cityOfZone("Asia/Novosibirsk", "ru")).toBe("Новосибирск");
  });

  it("names the other Russian zones by their city, not by an offset", () => {
    expect(zoneName("Europe/Moscow", "ru")).toBe("Москва");
    expect(zoneName("Asia/Kamchatka", "en")).toBe("Petropavlovsk-Kamchatsky");
    expect(zoneName("Asia/Yekaterinburg", "ru")).toBe("Екатеринбург");
  });

  it("falls back to the zone's last part for zones it has no name for", () => {
    expect(zoneName("America/Los_Angeles", "ru")).toBe("Los Angeles");
  });
});
