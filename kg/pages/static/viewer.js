/* kg graph explorer: vis-network with positions computed in Python (no physics). The script
 * draws the labels itself, at a fixed size on screen, the most connected nodes first and never
 * one label over another; filters by type, relation, confidence and date (when each fact
 * happened, else when it was reported: time.js); hides the entities with no visible fact until
 * asked; lists the entities (searchable, sortable); shows the selected node's names, roles and
 * facts with their evidence, and a proposal's stances as a timeline; lays out a neighbourhood
 * afresh around the selected node.
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
  const LABEL_PX = 13;
  const FONT = LABEL_PX + "px system-ui, -apple-system, 'Segoe UI', sans-serif";
  const details = data.details;
  const home = new Map(data.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);

  // --- what is visible: filters, then nodes with at least one visible fact (unless asked)
  const state = { hiddenTypes: new Set(), hiddenRelations: new Set(), minConfidence: 0, from: "", to: "",
                  showIsolated: false, focus: null, selected: null };
  const typeOf = (id) => (details[id] || {}).type;
  const dates = data.dates || {};
  const span = kgTime.range(data.facts, dates);  // the first and last day the facts are dated to
  let visibleEdges = new Set();
  let degree = new Map();
  let listReady = false;
  function edgeOn(edge) {
    const f = data.facts[edge.id];
    if (state.hiddenRelations.has(f.predicate) || Number(f.confidence) < state.minConfidence) return false;
    if (state.hiddenTypes.has(typeOf(f.from)) || state.hiddenTypes.has(typeOf(f.to))) return false;
    if ((state.from || state.to) && !f.evidence.some((ev) => kgTime.within(ev, dates, state.from, state.to))) return false;
    return !state.focus || (state.focus.has(f.from) && state.focus.has(f.to));
  }
  function nodeOn(node) {
    if (node.id === state.selected) return true;
    if (state.hiddenTypes.has(typeOf(node.id))) return false;
    if (state.focus && !state.focus.has(node.id)) return false;
    return state.showIsolated || (degree.get(node.id) || 0) > 0;
  }
  const nodeView = new vis.DataView(nodes, { filter: nodeOn });
  const edgeView = new vis.DataView(edges, { filter: (e) => visibleEdges.has(e.id) });
  function refresh() {
    visibleEdges = new Set();
    degree = new Map();
    for (const e of data.edges) {
      if (!edgeOn(e)) continue;
      visibleEdges.add(e.id);
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    }
    const isolated = data.nodes.filter((n) => !state.hiddenTypes.has(typeOf(n.id)) && !degree.get(n.id)).length;
    $("kg-isolated-text").textContent = "show the " + isolated + " entit" + (isolated === 1 ? "y" : "ies") + " with no fact shown";
    nodeView.refresh();
    edgeView.refresh();
    if (listReady) renderList();
  }

  const large = data.shown > 1000;
  const options = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: false, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    edges: { smooth: false, color: { color: "#b9b9b9", highlight: "#333" }, width: 1,
             arrows: { to: { enabled: true, scaleFactor: 0.5 } } },
    nodes: { font: { size: 0 } },
  };
  refresh();
  const network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network; // for tests and the console

  if (data.total > data.shown) {
    $("kg-notice").textContent = "Showing the " + data.shown + " most connected of " + data.total + " nodes.";
  }

  // --- labels: drawn after vis-network, at LABEL_PX on screen whatever the zoom, each only where
  // it overlaps no label already drawn. The selected node and the HUBS most connected nodes on
  // screen come first and always get a label: beside the node if there is room, else at the
  // nearest free place within REACH, joined to its node by a thin line (at a low zoom the hubs of
  // a corpus sit a few pixels apart, and the four places beside each are soon taken). Then the
  // selection's neighbours and the others, most connected first, beside their node only: zooming
  // in makes room for more.
  const HUBS = 10;
  const REACH = 160;
  const LABEL_H = LABEL_PX + 3;
  const widths = new Map();
  const byImportance = Object.keys(details).sort((a, b) => details[b].facts - details[a].facts || (a < b ? -1 : 1));
  function textWidth(ctx, text) {
    if (!widths.has(text)) widths.set(text, ctx.measureText(text).width);
    return widths.get(text);
  }
  // where a label's text is centred (x) and its box starts (y): below the node, above, right, left
  function besidePlaces(p, radius, w) {
    return [[p.x, p.y + radius + 2], [p.x, p.y - radius - LABEL_H - 2],
            [p.x + radius + 4 + w / 2, p.y - LABEL_H / 2], [p.x - radius - 4 - w / 2, p.y - LABEL_H / 2]];
  }
  // the point of a box nearest to p (p itself when inside)
  function nearestPoint(box, p) {
    return { x: Math.min(Math.max(p.x, box.x), box.x + box.w), y: Math.min(Math.max(p.y, box.y), box.y + box.h) };
  }
  // rows of places above and below the node, nearest first, none covering the node itself
  function fartherPlaces(p, radius, w) {
    const places = [];
    for (let dy = -REACH; dy <= REACH; dy += LABEL_H + 2) {
      for (let dx = -REACH; dx <= REACH; dx += 16) {
        const x = p.x + dx, y = p.y + dy;
        const q = nearestPoint({ x: x - w / 2 - 1, y: y, w: w + 2, h: LABEL_H }, p);
        const d = Math.hypot(q.x - p.x, q.y - p.y);
        if (d > radius + 2 && d <= REACH) places.push([d, x, y]);
      }
    }
    return places.sort((a, b) => a[0] - b[0]).map((place) => [place[1], place[2]]);
  }
  function labelGrid() {  // the boxes drawn so far, by cells of the screen, for a quick overlap test
    const grid = new Map();
    const CELL = 64;
    const cells = (b) => {
      const out = [];
      for (let gx = Math.floor(b.x / CELL); gx <= Math.floor((b.x + b.w) / CELL); gx++)
        for (let gy = Math.floor(b.y / CELL); gy <= Math.floor((b.y + b.h) / CELL); gy++) out.push(gx + ":" + gy);
      return out;
    };
    return {
      hits: (b) => cells(b).some((key) => (grid.get(key) || []).some((o) =>
        b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h)),
      keep: (b) => { for (const key of cells(b)) (grid.get(key) || grid.set(key, []).get(key)).push(b); },
    };
  }
  function drawLabels(ctx) {
    const canvas = ctx.canvas;
    const ratio = canvas.width / canvas.clientWidth || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    const scale = network.getScale();
    const shown = new Set(nodeView.getIds());
    const positions = network.getPositions([...shown]);
    const grid = labelGrid();
    const drawn = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    // the first free place of `places` (or none); `anchor`: the node a label set apart points to
    const put = (text, places, kind, id, colour, anchor) => {
      const w = textWidth(ctx, text);
      for (const [x, y] of places) {
        const box = { x: x - w / 2 - 1, y: y, w: w + 2, h: LABEL_H };
        if (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height || grid.hits(box)) continue;
        grid.keep(box);
        const label = Object.assign({ text: text, kind: kind, id: id, px: LABEL_PX, cx: x }, box);
        if (anchor) {
          const end = nearestPoint(box, anchor);
          ctx.strokeStyle = "#888";
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(anchor.x, anchor.y);
          ctx.lineTo(end.x, end.y);
          ctx.stroke();
          label.leader = { x1: anchor.x, y1: anchor.y, x2: end.x, y2: end.y };
        }
        ctx.lineWidth = 3;
        ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.strokeText(text, x, y + 1);
        ctx.fillStyle = colour;
        ctx.fillText(text, x, y + 1);
        drawn.push(label);
        return true;
      }
      return false;
    };
    const onScreen = new Map();  // id -> its position on screen, for the shown nodes near the canvas
    const where = (id) => {
      if (!onScreen.has(id)) {
        const p = shown.has(id) ? network.canvasToDOM(positions[id]) : null;
        onScreen.set(id, p && p.x >= -50 && p.y >= -50 && p.x <= width + 50 && p.y <= height + 50 ? p : null);
      }
      return onScreen.get(id);
    };
    const hubs = byImportance.filter((id) => where(id)).slice(0, HUBS);
    const first = state.selected ? [state.selected].concat(hubs) : hubs;
    const near = state.selected ? network.getConnectedNodes(state.selected) : [];
    const seen = new Set();
    for (const id of first.concat(near, byImportance)) {
      const p = where(id);
      if (!p || seen.has(id)) continue;
      seen.add(id);
      const radius = (nodes.get(id).size || 14) * scale;
      const text = details[id].short;
      if (put(text, besidePlaces(p, radius, textWidth(ctx, text)), "node", id, "#222")) continue;
      if (first.includes(id)) put(text, fartherPlaces(p, radius, textWidth(ctx, text)), "node", id, "#222", p);
    }
    for (const id of visibleEdges) {  // relation names on edges, where there is room left
      const f = data.facts[id];
      if (!shown.has(f.from) || !shown.has(f.to)) continue;
      const a = network.canvasToDOM(positions[f.from]), b = network.canvasToDOM(positions[f.to]);
      const text = f.title || f.predicate;
      if (Math.hypot(a.x - b.x, a.y - b.y) < textWidth(ctx, text) + 40) continue;
      put(text, [[(a.x + b.x) / 2, (a.y + b.y) / 2 - LABEL_PX / 2]], "edge", id, "#777");
    }
    ctx.restore();
    window.kgLabels = drawn;
  }
  network.on("afterDrawing", drawLabels);

  // --- legend and filters: each type with its shape and colour, each relation, with the counts
  // of `kg stats`
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
    box.addEventListener("change", () => { onChange(box.checked); refresh(); });
    return box;
  }
  const toggle = (set, key, on) => (on ? set.delete(key) : set.add(key));
  const types = new Set([...Object.keys(data.counts.types), ...Object.values(details).map((d) => d.type)]);
  for (const type of [...types].sort()) {
    const box = checkbox((on) => toggle(state.hiddenTypes, type, on));
    box.dataset.type = type;
    const label = el("label");
    label.append(box, shapeIcon(data.styles[type] || { shape: "dot", color: "#888" }), el("span", type),
                 el("span", data.counts.types[type] || 0, "count"));
    $("kg-types").append(label);
  }
  const relations = new Set([...Object.keys(data.counts.relations), ...data.facts.map((f) => f.predicate)]);
  for (const relation of [...relations].sort()) {
    const box = checkbox((on) => toggle(state.hiddenRelations, relation, on));
    box.dataset.relation = relation;
    const label = el("label");
    label.append(box, el("span", relation), el("span", data.counts.relations[relation] || 0, "count"));
    $("kg-relations").append(label);
  }
  $("kg-isolated").addEventListener("change", (ev) => { state.showIsolated = ev.target.checked; refresh(); });
  $("kg-confidence").addEventListener("input", (ev) => {
    state.minConfidence = Number(ev.target.value);
    $("kg-confidence-value").textContent = state.minConfidence.toFixed(2);
    refresh();
  });
  if (span) {  // the whole span filters nothing: undated facts are hidden only once it is narrowed
    $("kg-dates").hidden = false;
    for (const id of ["kg-from", "kg-to"]) { $(id).min = span[0]; $(id).max = span[1]; }
    $("kg-from").value = span[0];
    $("kg-to").value = span[1];
    const onDates = () => {
      const from = $("kg-from").value, to = $("kg-to").value;
      state.from = from && from > span[0] ? from : "";
      state.to = to && to < span[1] ? to : "";
      refresh();
    };
    $("kg-from").addEventListener("change", onDates);
    $("kg-to").addEventListener("change", onDates);
  }

  // --- panel: names, roles, facts and the sentences they come from
  const factsOf = new Map();
  data.facts.forEach((f) => {
    for (const id of new Set([f.from, f.to])) (factsOf.get(id) || factsOf.set(id, []).get(id)).push(f);
  });
  const editor = (document.querySelector('header a.nav[href="/query"]') || {}).href ? "/query" : null;
  const nameOf = (id) => (details[id] || { label: id }).label;
  const nodeLink = (id) => {
    const a = el("a", nameOf(id), "node");
    a.href = "#";
    a.addEventListener("click", (ev) => { ev.preventDefault(); select(id); });
    return a;
  };
  function showNode(id) {
    const d = details[id];
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
    if (d.type === "Proposal") {  // its story across articles first, then its facts
      const box = el("div", null, "stances");
      panel.append(el("h2", "Stances over time"), box);
      showStances(id, box);
    }
    const facts = factsOf.get(id) || [];
    panel.append(el("h2", "Facts (" + d.facts + ")"));
    const list = el("ul", null, "facts");
    for (const f of facts) {
      const item = el("li");
      const relation = f.title ? f.title + (f.predicate === "holdsRole" ? " of" : "") : f.predicate;
      item.append(nodeLink(f.from), el("span", " " + relation + " "), nodeLink(f.to),
                  el("span", "  (" + Number(f.confidence).toFixed(2) + (f.facts > 1 ? ", " + f.facts + " facts" : "") + ")", "conf"));
      for (const ev of f.evidence) {
        item.append(el("blockquote", ev.sentence, "evidence"));
        const when = kgTime.describe(kgTime.entryOf(ev, dates));
        if (when) item.append(el("div", when, "when"));
      }
      list.append(item);
    }
    panel.append(list);
  }
  // A proposal's stances as a timeline: from the page's data, or, on a page `kg serve` gives, from
  // its stored query `stances` (which knows the stances of holders the page does not draw).
  const holderLink = (entry) => {
    const id = entry.holder || byName.get(String(entry.holderName).toLowerCase());
    return id && nodes.get(id) ? nodeLink(id) : el("span", entry.holderName || entry.holder, "holder");
  };
  function showStances(id, box) {
    const onPage = kgTime.stancesOnPage(data, id, factsOf.get(id) || []);
    if (!data.queries) {
      box.dataset.source = "page";
      box.replaceChildren(kgTime.draw(onPage, data.stances, holderLink));
      return;
    }
    box.replaceChildren(el("p", "Asking the server…", "hint"));
    kgTime.stancesFromServer(data.queries, id).then((entries) => {
      if (!box.isConnected) return;  // another node was selected meanwhile
      box.dataset.source = "server";
      box.replaceChildren(kgTime.draw(entries, data.stances, holderLink));
    }).catch((error) => {
      if (!box.isConnected) return;
      box.dataset.source = "page";
      box.replaceChildren(el("p", "The server did not answer (" + error.message + "); the stances drawn on this page:", "hint"),
                          kgTime.draw(onPage, data.stances, holderLink));
    });
  }
  function select(id) {
    if (!nodes.get(id)) return false;
    if (state.focus && !state.focus.has(id)) unfocus();
    if (state.hiddenTypes.has(typeOf(id))) {
      state.hiddenTypes.delete(typeOf(id));
      document.querySelector('input[data-type="' + CSS.escape(typeOf(id)) + '"]').checked = true;
    }
    state.selected = id;
    refresh();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    showNode(id);
    $("kg-focus").disabled = false;
    return true;
  }
  window.kgSelect = select;
  network.on("click", (params) => {
    if (!params.nodes.length) return;
    state.selected = params.nodes[0];
    showNode(state.selected);
    renderList();
    network.redraw();
    $("kg-focus").disabled = false;
  });

  // --- search by any of a node's names
  const byName = new Map();
  const options_ = [];
  for (const id of byImportance) {
    const d = details[id];
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

  // --- the entity list: searchable, sorted by facts, name or type; a click selects on the graph
  const LIST_ROWS = 300;
  function renderList() {
    const filter = $("kg-list-filter").value.trim().toLowerCase();
    const sort = $("kg-list-sort").value;
    let ids = Object.keys(details).filter((id) => !state.hiddenTypes.has(typeOf(id)) &&
      (!filter || details[id].names.concat([details[id].label]).some((n) => n.toLowerCase().includes(filter))));
    const byLabel = (a, b) => details[a].label.localeCompare(details[b].label) || (a < b ? -1 : 1);
    const sorters = {
      facts: (a, b) => details[b].facts - details[a].facts || byLabel(a, b),
      name: byLabel,
      type: (a, b) => String(typeOf(a)).localeCompare(String(typeOf(b))) || byLabel(a, b),
    };
    ids.sort(sorters[sort] || sorters.facts);
    const rows = ids.slice(0, LIST_ROWS).map((id) => {
      const row = el("li", null, id === state.selected ? "selected" : "");
      row.dataset.id = id;
      row.title = details[id].label;
      row.append(el("span", details[id].label, "name"), el("span", details[id].type, "kind"), el("span", details[id].facts, "count"));
      row.addEventListener("click", () => select(id));
      return row;
    });
    $("kg-list").replaceChildren(...rows);
    $("kg-list-more").textContent = ids.length > LIST_ROWS ? "… and " + (ids.length - LIST_ROWS) + " more: filter the list" : "";
  }
  $("kg-list-filter").addEventListener("input", renderList);
  $("kg-list-sort").addEventListener("change", renderList);
  listReady = true;
  renderList();

  // --- focus: the neighbourhood (what the filters show) laid out afresh, in circles around the
  // selected node, each ring ordered by where its parents are, so that lines seldom cross
  function focusOn(start, depth) {
    const adjacent = new Map();
    for (const id of visibleEdges) {
      const f = data.facts[id];
      (adjacent.get(f.from) || adjacent.set(f.from, []).get(f.from)).push(f.to);
      (adjacent.get(f.to) || adjacent.set(f.to, []).get(f.to)).push(f.from);
    }
    const angle = new Map([[start, 0]]);
    const rings = [[start]];
    for (let d = 1; d <= depth; d++) {
      const next = [];
      for (const id of rings[d - 1]) {
        for (const other of [...new Set(adjacent.get(id) || [])].sort((a, b) => details[b].facts - details[a].facts)) {
          if (angle.has(other)) continue;
          angle.set(other, angle.get(id));
          next.push(other);
        }
      }
      if (!next.length) break;
      next.sort((a, b) => angle.get(a) - angle.get(b));
      next.forEach((id, i) => angle.set(id, (2 * Math.PI * i) / next.length));
      rings.push(next);
    }
    const origin = home.get(start);
    network.moveNode(start, origin.x, origin.y);
    let radius = 0;
    rings.slice(1).forEach((ring) => {
      radius = Math.max(radius + 260, (ring.length * 150) / (2 * Math.PI));  // 150: room for a label
      for (const id of ring) {
        network.moveNode(id, origin.x + radius * Math.cos(angle.get(id)), origin.y + radius * Math.sin(angle.get(id)));
      }
    });
    state.focus = new Set(angle.keys());
    refresh();
    network.fit({ nodes: [...state.focus], animation: false });
  }
  function unfocus() {
    if (!state.focus) return;
    for (const id of state.focus) network.moveNode(id, home.get(id).x, home.get(id).y);
    state.focus = null;
  }
  $("kg-focus").addEventListener("click", () => {
    const start = state.selected || network.getSelectedNodes()[0];
    if (!start) return;
    unfocus();
    focusOn(start, Math.min(5, Math.max(1, Number($("kg-depth").value) || 1)));
  });
  $("kg-reset").addEventListener("click", () => { unfocus(); refresh(); network.fit({ animation: false }); });

  network.once("afterDrawing", () => {
    if (data.focus) select(data.focus);
    document.body.dataset.ready = "true";
  });
})();
