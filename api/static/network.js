(function () {
  "use strict";
  var graph = JSON.parse(document.getElementById("graph-data").textContent);
  var page = JSON.parse(document.getElementById("page-data").textContent);
  graph.nodes.forEach(function (n) {   // a duty group reads "obligation 20" / "义务 20" in the page's language
    if (n.kind === "duties") { n.label = (page.messages[n.modality] || n.modality) + " " + n.label; n.title = n.label; }
  });
  var nodes = new vis.DataSet(graph.nodes);
  var edges = new vis.DataSet(graph.edges);
  var container = document.getElementById("network");
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, graph.options);
  window.govkg = { network: network, nodes: nodes, edges: edges, stabilized: false, settleMs: null };

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    window.govkg.settleMs = performance.now() - started;
    window.govkg.stabilized = true;
  });
  network.on("afterDrawing", function (ctx) {   // one ring per gap kind, outside the node
    var ids = nodes.getIds({ filter: function (n) { return n.rings && n.rings.length; } });
    var at = network.getPositions(ids);
    ids.forEach(function (id) {
      var node = nodes.get(id), p = at[id];
      if (!p) return;
      node.rings.forEach(function (kind, i) {
        ctx.beginPath();
        ctx.arc(p.x, p.y, (node.size || 12) + 3 + 4 * i, 0, 2 * Math.PI);
        ctx.lineWidth = 3;
        ctx.strokeStyle = kind === "minor" ? page.minorColor : page.gapColors[kind];
        ctx.stroke();
      });
    });
  });
  network.on("beforeDrawing", function (ctx) {   // a white background, so the PNG is not transparent
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });

  function el(tag, text, cls) {          // text only: nothing from a document becomes markup
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function link(href, text) { var a = el("a", text); a.href = href; return a; }
  function anchor(key) { return "p-" + String(key).replace(/\s+/g, "_"); }
  function docUrl(doc, key) {
    return page.base + "/view/documents/" + encodeURIComponent(doc) + "?lang=" + page.lang +
      (key ? "#" + encodeURIComponent(anchor(key)) : "");
  }
  function t(key) { return page.messages[key] || key; }

  function showGaps(box, gaps) {
    (gaps || []).forEach(function (g) {
      var item = el("div", null, "gap-item");
      item.style.borderColor = page.gapColors[g.kind] || page.minorColor;
      item.appendChild(el("b", t("gap_" + g.kind) + ": "));
      item.appendChild(el("span", g.explanation));
      box.appendChild(item);
    });
  }

  function showProvision(box, node) {
    if (!page.served || !node.provision) return;
    var url = page.base + "/provisions/" + encodeURIComponent(node.doc) + "/" +
      node.provision.split("/").map(encodeURIComponent).join("/");
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (p) {
      if (!p) return;
      box.appendChild(el("h4", p.label));
      var text = el("div", null, "provision-text"), at = 0;
      p.spans.filter(function (s) { return s.norm === node.norm; }).forEach(function (s) {
        if (s.start < at) return;
        text.appendChild(document.createTextNode(p.text.slice(at, s.start)));
        text.appendChild(el("mark", p.text.slice(s.start, s.end)));
        at = s.end;
      });
      text.appendChild(document.createTextNode(p.text.slice(at)));
      box.appendChild(text);
    });
  }

  function showNode(node) {
    var box = document.getElementById("details");
    box.textContent = "";
    box.appendChild(el("h3", node.kind === "norm" ? node.action : node.title));
    if (node.kind === "norm") {
      box.appendChild(el("div", t(node.modality) + " · " + (node.bearers.length ? node.bearers.join("、") : t("nobody")), "muted"));
      showGaps(box, node.gaps);
      box.appendChild(el("h4", t("clause") + " — " + node.doc + " " + (node.provision_label || node.provision)));
      box.appendChild(el("div", node.clause, "clause"));
      box.appendChild(link(docUrl(node.doc, node.provision), t("open_document")));
      showProvision(box, node);
    } else if (node.kind === "actor") {
      box.appendChild(el("div", node.types.join(", "), "muted"));
      showGaps(box, node.gaps);
      box.appendChild(link(page.base + "/view/actors/" + encodeURIComponent(node.actor) + "?lang=" + page.lang, t("open_actor")));
    } else {
      box.appendChild(link(docUrl(node.doc, ""), t("open_document")));
    }
  }

  function provisionUrl(doc, path) {
    return page.base + "/provisions/" + encodeURIComponent(doc) + "/" + path.split("/").map(encodeURIComponent).join("/");
  }

  function showClauses(box, clauses) {
    box.appendChild(el("h4", t("clauses")));
    clauses.forEach(function (c) {
      var item = el("div", null, "clause");
      item.appendChild(link(docUrl(c.doc, c.path), c.doc + " " + (c.label || c.path)));
      box.appendChild(item);
      if (!page.served || !c.path) return;
      fetch(provisionUrl(c.doc, c.path)).then(function (r) { return r.ok ? r.json() : null; }).then(function (p) {
        if (p) item.appendChild(el("div", p.text, "provision-text"));
      });
    });
  }

  function showRelation(edge) {
    var box = document.getElementById("details");
    box.textContent = "";
    var from = nodes.get(edge.from), to = nodes.get(edge.to);
    box.appendChild(el("h3", (from ? from.full || from.title : "") + " → " + (to ? to.full || to.title : "")));
    box.appendChild(el("div", t("rel_" + edge.relation), "muted"));
    showClauses(box, edge.clauses || []);
  }

  function showItems(box, items) {
    var list = el("ul", null, "items");
    items.forEach(function (item) {
      var li = el("li", (item.label || item.provision) + " — " + item.action);
      item.gaps.forEach(function (kind) {
        var tag = el("span", t("gap_" + kind), "gap-tag");
        tag.style.background = page.gapColors[kind] || page.minorColor;
        li.appendChild(tag);
      });
      li.addEventListener("click", function () {
        showNode({ kind: "norm", action: item.action, modality: "", bearers: [], gaps: [], doc: item.doc,
                   provision: item.provision, provision_label: item.label, clause: item.clause, norm: item.norm });
      });
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function showActor(node) {
    var box = document.getElementById("details");
    box.textContent = "";
    box.appendChild(el("h3", node.title || node.full));
    box.appendChild(el("div", (node.types || []).join(", ") + " · " + (node.duties || 0) + " " + t("duties_count"), "muted"));
    Object.keys(node.gaps || {}).forEach(function (kind) {
      var item = el("div", t("gap_" + kind) + ": " + node.gaps[kind], "gap-item");
      item.style.borderColor = page.gapColors[kind] || page.minorColor;
      box.appendChild(item);
    });
    if (page.served) {
      box.appendChild(link(page.base + "/network?actor=" + encodeURIComponent(node.actor) + "&lang=" + page.lang, t("view_actors") + " ↗"));
      box.appendChild(el("br"));
      box.appendChild(link(page.base + "/view/actors/" + encodeURIComponent(node.actor) + "?lang=" + page.lang, t("open_actor")));
    }
  }

  function expand(node) {   // add the actor's partners and relations to what is drawn
    if (!page.served || node.expanded) return;
    nodes.update({ id: node.id, expanded: true });
    var url = page.base + "/network.json?actor=" + encodeURIComponent(node.actor) + "&lang=" + page.lang +
      (page.minor ? "&minor=true" : "");
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      var at = network.getPositions([node.id])[node.id] || { x: 0, y: 0 };
      var fresh = data.nodes.filter(function (n) { return n.kind === "actor" && !nodes.get(n.id); });
      fresh.forEach(function (n, i) {
        var angle = 2 * Math.PI * i / Math.max(1, fresh.length);
        n.x = at.x + 160 * Math.cos(angle); n.y = at.y + 160 * Math.sin(angle);
      });
      nodes.add(fresh);
      edges.add(data.edges.filter(function (e) { return e.kind === "relation" && !edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to); }));
      window.govkg.expanded = (window.govkg.expanded || 0) + 1;
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var node = nodes.get(params.nodes[0]);
      if (node.kind === "actor" && page.mode === "actors") { showActor(node); expand(node); return; }
      if (node.kind === "duties") {
        var box = document.getElementById("details");
        box.textContent = "";
        box.appendChild(el("h3", t(node.modality) + " (" + node.items.length + ")"));
        showItems(box, node.items);
        return;
      }
      if (node.kind === "nobody") {
        var nb = document.getElementById("details");
        nb.textContent = "";
        nb.appendChild(el("h3", t("node_nobody") + ": " + node.duties));
        nb.appendChild(link(page.base + "/network?gap=unassigned&lang=" + page.lang, t("gap_unassigned") + " ↗"));
        return;
      }
      showNode(node);
      return;
    }
    if (params.edges.length) {
      var edge = edges.get(params.edges[0]);
      if (edge && edge.kind === "relation") { showRelation(edge); return; }
      var norm = edge && nodes.get("n:" + edge.norm);
      if (norm) showNode(norm);
    }
  });

  var search = document.getElementById("node-search");
  search.addEventListener("input", function () {
    var words = search.value.trim().toLowerCase();
    var hits = !words ? [] : nodes.getIds({ filter: function (n) {
      return String(n.title || n.label || "").toLowerCase().indexOf(words) >= 0 ||
             String(n.full || "").toLowerCase().indexOf(words) >= 0 ||
             String(n.clause || "").toLowerCase().indexOf(words) >= 0;
    } });
    network.selectNodes(hits);
    document.getElementById("search-count").textContent = words ? hits.length + " ✓" : "";
    if (hits.length) network.fit({ nodes: hits, animation: false });
  });

  document.getElementById("download-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var a = document.createElement("a");
    a.href = canvas.toDataURL("image/png");
    a.download = "govkg-network.png";
    document.body.appendChild(a); a.click(); a.remove();
  });
})();
