(function () {
  "use strict";
  var graph = JSON.parse(document.getElementById("graph-data").textContent);
  var page = JSON.parse(document.getElementById("page-data").textContent);
  var nodes = new vis.DataSet(graph.nodes);
  var edges = new vis.DataSet(graph.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, graph.options);
  window.govkg = { network: network, nodes: nodes, edges: edges, stabilized: false };

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    window.govkg.stabilized = true;
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
      item.style.borderColor = page.gapColors[g.kind] || "#dc2626";
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

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(nodes.get(params.nodes[0])); return; }
    if (params.edges.length) {
      var edge = edges.get(params.edges[0]);
      var norm = edge && nodes.get("n:" + edge.norm);
      if (norm) showNode(norm);
    }
  });

  var search = document.getElementById("node-search");
  search.addEventListener("input", function () {
    var words = search.value.trim().toLowerCase();
    var hits = !words ? [] : nodes.getIds({ filter: function (n) {
      return String(n.title || n.label || "").toLowerCase().indexOf(words) >= 0 ||
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
