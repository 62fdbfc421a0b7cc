/* kg graph explorer: vis-network with positions computed in Python (no physics), a legend that
 * filters by type and relation, a panel with the selected node's names, roles and facts with
 * their evidence, search by name, and focus on a neighbourhood.
 * Text from the graph is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const hiddenTypes = new Set();
  const hiddenRelations = new Set();
  let focusSet = null;

  const typeOf = (id) => (data.details[id] || {}).type;
  const relationOf = (edge) => (data.facts[edge.id] || {}).predicate;
  const nodeView = new vis.DataView(nodes, {
    filter: (n) => !hiddenTypes.has(typeOf(n.id)) && (!focusSet || focusSet.has(n.id)),
  });
  const edgeView = new vis.DataView(edges, { filter: (e) => !hiddenRelations.has(relationOf(e)) });

  const large = data.shown > 1000;
  const options = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: !large, tooltipDelay: 200, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    edges: { font: { size: 10, align: "horizontal" }, smooth: false, color: { color: "#aaa", highlight: "#333" }, width: 1 },
    nodes: { font: { size: 12 } },
  };
  const network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network; // for tests and the console

  if (data.total > data.shown) {
    $("kg-notice").textContent = "Showing the " + data.shown + " most connected of " + data.total + " nodes.";
  }

  // --- legend and filters: each type with its shape and colour, each relation, with counts
  const SVG = "http://www.w3.org/2000/svg";
  const SHAPES = {
    dot: () => svgEl("circle", { cx: 7, cy: 7, r: 6 }),
    square: () => svgEl("rect", { x: 1, y: 1, width: 12, height: 12 }),
    diamond: () => svgEl("polygon", { points: "7,0 14,7 7,14 0,7" }),
    triangle: () => svgEl("polygon", { points: "7,1 13.5,13 0.5,13" }),
    star: () => svgEl("polygon", { points: "7,0 8.8,4.9 14,5.1 9.9,8.3 11.3,13.3 7,10.4 2.7,13.3 4.1,8.3 0,5.1 5.2,4.9" }),
  };
  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }
  function shapeIcon(style) {
    const svg = svgEl("svg", { width: 14, height: 14, viewBox: "0 0 14 14", class: "shape" });
    const shape = (SHAPES[style.shape] || SHAPES.dot)();
    shape.setAttribute("fill", style.color);
    svg.append(shape);
    return svg;
  }
  function checkbox(onChange) {
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", () => onChange(box.checked));
    return box;
  }
  const count = (values) => values.reduce((m, v) => m.set(v, (m.get(v) || 0) + 1), new Map());
  const typeCounts = count(Object.values(data.details).map((d) => d.type));
  for (const type of [...typeCounts.keys()].sort()) {
    const box = checkbox((on) => { on ? hiddenTypes.delete(type) : hiddenTypes.add(type); nodeView.refresh(); });
    box.dataset.type = type;
    const label = el("label");
    label.append(box, shapeIcon(data.styles[type] || { shape: "dot", color: "#888" }), el("span", type), el("span", typeCounts.get(type), "count"));
    $("kg-types").append(label);
  }
  const relationCounts = count(data.facts.map((f) => f.predicate));
  for (const relation of [...relationCounts.keys()].sort()) {
    const box = checkbox((on) => { on ? hiddenRelations.delete(relation) : hiddenRelations.add(relation); edgeView.refresh(); });
    box.dataset.relation = relation;
    const label = el("label");
    label.append(box, el("span", relation), el("span", relationCounts.get(relation), "count"));
    $("kg-relations").append(label);
  }

  // --- panel: names, roles, facts and the sentences they come from
  const factsOf = new Map();
  data.facts.forEach((f) => {
    for (const id of new Set([f.from, f.to])) (factsOf.get(id) || factsOf.set(id, []).get(id)).push(f);
  });
  const editor = (document.querySelector('header a.nav[href="/query"]') || {}).href ? "/query" : null;
  const nameOf = (id) => (data.details[id] || { label: id }).label;
  const nodeLink = (id) => {
    const a = el("a", nameOf(id), "node");
    a.href = "#";
    a.addEventListener("click", (ev) => { ev.preventDefault(); select(id); });
    return a;
  };
  function showNode(id) {
    const d = data.details[id];
    const panel = $("kg-panel");
    panel.replaceChildren();
    if (!d) return;
    panel.append(el("h2", d.type, "type"), el("h3", d.label), el("p", id, "iri"));
    if (editor) {  // served by `kg serve`: the entity's facts in the query editor, one click away
      const link = el("a", "Query its facts", "query");
      link.href = editor + "?query=entity&entity=" + encodeURIComponent(id);
      panel.append(link);
    }
    const others = d.names.filter((n) => n !== d.label);
    if (others.length) panel.append(el("h2", "Also called"), el("p", others.join(" · "), "names"));
    if (d.titles.length) panel.append(el("h2", "Roles"), el("p", d.titles.join(" · "), "roles"));
    const facts = factsOf.get(id) || [];
    panel.append(el("h2", "Facts (" + facts.length + ")"));
    const list = el("ul", null, "facts");
    for (const f of facts) {
      const item = el("li");
      const relation = f.title ? f.title + (f.predicate === "holdsRole" ? " of" : "") : f.predicate;
      item.append(nodeLink(f.from), el("span", " " + relation + " "), nodeLink(f.to),
                  el("span", "  (" + Number(f.confidence).toFixed(2) + ")", "conf"));
      for (const ev of f.evidence) item.append(el("blockquote", ev.sentence, "evidence"));
      list.append(item);
    }
    panel.append(list);
  }
  function select(id) {
    if (!nodes.get(id)) return false;
    if (focusSet && !focusSet.has(id)) { focusSet = null; nodeView.refresh(); }
    if (hiddenTypes.has(typeOf(id))) {
      hiddenTypes.delete(typeOf(id));
      document.querySelector('input[data-type="' + CSS.escape(typeOf(id)) + '"]').checked = true;
      nodeView.refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    showNode(id);
    $("kg-focus").disabled = false;
    return true;
  }
  window.kgSelect = select;
  network.on("click", (params) => {
    if (params.nodes.length) { showNode(params.nodes[0]); $("kg-focus").disabled = false; }
  });

  // --- search by any of a node's names
  const byName = new Map();
  const options_ = [];
  for (const [id, d] of Object.entries(data.details)) {
    for (const name of d.names.length ? d.names : [d.label]) {
      const key = String(name).toLowerCase();
      if (!byName.has(key)) { byName.set(key, id); options_.push(Object.assign(el("option"), { value: name })); }
    }
  }
  $("kg-names").append(...options_);
  function search(text) {
    const query = text.trim().toLowerCase();
    if (!query) return;
    let id = byName.get(query);
    if (!id) for (const [name, nid] of byName) { if (name.includes(query)) { id = nid; break; } }
    $("kg-notice").textContent = id ? "" : "No node is named “" + text.trim() + "”.";
    if (id) select(id);
  }
  $("kg-search").addEventListener("change", (ev) => search(ev.target.value));
  $("kg-search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(ev.target.value); });

  // --- focus on a neighbourhood (what is visible under the current filters)
  $("kg-focus").addEventListener("click", () => {
    const start = network.getSelectedNodes()[0];
    if (!start) return;
    const depth = Math.max(1, Number($("kg-depth").value) || 1);
    const seen = new Set([start]);
    let frontier = [start];
    for (let i = 0; i < depth; i++) {
      const next = [];
      for (const id of frontier) for (const other of network.getConnectedNodes(id)) if (!seen.has(other)) { seen.add(other); next.push(other); }
      frontier = next;
    }
    focusSet = seen;
    nodeView.refresh();
    network.fit({ nodes: [...seen], animation: false });
  });
  $("kg-reset").addEventListener("click", () => { focusSet = null; nodeView.refresh(); network.fit({ animation: false }); });

  network.once("afterDrawing", () => {
    if (data.focus) select(data.focus);
    document.body.dataset.ready = "true";
  });
})();
