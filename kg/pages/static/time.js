/* kg's time on the page: when a sentence dates its fact (the day, week, month or year it says
 * the fact happened, else the day its article was published), for the date filter; and a
 * proposal's stances as a timeline in the panel, read from the page's own data or, when `kg
 * serve` gives the page, from the server's stored query `stances`.
 * Text from the graph is only ever set with textContent, never parsed as HTML. */
window.kgTime = (function () {
  "use strict";
  const day = (iso) => String(iso || "").slice(0, 10);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };

  // The first and last day a sentence dates its fact to ("" when neither date is known).
  function span(ev, dates) {
    if (ev.happened) return [ev.happened, ev.until || ev.happened];
    const reported = day(dates[ev.article]);
    return [reported, reported];
  }

  // Whether a sentence dates its fact to a day between from and to ("" is open): a week, month
  // or year counts when any of its days is in the range.
  function within(ev, dates, from, to) {
    const [first, last] = span(ev, dates);
    return Boolean(first) && (!to || first <= to) && (!from || last >= from);
  }

  // The first and last day the facts' sentences are dated to, or null when none is dated.
  function range(facts, dates) {
    let low = "", high = "";
    for (const f of facts) {
      for (const ev of f.evidence) {
        const [first, last] = span(ev, dates);
        if (!first) continue;
        if (!low || first < low) low = first;
        if (!high || last > high) high = last;
      }
    }
    return low ? [low, high] : null;
  }

  // "2024-03-04, happened (“on Monday”)", "2024-03-08, reported", or "" for an undated sentence.
  function describe(entry) {
    if (!entry.date) return "";
    if (entry.when === "happened") return entry.date + ", happened" + (entry.time ? " (“" + entry.time + "”)" : "");
    return entry.date + ", reported";
  }

  // A sentence behind a fact as a dated entry.
  function entryOf(ev, dates) {
    const reported = day(dates[ev.article]);
    return { date: ev.happened || reported, when: ev.happened ? "happened" : reported ? "reported" : "",
             time: ev.time || "", reported: reported, sentence: ev.sentence, article: ev.article, start: ev.start };
  }

  // Undated stances last; then by date, the day reported, the article, the place in it, the
  // relation and the holder: the order of queries/stances.rq.
  function inDateOrder(a, b) {
    const keys = (e) => [e.date ? 0 : 1, e.date, e.reported, e.article, Number(e.start), e.relation, e.holderName];
    const ka = keys(a), kb = keys(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return 0;
  }

  // A proposal's stances from the page's own data: one entry per sentence of each fact whose
  // object it is and whose relation is a stance.
  function stancesOnPage(data, id, facts) {
    const entries = [];
    for (const f of facts) {
      if (f.to !== id || !Object.prototype.hasOwnProperty.call(data.stances, f.predicate)) continue;
      for (const ev of f.evidence) {
        entries.push(Object.assign(entryOf(ev, data.dates), {
          holder: f.from, holderName: (data.details[f.from] || { label: f.from }).label, relation: f.predicate,
          headline: data.headlines[ev.article] || "" }));
      }
    }
    return entries.sort(inDateOrder);
  }

  // The same entries from the server's stored query `stances`, the proposal bound by its IRI.
  async function stancesFromServer(base, id) {
    const response = await fetch(base + "/stances?proposal=" + encodeURIComponent(id),
                                 { headers: { Accept: "application/sparql-results+json" } });
    if (!response.ok) throw new Error(response.status + " " + (await response.text()).trim());
    const value = (row, name) => (row[name] ? row[name].value : "");
    const entries = (await response.json()).results.bindings.map((row) => ({
      date: day(value(row, "date")), when: value(row, "when"), time: value(row, "time"),
      reported: day(value(row, "reportedOn")), sentence: value(row, "sentence"), article: value(row, "article"),
      start: value(row, "start"), holder: null, holderName: value(row, "holderName"),
      relation: value(row, "stance").replace(/^.*[#/]/, ""), headline: value(row, "headline") }));
    return entries.sort(inDateOrder);
  }

  // The timeline: each stance with its date and whether it happened or was reported then, who
  // took it, the sentence, and the article. `holderLink(entry)` gives the element naming the holder.
  function draw(entries, words, holderLink) {
    if (!entries.length) return el("p", "No stance on this proposal.", "hint");
    const list = el("ol", null, "timeline");
    for (const entry of entries) {
      const item = el("li", null, "stance");
      item.dataset.when = entry.when || "undated";
      const when = el("div", null, "when");
      when.append(el("span", entry.date || "no date", "date"));
      if (entry.date) when.append(el("span", entry.when === "happened" ? " happened" : " reported", "kind"));
      if (entry.when === "happened" && entry.time) when.append(el("span", " “" + entry.time + "”", "time"));
      const who = el("div", null, "who");
      who.append(holderLink(entry), el("span", " " + (words[entry.relation] || entry.relation)));
      const source = el("div", (entry.headline || "article " + entry.article.replace(/^.*\//, "")) +
                        (entry.reported ? ", reported " + entry.reported : ""), "source");
      item.append(when, who, el("blockquote", entry.sentence, "evidence"), source);
      list.append(item);
    }
    return list;
  }

  return { day, span, within, range, describe, entryOf, stancesOnPage, stancesFromServer, draw };
})();
