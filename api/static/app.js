// Planprat chat page: plain DOM, no framework. Every piece of document or answer text is put on the page with
// textContent / text nodes (see el()), never innerHTML, so text from documents can never become markup.
"use strict";

(function () {
  // ---------------------------------------------------------------- helpers
  const $ = (sel) => document.querySelector(sel);
  const { readEvents } = window.PlanpratSSE; // sse.js

  /** Build an element. attrs: class, text, on<Event> handlers, hidden, or plain attributes; children: nodes/strings. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (key === "hidden") node.hidden = true;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const KIND_NO = {
    plan: "Plan",
    report: "Rapport",
    presentation: "Presentasjon",
    case: "Saksframlegg",
    law: "Lov",
    regulation: "Forskrift",
    other: "Annet",
  };
  const kindName = (k) => KIND_NO[k] || k || "Dokument";

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  /** The server's Norwegian `detail`, or a plain fallback. */
  async function errorFrom(resp) {
    let detail = "";
    try {
      const data = await resp.json();
      detail = typeof data.detail === "string" ? data.detail : "";
    } catch (_) {
      /* not JSON */
    }
    if (!detail) {
      detail = resp.status === 404
        ? "Denne funksjonen finnes ikke på serveren ennå."
        : `Noe gikk galt (feilkode ${resp.status}). Prøv igjen om litt.`;
    }
    return new ApiError(detail, resp.status);
  }

  async function api(path, options) {
    let resp;
    try {
      resp = await fetch(path, options);
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiError("Får ikke kontakt med Planprat-serveren. Sjekk at den kjører, og prøv igjen.", 0);
    }
    if (!resp.ok) throw await errorFrom(resp);
    return resp;
  }

  const postJSON = (path, body, signal) =>
    api(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });

  function toast(message) {
    const t = $("#toast");
    t.textContent = message;
    t.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => t.classList.remove("show"), 2600);
  }

  function errorBox(message) {
    return el("p", { class: "error", role: "alert" }, message);
  }

  const squash = (t) => (t || "").toLowerCase().replace(/[^a-z0-9æøå]+/g, "");

  /** A section path without a first part that only repeats the document title. */
  function sectionPath(section, title) {
    const parts = (section || "").split(" › ");
    const head = squash(parts[0]).slice(0, 40);
    if (head.length >= 12 && squash(title).includes(head)) parts.shift();
    return parts.join(" › ");
  }

  /** «Kommune · Kapittel · s. 4» for a citation or hit. */
  function sourceLine(c) {
    const parts = [];
    if (c.municipality) parts.push(c.municipality);
    const section = sectionPath(c.section, c.doc_title);
    if (c.law_ref) parts.push(c.law_ref);
    else if (section) parts.push(section);
    if (c.page) parts.push(`s. ${c.page}`);
    return parts.join(" · ");
  }

  function shorten(text, max) {
    const t = (text || "").replace(/\s+/g, " ").trim();
    return t.length > max ? t.slice(0, max - 1).replace(/\s+\S*$/, "") + " …" : t;
  }

  // ---------------------------------------------------------------- state
  const STORE_KEY = "planprat.samtaler.v1";
  const MAX_STORED = 20;
  const state = {
    mode: "ask",
    docs: [],
    facets: { kind: [], municipality: [], law: [] },
    conv: newConversation(),
    busy: false,
    controller: null,
    lastTrigger: null,
  };

  function newConversation() {
    return { id: `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, serverId: null, title: "", turns: [] };
  }

  function loadStored() {
    try {
      const data = JSON.parse(localStorage.getItem(STORE_KEY) || "[]");
      return Array.isArray(data) ? data : [];
    } catch (_) {
      return [];
    }
  }

  function saveConversation(conv) {
    if (!conv.turns.length) return;
    const all = loadStored().filter((c) => c.id !== conv.id);
    const slim = {
      id: conv.id,
      serverId: conv.serverId,
      title: conv.title,
      updated: Date.now(),
      turns: conv.turns.map((t) => ({ ...t, hits: (t.hits || []).slice(0, 5) })),
    };
    all.unshift(slim);
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(all.slice(0, MAX_STORED)));
    } catch (_) {
      /* storage full or off: history is a convenience */
    }
    renderHistory();
  }

  // ---------------------------------------------------------------- filters and documents
  const filterSelects = { kind: "#f-kind", municipality: "#f-municipality", law: "#f-law" };

  function currentFilters() {
    const out = {};
    for (const [key, sel] of Object.entries(filterSelects)) {
      const v = $(sel).value;
      out[key] = v ? [v] : [];
    }
    return out;
  }

  function describeFilters(f) {
    const parts = [];
    if (f.kind && f.kind.length) parts.push(kindName(f.kind[0]));
    if (f.municipality && f.municipality.length) parts.push(f.municipality[0]);
    if (f.law && f.law.length) parts.push(f.law[0]);
    return parts.join(", ");
  }

  function fillSelect(select, values, label) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.append(el("option", { value: v }, label ? label(v) : v));
    if (values.includes(keep)) select.value = keep;
  }

  async function loadDocuments(attempt = 0) {
    const status = $("#f-status");
    try {
      const data = await (await api("/api/documents")).json();
      state.docs = data.documents || [];
      state.facets = data.facets || state.facets;
      fillSelect($("#f-kind"), state.facets.kind || [], kindName);
      fillSelect($("#f-municipality"), state.facets.municipality || []);
      fillSelect($("#f-law"), state.facets.law || []);
      fillSelect($("#draft-municipality"), state.facets.municipality || []);
      const plans = state.docs
        .filter((d) => d.kind !== "law" && d.kind !== "regulation")
        .sort((a, b) => (a.municipality || "").localeCompare(b.municipality || "", "nb"));
      const refs = $("#refs-doc");
      while (refs.options.length > 1) refs.remove(1);
      for (const d of plans) {
        const label = [d.title, d.year].filter(Boolean).join(" (") + (d.year ? ")" : "");
        refs.append(el("option", { value: d.doc_id }, label));
      }
      status.textContent = `${state.docs.length} dokumenter i Planprat.`;
      document.body.dataset.ready = "true";
    } catch (err) {
      status.textContent = err.message;
      if (attempt < 20) setTimeout(() => loadDocuments(attempt + 1), 3000);
    }
  }

  // ---------------------------------------------------------------- answer text with citation markers
  const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

  /** Text with [n] / [n, m] turned into marker buttons (citations may not be known yet while streaming). */
  function withMarkers(text, citations) {
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(MARKER)) {
      if (m.index > last) frag.append(document.createTextNode(text.slice(last, m.index)));
      for (const num of m[1].split(",").map((s) => Number(s.trim()))) {
        frag.append(markerButton(num, citations));
      }
      last = m.index + m[0].length;
    }
    if (last < text.length) frag.append(document.createTextNode(text.slice(last)));
    return frag;
  }

  /** Fill `container` with the answer: one span per line, a line ending in «:» without a source marker (a
   * group: «Indre Østfold – Boligsosial planlegging – … (Indre Østfold kommune):») shown as a heading. */
  function renderAnswerText(container, text, citations) {
    const frag = document.createDocumentFragment();
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      const head = line.length <= 240 && /:\s*$/.test(line) && !MARKER.test(line);
      MARKER.lastIndex = 0;
      frag.append(el("span", { class: head ? "line line-head" : "line" }, withMarkers(line, citations)));
      if (i < lines.length - 1) frag.append(document.createTextNode("\n"));
    });
    container.replaceChildren(frag);
  }

  function markerButton(n, citations) {
    const cit = citations ? citations.find((c) => c.n === n) : null;
    const label = cit ? `Kilde ${n}: ${cit.doc_title}${cit.municipality ? ", " + cit.municipality : ""}` : `Kilde ${n}`;
    return el(
      "button",
      {
        type: "button",
        class: "marker",
        "data-n": n,
        "aria-label": label,
        title: cit ? cit.doc_title : null,
        disabled: !cit,
        onclick: (ev) => {
          if (cit) openSource(cit, ev.currentTarget);
        },
      },
      String(n),
    );
  }

  function citationList(citations, heading) {
    const list = el("ol", { class: "sources" });
    for (const c of citations) {
      list.append(
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "source-item",
              "data-municipality": c.municipality || "",
              onclick: (ev) => openSource(c, ev.currentTarget),
              "aria-label": `Vis kilde ${c.n}: ${c.doc_title}`,
            },
            el("span", { class: "marker static", "aria-hidden": "true" }, String(c.n)),
            el(
              "span",
              { class: "source-text" },
              el("span", { class: "source-title" }, c.doc_title),
              el("span", { class: "source-where" }, [kindName(c.kind), sourceLine(c)].filter(Boolean).join(" · ")),
              c.quote ? el("span", { class: "source-quote" }, `«${shorten(c.quote, 180)}»`) : null,
            ),
          ),
        ),
      );
    }
    return el("section", { class: "sources-box", "aria-label": heading }, el("h3", { class: "small-h" }, heading), list);
  }

  function hitList(hits) {
    const list = el("ul", { class: "sources maybe" });
    for (const h of hits) {
      const asCitation = { ...h, quote: "" };
      list.append(
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "source-item",
              "data-municipality": h.municipality || "",
              onclick: (ev) => openSource(asCitation, ev.currentTarget),
              "aria-label": `Vis tekst fra ${h.doc_title}`,
            },
            el(
              "span",
              { class: "source-text" },
              el("span", { class: "source-title" }, h.doc_title),
              el("span", { class: "source-where" }, [kindName(h.kind), sourceLine(h)].filter(Boolean).join(" · ")),
              el("span", { class: "source-quote" }, shorten(h.text, 220)),
            ),
          ),
        ),
      );
    }
    return list;
  }

  /** The answer and its sources as plain text for the clipboard. */
  function answerAsText(turn) {
    const lines = [`Spørsmål: ${turn.question}`, "", turn.answer.trim()];
    if (turn.citations && turn.citations.length) {
      lines.push("", "Kilder:");
      for (const c of turn.citations) {
        const where = sourceLine(c);
        lines.push(`[${c.n}] ${c.doc_title}${where ? " – " + where : ""}${c.quote ? `: «${c.quote}»` : ""}`);
      }
    }
    lines.push("", "Fra Planprat");
    return lines.join("\n");
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (_) {
      const area = el("textarea", { class: "offscreen", readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (_) {
        ok = false;
      }
      area.remove();
      return ok;
    }
  }

  // ---------------------------------------------------------------- the conversation
  /** Build the DOM of one turn; returns handles for streaming into it. */
  function turnView(question, filtersText) {
    const answerText = el("div", { class: "answer-text", "aria-live": "polite", "aria-busy": "true" });
    const status = el("p", { class: "thinking" }, el("span", { class: "dots", "aria-hidden": "true" }), "Leter i dokumentene …");
    const extra = el("div", { class: "answer-extra" });
    const article = el(
      "article",
      { class: "answer streaming", "aria-label": "Svar fra Planprat" },
      el("h3", { class: "visually-hidden" }, "Svar"),
      status,
      answerText,
      extra,
    );
    const li = el(
      "li",
      { class: "turn" },
      el(
        "div",
        { class: "question-bubble" },
        el("h3", { class: "visually-hidden" }, "Ditt spørsmål"),
        el("p", { class: "question-text" }, question),
        filtersText ? el("p", { class: "question-filters" }, `Avgrenset til: ${filtersText}`) : null,
      ),
      article,
    );
    return { li, article, answerText, status, extra };
  }

  function finishTurn(view, turn) {
    view.status.remove();
    view.article.classList.remove("streaming");
    view.answerText.setAttribute("aria-busy", "false");
    // An abstained answer lists its «Kanskje relevant» passages in text; they are shown below as buttons instead.
    const hasMaybe = turn.abstained && (turn.hits || []).length > 0;
    const shown = hasMaybe ? turn.answer.split(/\n\s*\n(?=\s*Kanskje relevant)/i)[0] : turn.answer;
    renderAnswerText(view.answerText, shown, turn.citations);
    view.extra.replaceChildren();
    if (turn.abstained) {
      view.article.classList.add("abstained");
      view.article.prepend(
        el(
          "p",
          { class: "abstain-badge" },
          el("span", { class: "abstain-icon", "aria-hidden": "true" }, "?"),
          "Fant ikke svar i dokumentene",
        ),
      );
      const hits = (turn.hits || []).slice(0, 5);
      if (hits.length) {
        view.extra.append(
          el("h3", { class: "small-h" }, "Kanskje relevant"),
          el("p", { class: "hint" }, "Disse tekstene ligner på spørsmålet, men svarer ikke på det. Les dem selv før du bruker dem."),
          hitList(hits),
        );
      }
    } else if (turn.citations && turn.citations.length) {
      view.extra.append(citationList(turn.citations, "Kilder"));
    }
    if (turn.notes && turn.notes.length) {
      view.extra.append(el("ul", { class: "notes", "aria-label": "Merknader" }, turn.notes.map((n) => el("li", {}, n))));
    }
    const copy = el(
      "button",
      {
        type: "button",
        class: "ghost small copy",
        onclick: async () => {
          const ok = await copyText(answerAsText(turn));
          toast(ok ? "Svaret og kildene er kopiert." : "Kunne ikke kopiere: marker teksten og kopier selv.");
        },
      },
      "Kopier svar",
    );
    view.extra.append(el("div", { class: "answer-actions" }, copy));
  }

  function failTurn(view, message) {
    view.status.remove();
    view.article.classList.remove("streaming");
    view.article.classList.add("failed");
    view.answerText.setAttribute("aria-busy", "false");
    view.extra.replaceChildren(errorBox(message));
  }

  function historyFor(conv) {
    const out = [];
    for (const t of conv.turns.slice(-10)) {
      out.push({ role: "user", content: t.question }, { role: "assistant", content: t.answer });
    }
    return out;
  }

  function setBusy(busy) {
    state.busy = busy;
    $("#send").disabled = busy;
    $("#send").textContent = busy ? "Svarer …" : "Send";
    $("#ask-form").setAttribute("aria-busy", String(busy));
  }

  async function ask(question) {
    if (state.busy) return;
    const conv = state.conv;
    const filters = currentFilters();
    $("#welcome").hidden = true;
    const view = turnView(question, describeFilters(filters));
    $("#thread").append(view.li);
    view.li.scrollIntoView({ block: "start", behavior: "smooth" });
    setBusy(true);
    const controller = new AbortController();
    state.controller = controller;
    const turn = { question, answer: "", citations: [], abstained: false, hits: [], notes: [], filters };
    try {
      const send = async (withId) => {
        const body = { question, filters };
        if (withId) body.conversation_id = conv.serverId;
        else body.history = historyFor(conv);
        return postJSON("/api/chat", body, controller.signal);
      };
      let resp;
      try {
        resp = await send(Boolean(conv.serverId));
      } catch (err) {
        // The server forgot the conversation (restart): carry on with the history this page keeps.
        if (err.status === 404 && conv.serverId) {
          conv.serverId = null;
          resp = await send(false);
        } else throw err;
      }
      let gotDone = false;
      await readEvents(resp, (name, raw) => {
        if (conv !== state.conv) return; // «Ny samtale» was pressed meanwhile
        let data;
        try {
          data = JSON.parse(raw);
        } catch (_) {
          return;
        }
        if (name === "start" && data.conversation_id) conv.serverId = data.conversation_id;
        else if (name === "delta") {
          if (view.status.isConnected) view.status.remove();
          turn.answer += data.text || "";
          renderAnswerText(view.answerText, turn.answer, null);
        } else if (name === "citations") {
          turn.citations = data.citations || [];
          turn.abstained = Boolean(data.abstained);
          turn.hits = data.hits || [];
          turn.notes = data.notes || [];
          turn.mode = data.mode;
        } else if (name === "done") {
          gotDone = true;
        } else if (name === "error") {
          throw new ApiError(data.detail || "Svaret ble avbrutt.", 500);
        }
      });
      if (conv !== state.conv) return;
      if (!gotDone && !turn.answer) throw new ApiError("Svaret ble avbrutt før det var ferdig. Prøv igjen.", 0);
      finishTurn(view, turn);
      conv.turns.push(turn);
      if (!conv.title) conv.title = question;
      saveConversation(conv);
    } catch (err) {
      if (err && err.name === "AbortError") return;
      failTurn(view, err.message || "Noe gikk galt. Prøv igjen.");
    } finally {
      if (state.controller === controller) {
        state.controller = null;
        setBusy(false);
      }
    }
  }

  function renderStoredConversation(conv) {
    const thread = $("#thread");
    thread.replaceChildren();
    $("#welcome").hidden = conv.turns.length > 0;
    for (const t of conv.turns) {
      const view = turnView(t.question, describeFilters(t.filters || {}));
      thread.append(view.li);
      finishTurn(view, t);
    }
  }

  function startNewConversation() {
    if (state.controller) state.controller.abort();
    state.controller = null;
    setBusy(false);
    state.conv = newConversation();
    $("#thread").replaceChildren();
    $("#welcome").hidden = false;
    selectMode("ask");
    renderHistory();
    const q = $("#question");
    q.value = "";
    q.focus();
  }

  function renderHistory() {
    const list = $("#history");
    const stored = loadStored();
    list.replaceChildren();
    for (const c of stored) {
      const current = c.id === state.conv.id;
      list.append(
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "history-item",
              "aria-current": current ? "true" : null,
              onclick: () => {
                if (state.controller) state.controller.abort();
                state.controller = null;
                setBusy(false);
                state.conv = { id: c.id, serverId: c.serverId, title: c.title, turns: c.turns || [] };
                renderStoredConversation(state.conv);
                selectMode("ask");
                renderHistory();
                closeSideOnNarrow();
                $("#question").focus();
              },
            },
            el("span", { class: "history-title" }, shorten(c.title || "Samtale", 70)),
            el("span", { class: "history-meta" }, `${c.turns.length} ${c.turns.length === 1 ? "spørsmål" : "spørsmål"} · ${new Date(c.updated).toLocaleString("nb-NO", { dateStyle: "short", timeStyle: "short" })}`),
          ),
        ),
      );
    }
    $("#history-empty").hidden = stored.length > 0;
  }

  // ---------------------------------------------------------------- the source panel
  /** Ranges [start, end) of `quote` in `text`, matching across whitespace differences and «…» gaps. */
  function findQuote(text, quote) {
    if (!quote) return [];
    const exact = text.indexOf(quote);
    if (exact >= 0) return [[exact, exact + quote.length]];
    // Collapse whitespace in the text, remembering where each kept character came from.
    let norm = "";
    const map = [];
    let space = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (/\s/.test(ch)) {
        if (!space && norm.length) {
          norm += " ";
          map.push(i);
        }
        space = true;
      } else {
        norm += ch;
        map.push(i);
        space = false;
      }
    }
    const lower = norm.toLowerCase();
    const ranges = [];
    const parts = quote
      .split(/\s*(?:…|\.\.\.|\[\.\.\.\])\s*/)
      .map((p) => p.replace(/\s+/g, " ").replace(/^[«"“\s]+|[»"”\s]+$/g, "").trim())
      .filter((p) => p.length >= 8);
    for (const part of parts) {
      let at = lower.indexOf(part.toLowerCase());
      let len = part.length;
      if (at < 0 && part.length > 60) {
        // The quote may have been trimmed at its end: find its beginning.
        const head = part.slice(0, 60).toLowerCase();
        at = lower.indexOf(head);
        len = head.length;
      }
      if (at >= 0) ranges.push([map[at], map[at + len - 1] + 1]);
    }
    return ranges.sort((a, b) => a[0] - b[0]);
  }

  function textWithMarks(text, ranges) {
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const [start, end] of ranges) {
      if (start < last) continue;
      if (start > last) frag.append(document.createTextNode(text.slice(last, start)));
      frag.append(el("mark", {}, text.slice(start, end)));
      last = end;
    }
    if (last < text.length) frag.append(document.createTextNode(text.slice(last)));
    return frag;
  }

  function sectionOf(chunk) {
    return (chunk.section || []).join(" › ");
  }

  function chunkBlock(chunk, cls, prevSection, title) {
    const section = sectionOf(chunk);
    const block = el("div", { class: `passage ${cls}` });
    const shown = sectionPath(section, title);
    const lastPart = (chunk.section || []).slice(-1)[0] || "";
    // A law chunk starts with its own heading («§ 4. Vanskeligstilte …»): no label that repeats it.
    const repeats = lastPart && chunk.text.trimStart().startsWith(lastPart);
    if (shown && section !== prevSection && !repeats) block.append(el("p", { class: "passage-section" }, shown));
    return { block, section };
  }

  async function openSource(cit, trigger) {
    const dialog = $("#source");
    state.lastTrigger = trigger || document.activeElement;
    $("#source-kicker").textContent = cit.n ? `Kilde ${cit.n}` : "Kildetekst";
    $("#source-title").textContent = cit.doc_title || "Kilde";
    const meta = $("#source-meta");
    meta.replaceChildren();
    const addMeta = (term, value) => {
      if (value) meta.append(el("div", {}, el("dt", {}, term), el("dd", {}, String(value))));
    };
    addMeta("Type", kindName(cit.kind));
    addMeta("Kommune", cit.municipality);
    addMeta("Lovhenvisning", cit.law_ref);
    addMeta("Del", sectionPath(cit.section, cit.doc_title));
    addMeta("Side", cit.page);
    $("#source-quote-label").hidden = !cit.quote;
    const body = $("#source-body");
    body.replaceChildren(el("p", { class: "thinking" }, el("span", { class: "dots", "aria-hidden": "true" }), "Henter teksten …"));
    if (!dialog.open) dialog.showModal();
    $("#source-close").focus();
    try {
      const url = `/api/documents/${encodeURIComponent(cit.doc_id)}/passage?chunk=${encodeURIComponent(cit.chunk_id)}&context=1`;
      const data = await (await api(url)).json();
      if (!dialog.open) return;
      const doc = data.doc || {};
      if (doc.year && !meta.querySelector("[data-year]")) {
        meta.append(el("div", { "data-year": "" }, el("dt", {}, "År"), el("dd", {}, String(doc.year))));
      }
      if (!cit.municipality && doc.municipality) addMeta("Kommune", doc.municipality);
      const frag = document.createDocumentFragment();
      let prev = "";
      for (const c of data.before || []) {
        const { block, section } = chunkBlock(c, "context", prev, cit.doc_title);
        block.append(el("p", { class: "passage-text" }, c.text));
        frag.append(block);
        prev = section;
      }
      const cur = data.chunk;
      const { block, section } = chunkBlock(cur, "cited", prev, cit.doc_title);
      const ranges = findQuote(cur.text, cit.quote);
      const p = el("p", { class: "passage-text" });
      p.append(textWithMarks(cur.text, ranges));
      block.append(p);
      frag.append(block);
      prev = section;
      for (const c of data.after || []) {
        const r = chunkBlock(c, "context", prev, cit.doc_title);
        r.block.append(el("p", { class: "passage-text" }, c.text));
        frag.append(r.block);
        prev = r.section;
      }
      body.replaceChildren(frag);
      if (cit.quote && !ranges.length) {
        body.prepend(el("p", { class: "hint" }, "Fant ikke det nøyaktige sitatet i teksten; hele tekstbiten er uthevet."));
        block.classList.add("whole");
      }
      // Show the cited piece from its start, unless the highlight would then be below the fold.
      const blockTop = block.offsetTop - body.offsetTop;
      const mark = body.querySelector("mark");
      const markTop = mark ? mark.offsetTop - body.offsetTop : blockTop;
      body.scrollTop = Math.max(0, markTop - blockTop < body.clientHeight * 0.5 ? blockTop - 12 : markTop - 60);
    } catch (err) {
      body.replaceChildren(errorBox(err.message));
      if (cit.quote) body.append(el("blockquote", { class: "quote-fallback" }, cit.quote));
    }
  }

  function closeSource() {
    const dialog = $("#source");
    if (dialog.open) dialog.close();
  }

  // ---------------------------------------------------------------- tools: draft, compare, check-refs
  async function download(path, body, filename) {
    try {
      const resp = await api(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const blob = await resp.blob();
      const url = URL.createObjectURL(blob);
      const a = el("a", { href: url, download: filename, class: "offscreen" });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      toast(`Lastet ned «${filename}».`);
    } catch (err) {
      toast(err.message);
    }
  }

  function downloadButtons(items) {
    return el(
      "div",
      { class: "downloads", role: "group", "aria-label": "Last ned" },
      items.map(([label, fn]) => el("button", { type: "button", class: "ghost small", onclick: fn }, label)),
    );
  }

  function byN(citations) {
    const map = new Map();
    for (const c of citations || []) map.set(c.n, c);
    return map;
  }

  function excerptItem(c) {
    return el(
      "li",
      { class: "excerpt" },
      el("blockquote", {}, c.quote),
      el(
        "p",
        { class: "excerpt-source" },
        markerButton(c.n, [c]),
        el("span", {}, [c.doc_title, sourceLine(c)].filter(Boolean).join(" – ")),
      ),
    );
  }

  async function runTool(form, out, work) {
    const submit = form.querySelector('button[type="submit"]');
    const label = submit.textContent;
    submit.disabled = true;
    submit.textContent = "Jobber …";
    out.setAttribute("aria-busy", "true");
    out.replaceChildren(el("p", { class: "thinking" }, el("span", { class: "dots", "aria-hidden": "true" }), "Leter i dokumentene …"));
    try {
      await work();
    } catch (err) {
      out.replaceChildren(errorBox(err.message || "Noe gikk galt. Prøv igjen."));
    } finally {
      submit.disabled = false;
      submit.textContent = label;
      out.setAttribute("aria-busy", "false");
    }
  }

  function renderDraft(d, request) {
    const out = $("#draft-out");
    const slug = (d.topic || "utkast").toLowerCase().replace(/[^a-z0-9æøå]+/g, "-").replace(/^-|-$/g, "") || "utkast";
    const article = el(
      "article",
      { class: "draft", "aria-labelledby": "draft-title" },
      el("h3", { id: "draft-title" }, d.title || `Utkast: ${d.topic}`),
      el("p", { class: "hint" }, "Disposisjonen følger oppbygningen som går igjen i andre kommuners planer. Utdragene er sitater – skriv din egen tekst ut fra dem."),
      downloadButtons([
        ["Last ned Markdown", () => download("/api/draft", { ...request, format: "md" }, `utkast-${slug}.md`)],
        ["Last ned Word (DOCX)", () => download("/api/draft", { ...request, format: "docx" }, `utkast-${slug}.docx`)],
      ]),
    );
    const outline = el("ol", { class: "outline" });
    for (const s of d.sections || []) {
      const item = el("li", { class: "outline-section" }, el("h4", {}, s.heading));
      if (s.guidance) item.append(el("p", { class: "guidance" }, s.guidance));
      if (s.note) item.append(el("p", { class: "note" }, s.note));
      if (s.excerpts && s.excerpts.length) item.append(el("ul", { class: "excerpts" }, s.excerpts.map(excerptItem)));
      else if (!s.note) item.append(el("p", { class: "note" }, "Fant ingen utdrag fra andre planer til denne delen."));
      outline.append(item);
    }
    article.append(outline);
    if (d.duties && d.duties.length) {
      const duties = el("ul", { class: "duties" });
      for (const duty of d.duties) {
        const c = duty.citation;
        duties.append(
          el(
            "li",
            { class: "duty" },
            el(
              "p",
              { class: "duty-head" },
              duty.strength ? el("span", { class: `badge strength-${duty.strength}` }, duty.strength) : null,
              el("strong", {}, duty.law_ref || c.law_ref || c.doc_title),
              duty.bound ? el("span", { class: "duty-bound" }, `Gjelder: ${duty.bound}`) : null,
            ),
            el("blockquote", {}, c.quote),
            el("p", { class: "excerpt-source" }, markerButton(c.n, [c]), el("span", {}, c.doc_title)),
          ),
        );
      }
      article.append(el("section", { class: "duties-box" }, el("h4", {}, "Lovkrav som gjelder temaet"), duties));
    }
    out.replaceChildren(article);
  }

  function renderCompare(result, question) {
    const out = $("#compare-out");
    const rows = result.rows || [];
    const wrap = el("div", { class: "compare" });
    wrap.append(
      downloadButtons([
        ["Last ned CSV", () => download("/api/compare", { question, format: "csv" }, "sammenligning.csv")],
        ["Last ned Markdown", () => download("/api/compare", { question, format: "md" }, "sammenligning.md")],
      ]),
    );
    if (!rows.length) {
      wrap.append(
        el(
          "div",
          { class: "answer abstained" },
          el("p", { class: "abstain-badge" }, el("span", { class: "abstain-icon", "aria-hidden": "true" }, "?"), "Fant ikke noe å sammenligne"),
          el("p", {}, "Ingen av kommunenes dokumenter svarer tydelig på dette. Prøv å formulere spørsmålet annerledes."),
        ),
      );
      out.replaceChildren(wrap);
      return;
    }
    const heads = ["Kommune", "Tiltak", "Aktør", "År", "Beløp", "Kilde"];
    const table = el(
      "table",
      { class: "compare-table" },
      el("caption", {}, result.question || question),
      el("thead", {}, el("tr", {}, heads.map((h) => el("th", { scope: "col" }, h)))),
    );
    const tbody = el("tbody");
    let prevMuni = null;
    for (const r of rows) {
      const c = r.citation || {};
      const first = r.municipality !== prevMuni;
      prevMuni = r.municipality;
      const cell = (label, ...content) => el("td", { "data-label": label }, ...content);
      const list = (label, xs) =>
        xs && xs.length ? cell(label, xs.join(", ")) : el("td", { "data-label": label, class: "empty" }, "–");
      tbody.append(
        el(
          "tr",
          { class: first ? "group-start" : null },
          el("th", { scope: "row", "data-label": "Kommune", class: first ? null : "repeat" }, r.municipality),
          cell("Tiltak", r.measure),
          list("Aktør", r.actors),
          list("År", r.years),
          list("Beløp", r.amounts),
          cell("Kilde", markerButton(c.n, [c]), el("span", { class: "cell-source" }, shorten(c.doc_title || "", 60))),
        ),
      );
    }
    table.append(tbody);
    wrap.append(el("div", { class: "table-wrap" }, table));
    if (result.missing && result.missing.length) {
      wrap.append(el("p", { class: "note" }, `Fant ikke noe om dette hos: ${result.missing.join(", ")}.`));
    }
    out.replaceChildren(wrap);
  }

  const STATUS_NO = {
    opphevet: "Opphevet",
    endret: "Endret",
    tvetydig: "Tvetydig",
    ukjent: "Ukjent",
    gjeldende: "Gjeldende",
  };
  const STATUS_ORDER = ["opphevet", "endret", "tvetydig", "ukjent", "gjeldende"];

  function lawDocId(law) {
    const d = state.docs.find((x) => x.law_short === law || x.doc_id === law);
    return d ? d.doc_id : null;
  }

  function renderRefs(report) {
    const out = $("#refs-out");
    const refs = [...(report.refs || [])].sort(
      (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
    );
    const counts = report.counts || {};
    const summary = el(
      "ul",
      { class: "ref-counts", "aria-label": "Oppsummering" },
      STATUS_ORDER.filter((s) => counts[s]).map((s) =>
        el("li", {}, el("span", { class: `badge status-${s}` }, STATUS_NO[s]), ` ${counts[s]}`),
      ),
    );
    const head = el(
      "div",
      { class: "refs-head" },
      el("h3", {}, report.title || "Teksten"),
      el("p", { class: "hint" }, `${refs.length} ${refs.length === 1 ? "lovhenvisning" : "lovhenvisninger"} funnet${report.year ? `, vurdert mot teksten fra ${report.year}` : ""}.`),
      summary,
    );
    const list = el("ol", { class: "refs" });
    for (const r of refs) {
      const item = el(
        "li",
        { class: `ref status-${r.status}` },
        el(
          "p",
          { class: "ref-head" },
          el("span", { class: `badge status-${r.status}` }, STATUS_NO[r.status] || r.status),
          el("strong", {}, r.raw),
          r.law_ref && r.law_ref !== r.raw ? el("span", { class: "ref-resolved" }, `= ${r.law_ref}`) : null,
        ),
      );
      if (r.context) item.append(el("blockquote", {}, textWithMarks(r.context, findQuote(r.context, r.raw))));
      if (r.note) item.append(el("p", { class: "note" }, r.note));
      if (r.replaced_by) {
        const how = r.status === "endret" ? "Endret ved" : "Erstattet av";
        item.append(el("p", { class: "replaced" }, `${how}: ${r.replaced_by}`));
      }
      if (r.current_text) {
        item.append(
          el("details", { class: "current" }, el("summary", {}, "Gjeldende lovtekst"), el("p", {}, r.current_text)),
        );
      }
      const actions = el("p", { class: "ref-actions" });
      if (report.doc_id && r.doc_id && r.chunk_id) {
        const cit = {
          doc_id: r.doc_id,
          chunk_id: r.chunk_id,
          doc_title: report.title,
          section: r.section,
          page: r.page,
          quote: r.context || r.raw,
          kind: "plan",
        };
        actions.append(el("button", { type: "button", class: "link", onclick: (ev) => openSource(cit, ev.currentTarget) }, "Vis i planen"));
      }
      const lawId = r.law ? lawDocId(r.law) : null;
      if (lawId && r.current_chunk_id) {
        const cit = {
          doc_id: lawId,
          chunk_id: r.current_chunk_id,
          doc_title: r.law,
          law_ref: r.law_ref,
          kind: "law",
          quote: "",
        };
        actions.append(el("button", { type: "button", class: "link", onclick: (ev) => openSource(cit, ev.currentTarget) }, "Vis lovteksten"));
      }
      if (actions.childNodes.length) item.append(actions);
      list.append(item);
    }
    out.replaceChildren(head, refs.length ? list : el("p", {}, "Fant ingen lovhenvisninger i teksten."));
  }

  // ---------------------------------------------------------------- modes (tabs) and layout
  function selectMode(mode, focusTab) {
    state.mode = mode;
    for (const tab of document.querySelectorAll('[role="tab"]')) {
      const on = tab.dataset.mode === mode;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && focusTab) tab.focus();
      $(`#${tab.getAttribute("aria-controls")}`).hidden = !on;
    }
    document.body.dataset.mode = mode;
  }

  function closeSideOnNarrow() {
    const side = $("#side");
    if (side.classList.contains("open")) {
      side.classList.remove("open");
      $("#toggle-side").setAttribute("aria-expanded", "false");
    }
  }

  // ---------------------------------------------------------------- wiring
  function init() {
    selectMode("ask");
    renderHistory();
    loadDocuments();

    const q = $("#question");
    $("#ask-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const question = q.value.trim();
      if (!question || state.busy) return;
      q.value = "";
      ask(question);
    });
    q.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && !ev.shiftKey && !ev.ctrlKey && !ev.altKey && !ev.metaKey && !ev.isComposing) {
        ev.preventDefault();
        $("#ask-form").requestSubmit();
      }
    });
    for (const b of document.querySelectorAll(".example")) {
      b.addEventListener("click", () => {
        q.value = b.textContent;
        $("#ask-form").requestSubmit();
      });
    }

    $("#new-chat").addEventListener("click", startNewConversation);
    // On a phone the filters are folded away: the button says how many are on.
    const countFilters = () => {
      const n = Object.values(filterSelects).filter((sel) => $(sel).value).length;
      const badge = $("#filter-count");
      badge.textContent = n ? String(n) : "";
      badge.hidden = !n;
      badge.setAttribute("aria-label", n === 1 ? "1 filter på" : `${n} filtre på`);
    };
    for (const sel of Object.values(filterSelects)) $(sel).addEventListener("change", countFilters);
    $("#f-clear").addEventListener("click", () => {
      for (const sel of Object.values(filterSelects)) $(sel).value = "";
      countFilters();
      toast("Filtrene er nullstilt.");
    });

    const tabs = [...document.querySelectorAll('[role="tab"]')];
    for (const tab of tabs) {
      tab.addEventListener("click", () => selectMode(tab.dataset.mode));
      tab.addEventListener("keydown", (ev) => {
        const i = tabs.indexOf(tab);
        let next = null;
        if (ev.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
        else if (ev.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
        else if (ev.key === "Home") next = tabs[0];
        else if (ev.key === "End") next = tabs[tabs.length - 1];
        if (next) {
          ev.preventDefault();
          selectMode(next.dataset.mode, true);
        }
      });
    }

    $("#toggle-side").addEventListener("click", () => {
      const side = $("#side");
      const open = side.classList.toggle("open");
      $("#toggle-side").setAttribute("aria-expanded", String(open));
      if (open) $("#f-kind").focus();
    });

    // The source dialog: Esc closes it (native «cancel»), so does a click on the backdrop; focus goes back.
    const dialog = $("#source");
    $("#source-close").addEventListener("click", closeSource);
    dialog.addEventListener("click", (ev) => {
      if (ev.target === dialog) closeSource();
    });
    dialog.addEventListener("close", () => {
      const t = state.lastTrigger;
      if (t && t.isConnected) t.focus();
    });

    $("#draft-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const topic = $("#draft-topic").value.trim();
      if (!topic) return;
      const request = { topic, municipality: $("#draft-municipality").value || null };
      runTool(ev.target, $("#draft-out"), async () => {
        const d = await (await postJSON("/api/draft", request)).json();
        renderDraft(d, request);
      });
    });

    $("#compare-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const question = $("#compare-question").value.trim();
      if (!question) return;
      runTool(ev.target, $("#compare-out"), async () => {
        const result = await (await postJSON("/api/compare", { question })).json();
        renderCompare(result, question);
      });
    });

    const refsDoc = $("#refs-doc");
    const syncRefsFields = () => {
      const pasted = !refsDoc.value;
      $("#refs-text-field").hidden = !pasted;
      $("#refs-year-field").hidden = !pasted;
      $("#refs-file-field").hidden = !pasted;
    };
    refsDoc.addEventListener("change", syncRefsFields);
    syncRefsFields();
    $("#refs-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const body = {};
      const file = $("#refs-file").files[0];
      const year = Number($("#refs-year").value);
      if (!refsDoc.value && file) {
        // A plan of one's own: sent as a file and checked, not stored in Planprat.
        const form = new FormData();
        form.append("file", file);
        if (year) form.append("year", String(year));
        runTool(ev.target, $("#refs-out"), async () => {
          renderRefs(await (await api("/api/check-refs", { method: "POST", body: form })).json());
        });
        return;
      }
      if (refsDoc.value) body.doc_id = refsDoc.value;
      else {
        const text = $("#refs-text").value.trim();
        if (!text) {
          $("#refs-out").replaceChildren(errorBox("Velg et dokument, lim inn tekst eller last opp en fil."));
          $("#refs-text").focus();
          return;
        }
        body.text = text;
        body.name = "Innlimt tekst";
        if (year) body.year = year;
      }
      runTool(ev.target, $("#refs-out"), async () => {
        renderRefs(await (await postJSON("/api/check-refs", body)).json());
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
