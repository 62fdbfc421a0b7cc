/* kg graph explorer: vis-network with positions computed in Python (no physics), a panel with the
 * selected node's names, roles and facts with their evidence, search, type and relation filters,
 * and focus on a neighbourhood. Text from the graph is only ever set with textContent. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const options = JSON.parse(document.getElementById("kg-options").textContent || "{}");
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges.map((e, i) => Object.assign({ id: "e" + i }, e)));
  const hiddenTypes = new Set();
  const hiddenRelations = new Set();
  let focusSet = null;

  const edgeRelation = (edge) => {
    const fact = data.facts[Number(edge.id.slice(1))];
    return fact ? fact.predicate : "";
  };
  const nodeView = new vis.DataView(nodes, {
    filter: (n) => !hiddenTypes.has((data.details[n.id] || {}).type) && (!focusSet || focusSet.has(n.id)),
  });
  const edgeView = new vis.DataView(edges, { filter: (e) => !hiddenRelations.has(edgeRelation(e)) });

  Object.assign(options, {
    physics: false,
    interaction: Object.assign({ hover: true, tooltipDelay: 200, hideEdgesOnDrag: data.shown > 1000 }, options.interaction || {}),
    edges: Object.assign({ font: { size: 10, align: "middle" }, smooth: false, color: { color: "#aaa", highlight: "#333" } }, options.edges || {}),
    nodes: Object.assign({ font: { size: 12 } }, options.nodes || {}),
    layout: { improvedLayout: false },
  });
  const network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network; // for tests and the console

  // --- notice when the graph was cut to its most connected part
  if (data.total > data.shown) {
    $("kg-notice").textContent = "Showing the " + data.shown + " most connected of " + data.total + " nodes.";
  }

  // --- filters
  const types = [...new Set(Object.values(data.details).map((d) => d.type))].sort();
  for (const type of types) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.type = type;
    box.addEventListener("change", () => { box.checked ? hiddenTypes.delete(type) : hiddenTypes.add(type); nodeView.refresh(); });
    const swatch = el("span", "", "swatch");
    swatch.style.background = (data.styles[type] || {}).color || "#888";
    label.append(box, swatch, el("span", type));
    $("kg-types").append(label);
  }
  const relations = [...new Set(data.facts.map((f) => f.predicate))].sort();
  for (const relation of relations) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.relation = relation;
    box.addEventListener("change", () => { box.checked ? hiddenRelations.delete(relation) : hiddenRelations.add(relation); edgeView.refresh(); });
    label.append(box, el("span", relation));
    $("kg-relations").append(label);
  }

  // --- panel
  const nameOf = (id) => (data.details[id] || { label: id }).label;
  const nodeLink = (id) => {
    const a = el("a", nameOf(id), "node");
    a.addEventListener("click", () => select(id));
    return a;
  };
  function showNode(id) {
    const d = data.details[id];
    const panel = $("kg-panel");
    panel.replaceChildren();
    if (!d) return;
    panel.append(el("h2", d.type, "type"), el("h3", d.label));
    const others = d.names.filter((n) => n !== d.label);
    if (others.length) { panel.append(el("h2", "Also called")); panel.append(el("p", others.join(" · "))); }
    if (d.titles.length) { panel.append(el("h2", "Roles")); panel.append(el("p", d.titles.join(" · "))); }
    const facts = data.facts.filter((f) => f.from === id || f.to === id);
    panel.append(el("h2", "Facts (" + facts.length + ")"));
    const list = el("ul");
    for (const f of facts) {
      const item = el("li");
      const relation = f.title ? f.title + (f.predicate === "holdsRole" ? " of" : "") : f.predicate;
      item.append(nodeLink(f.from), el("span", " " + relation + " "), nodeLink(f.to),
                  el("span", "  (" + Number(f.confidence).toFixed(2) + ")", "conf"));
      for (const ev of f.evidence) item.append(el("blockquote", ev.sentence));
      list.append(item);
    }
    panel.append(list);
  }
  function select(id) {
    if (!nodes.get(id)) return;
    if (focusSet && !focusSet.has(id)) { focusSet = null; nodeView.refresh(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    showNode(id);
    $("kg-focus").disabled = false;
  }
  window.kgSelect = select;
  network.on("click", (params) => {
    if (params.nodes.length) { showNode(params.nodes[0]); $("kg-focus").disabled = false; }
  });

  // --- search
  const datalist = $("kg-names");
  const byName = new Map();
  for (const [id, d] of Object.entries(data.details)) {
    for (const name of d.names) {
      const key = name.toLowerCase();
      if (!byName.has(key)) { byName.set(key, id); datalist.append(Object.assign(el("option"), { value: name })); }
    }
  }
  $("kg-search").addEventListener("change", (ev) => {
    const query = ev.target.value.trim().toLowerCase();
    let id = byName.get(query);
    if (!id) for (const [name, nid] of byName) { if (name.includes(query)) { id = nid; break; } }
    if (id) select(id);
  });

  // --- focus on a neighbourhood
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

  if (data.focus) select(data.focus);
  document.body.dataset.ready = "true";
})();
