/* kg query editor: stored queries one click away (with their parameters, bound by the server),
 * any SPARQL sent to /sparql, results as a table or drawn as a graph with vis-network.
 * Everything from the server is inserted with textContent. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const ACCEPT = "application/sparql-results+json, application/ld+json;q=0.9";
  let stored = null; // the stored query shown, until its text is edited
  let last = null; // the last result: {vars, rows} or {boolean}
  let network = null;
  // a stored query with a page size shows a page of its rows: the server is asked for one row
  // more than the page, which says whether there is a next one ("all" asks for every row)
  let offset = 0;
  let everyRow = false;

  function status(text, error) {
    $("q-status").textContent = text || "";
    $("q-status").className = error ? "error" : "";
  }

  // --- stored queries
  async function loadStored() {
    const response = await fetch("/queries", { headers: { Accept: "application/json" } });
    const queries = await response.json();
    for (const q of queries) {
      const button = el("button", q.title);
      button.type = "button";
      button.dataset.query = q.name;
      button.title = q.description || "";
      button.addEventListener("click", () => { choose(q, button); run(); });
      const item = el("li");
      item.append(button);
      $("q-list").append(item);
    }
    return queries;
  }
  function choose(q, button) {
    stored = q;
    offset = 0;
    everyRow = false;
    for (const b of document.querySelectorAll("#q-list button")) b.classList.toggle("active", b === button);
    $("q-text").value = q.text;
    $("q-description").textContent = q.description || "";
    $("q-params").replaceChildren();
    for (const p of q.params) {
      const label = el("label", p.name + " ");
      const input = el("input");
      input.name = p.name;
      input.value = p.default || "";
      input.placeholder = p.description;
      input.title = p.description;
      label.append(input);
      $("q-params").append(label);
    }
  }
  $("q-text").addEventListener("input", () => {
    if (!stored) return;
    stored = null;
    offset = 0;
    $("q-params").replaceChildren();
    for (const b of document.querySelectorAll("#q-list button")) b.classList.remove("active");
  });

  // --- running
  function clearResults() {  // an error must not leave the last answer on screen as if it were this one's
    last = null;
    $("q-table").replaceChildren();
    $("q-count").textContent = "";
    $("q-pager").hidden = true;
    if (network) { network.destroy(); network = null; }
  }
  async function run() {
    status("Running…");
    const started = performance.now();
    let response;
    try {
      if (stored) {
        const params = new URLSearchParams();
        for (const input of $("q-params").querySelectorAll("input")) params.set(input.name, input.value);
        if (paged()) {
          params.set("limit", String(stored.page + 1));
          if (offset) params.set("offset", String(offset));
        }
        response = await fetch("/queries/" + encodeURIComponent(stored.name) + "?" + params, { headers: { Accept: ACCEPT } });
      } else {
        response = await fetch("/sparql", { method: "POST", body: $("q-text").value,
          headers: { "Content-Type": "application/sparql-query", Accept: ACCEPT } });
      }
    } catch (err) {
      clearResults();
      status("The server did not answer: " + err, true);
      return;
    }
    if (!response.ok) { clearResults(); status(response.status + " " + (await response.text()).trim(), true); return; }
    const type = response.headers.get("Content-Type") || "";
    const body = await response.json();
    last = type.startsWith("application/ld+json") ? fromJsonLd(body) : fromResults(body);
    if (paged() && last.rows) {
      last.page = { offset: offset, more: last.rows.length > stored.page };
      last.rows = last.rows.slice(0, stored.page);
    }
    status("Done in " + Math.round(performance.now() - started) + " ms.");
    show();
  }
  function paged() { return Boolean(stored && stored.page && !everyRow); }
  $("q-run").addEventListener("click", () => { offset = 0; run(); });
  $("q-prev").addEventListener("click", () => { offset = Math.max(0, offset - stored.page); run(); });
  $("q-next").addEventListener("click", () => { offset += stored.page; run(); });
  $("q-all").addEventListener("click", () => { everyRow = true; offset = 0; run(); });
  $("q-text").addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); } });
  $("q-view").addEventListener("change", show);

  // --- results as {vars, rows}, each cell {type: "uri"|"literal"|"bnode", value}
  function fromResults(body) {
    if (typeof body.boolean === "boolean") return { boolean: body.boolean };
    return { vars: body.head.vars, rows: body.results.bindings.map((b) => body.head.vars.map((v) => b[v] || null)) };
  }
  function fromJsonLd(body) {
    const term = (v) => (v["@id"] !== undefined ? { type: v["@id"].startsWith("_:") ? "bnode" : "uri", value: v["@id"] } : { type: "literal", value: v["@value"] });
    const rows = [];
    for (const node of Array.isArray(body) ? body : body["@graph"] || []) {
      const subject = term({ "@id": node["@id"] });
      for (const [key, values] of Object.entries(node)) {
        if (key === "@id") continue;
        const predicate = { type: "uri", value: key === "@type" ? "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" : key };
        for (const v of [].concat(values)) rows.push([subject, predicate, typeof v === "string" ? { type: "uri", value: v } : term(v)]);
      }
    }
    return { vars: ["subject", "predicate", "object"], rows, triples: true };
  }

  function show() {
    if (!last) return;
    const asGraph = $("q-view").value === "graph" && last.boolean === undefined;
    $("q-table-wrap").hidden = asGraph;
    $("q-graph").hidden = !asGraph;
    if (last.boolean !== undefined) {
      $("q-pager").hidden = true;
      const answer = el("tr");
      answer.append(el("td", String(last.boolean)));
      $("q-table").replaceChildren(answer);
      $("q-count").textContent = "";
      return;
    }
    const page = last.page;
    if (page && (page.more || page.offset)) {
      $("q-count").textContent = "rows " + (page.offset + 1) + "–" + (page.offset + last.rows.length) +
        (page.more ? ", more follow" : "");
    } else {
      $("q-count").textContent = last.rows.length + " row" + (last.rows.length === 1 ? "" : "s");
    }
    $("q-pager").hidden = !(page && (page.more || page.offset));
    $("q-prev").disabled = !(page && page.offset);
    $("q-next").disabled = !(page && page.more);
    asGraph ? drawGraph() : drawTable();
  }
  function drawTable() {
    const head = el("tr");
    for (const v of last.vars) head.append(el("th", v));
    const rows = [head];
    for (const row of last.rows) {
      const tr = el("tr");
      for (const cell of row) tr.append(el("td", cell ? cell.value : "", cell && cell.type === "uri" ? "iri" : ""));
      rows.push(tr);
    }
    $("q-table").replaceChildren(...rows);
  }

  // --- results drawn as a graph: the entities of a row (kg's IRIs under /id/) are its nodes,
  // linked in column order; the link is named by the relation in the row (a predicate column, or
  // an IRI of kg's ontology), a literal right after an entity names it. Articles, facts,
  // evidence and other IRIs are not drawn: the table shows them.
  const ENTITY = "https://example.org/kg/id/";
  const ONTOLOGY = "https://example.org/kg/ontology#";
  const localName = (iri) => iri.replace(/.*[/#]/, "") || iri;
  const PREDICATE = /^(p|pred|predicate|property|relation)$/i;
  const LABEL = /(label|name|title|text)$/i;
  const isEntity = (cell) => cell && cell.type === "uri" && cell.value.startsWith(ENTITY);
  function graphOf(result) {
    const nodes = new Map();
    const edges = new Map();
    const node = (iri) => nodes.get(iri) || nodes.set(iri, { id: iri, label: localName(iri) }).get(iri);
    const link = (from, label, to) => {
      if (from !== to) edges.set(from + " " + label + " " + to, { from: from, to: to, label: label });
    };
    for (const row of result.rows) {
      if (result.triples) {
        const [s, p, o] = row;
        if (!isEntity(s)) continue;
        node(s.value);
        if (o.type === "literal") { if (LABEL.test(p.value)) node(s.value).label = o.value; continue; }
        if (isEntity(o)) { node(o.value); link(s.value, localName(p.value), o.value); }
        continue;
      }
      const found = [];
      let relation = "";
      row.forEach((cell, i) => {
        if (!cell) return;
        if (cell.type === "uri" && (PREDICATE.test(result.vars[i]) || cell.value.startsWith(ONTOLOGY))) {
          relation = localName(cell.value);
        } else if (isEntity(cell)) {
          node(cell.value);
          found.push(cell.value);
        } else if (cell.type === "literal" && i > 0 && isEntity(row[i - 1]) && LABEL.test(result.vars[i])) {
          node(row[i - 1].value).label = cell.value;
        }
      });
      for (let i = 1; i < found.length; i++) link(found[i - 1], relation, found[i]);
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()].map((e, i) => Object.assign({ id: i }, e)) };
  }
  function drawGraph() {
    const data = graphOf(last);
    for (const n of data.nodes) if (n.label.length > 40) n.label = n.label.slice(0, 39) + "…"; // the table shows them whole
    if (data.nodes.length > 3000) { $("q-count").textContent += " — too many nodes to draw (" + data.nodes.length + "); add a LIMIT"; return; }
    if (network) network.destroy();
    network = new vis.Network($("q-graph"), { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }, {
      physics: { stabilization: { iterations: 200 }, barnesHut: { springLength: 120 } },
      edges: { arrows: "to", font: { size: 10 }, color: { color: "#aaa" }, smooth: false },
      nodes: { shape: "dot", size: 10, color: "#4C78A8", font: { size: 12 } },
      layout: { improvedLayout: data.nodes.length < 150 },
    });
    network.once("stabilizationIterationsDone", () => { network.setOptions({ physics: false }); network.fit({ animation: false }); });
    window.kgQueryNetwork = network;
    $("q-count").textContent += " — " + data.nodes.length + " nodes, " + data.edges.length + " links";
  }

  // /query?query=<stored query>&<param>=<value>: open on that query, its parameters set, and run it
  async function openFromAddress(queries) {
    const address = new URLSearchParams(location.search);
    const q = queries.find((x) => x.name === address.get("query"));
    if (!q) return;
    choose(q, document.querySelector('#q-list button[data-query="' + CSS.escape(q.name) + '"]'));
    for (const input of $("q-params").querySelectorAll("input")) if (address.has(input.name)) input.value = address.get(input.name);
    await run();
  }

  loadStored().then(openFromAddress).then(() => { document.body.dataset.ready = "true"; },
                                          (err) => status("Cannot list the stored queries: " + err, true));
})();
