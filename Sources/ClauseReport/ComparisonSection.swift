import ClauseAudit
import ClauseModels

extension ComparisonHTML {
    /// The comparison as a section of the HTML report (`check --format html --model`, the server's
    /// result page): the model, the similarity, notes, what is missing, changed and added, and the
    /// profile's checks. No side-by-side table (that is `compare --format html`); no style
    /// attributes, so the report's strict policy holds.
    public static func section(_ result: AuditResult) -> HTMLSection? {
        guard let c = result.comparison else { return nil }
        var out = ""
        if let m = c.model {
            let who = [m.issuer, m.year.map(String.init)].compactMap { $0 }.joined(separator: "，")
            out += "<p class=\"cmp-model\">示范文本：" + escape([m.code, "《\(m.title)》"].compactMap { $0 }.joined(separator: " "))
                + (who.isEmpty ? "" : "（\(escape(who))）") + "</p>\n"
            let basis = c.basis == .text ? "逐条比对全文" : "按档案检查保护条款与数值"
            out += "<p class=\"cmp-stats\">相似度 \(Int((c.similarity * 100).rounded()))%（\(basis)）· 缺失 \(c.missing.count) · 改动 \(c.changed.count)"
                + "（其中不利于消费者 \(c.changed.filter { $0.kind == .weaker }.count)）· 新增 \(c.added.count)</p>\n"
        }
        for note in c.notes { out += "<p class=\"cmp-note\">\(escape(note))</p>\n" }
        out += summary(c) + checkTable(c)
        return HTMLSection(id: "model", title: "与示范文本比对", html: out)
    }

    /// The profile's protections and figures, each with what became of it, in words and colour.
    static func checkTable(_ c: ModelComparison) -> String {
        guard !c.protections.isEmpty || !c.figures.isEmpty else { return "" }
        var out = "<h2>保护条款与数值</h2>\n<table class=\"checks\"><thead><tr><th>示范文本</th><th>内容</th><th>合同</th></tr></thead><tbody>\n"
        for p in c.protections {
            out += "<tr><td class=\"at\">\(escape(p.modelClause))</td><td>\(escape(p.protects))</td><td>\(status(p.status))</td></tr>\n"
        }
        for f in c.figures {
            out += "<tr><td class=\"at\">\(escape(f.modelClause))</td><td>\(escape(f.what))：示范文本 \(escape(f.model))"
                + (f.contract.map { "；合同 \(escape($0))" } ?? "") + "</td><td>\(status(f.status))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static func status(_ status: ModelComparison.Status) -> String {
        let word = switch status {
        case .kept: "保留"
        case .weakened: "改弱"
        case .missing: "缺失"
        case .stronger: "更有利"
        case .changed: "改动"
        }
        return "<span class=\"st \(status.rawValue)\">\(word)</span>"
    }
}
