import { describe, expect, it } from "vitest";
import { declaredContainer, sniffContainer } from "./container";
import { MP4_HEAD, WEBM_HEAD } from "@/test/kits/recordings";

describe("container sniffing", () => {
  it("knows WebM by its EBML magic and MP4 by ftyp at offset 4, and nothing else", () => {
    expect(sniffContainer(WEBM_HEAD)).toBe("webm");
    expect(sniffContainer(MP4_HEAD)).toBe("mp4");
    expect(sniffContainer(Buffer.from("<!doctype html><html>"))).toBeNull();
    expect(sniffContainer(Buffer.from("ftyp"))).toBeNull();
    expect(sniffContainer(new Uint8Array())).toBeNull();
  });

  it("accepts only WebM and MP4 declared types, codecs allowed", () => {
    expect(declaredContainer("video/webm;codecs=vp8,opus")).toBe("webm");
    expect(declaredContainer("audio/mp4")).toBe("mp4");
    expect(declaredContainer("text/html")).toBeNull();
    expect(declaredContainer("video/webmx")).toBeNull();
  });
});
