// Server-sent events over fetch (EventSource cannot POST): the parser the chat page reads /api/chat with.
"use strict";

window.PlanpratSSE = (function () {
  /** Parse a text/event-stream body: calls onEvent(name, data) for each complete event. */
  async function readEvents(resp, onEvent) {
    const reader = resp.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const flush = (block) => {
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        let value = i < 0 ? "" : line.slice(i + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") name = value;
        else if (field === "data") data.push(value);
      }
      if (data.length) onEvent(name, data.join("\n"));
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      // Lines end in \r\n, \n or \r; a \r at the very end may be half of a \r\n split across reads: keep it.
      const held = buffer.endsWith("\r") ? "\r" : "";
      let text = (held ? buffer.slice(0, -1) : buffer).replace(/\r\n?/g, "\n");
      let cut;
      while ((cut = text.indexOf("\n\n")) >= 0) {
        flush(text.slice(0, cut));
        text = text.slice(cut + 2);
      }
      buffer = text + held;
    }
    buffer = buffer.replace(/\r\n?/g, "\n");
    if (buffer.trim()) flush(buffer);
  }

  return { readEvents };
})();
