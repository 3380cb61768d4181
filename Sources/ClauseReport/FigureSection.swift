import ClauseAudit
import ClauseRules

/// The figures a document states (its 违约金, 定金, 手续费, 滞纳金), as the reports a person reads show
/// them: a short list after the findings, only when there are figures.
enum FigureSection {
    static func payer(_ figure: StatedFigure) -> String {
        switch figure.payer {
        case .consumer?: "消费者支付"
        case .business?: "经营者支付"
        case nil: "未写明由谁支付"
        }
    }

    static func breach(_ figure: StatedFigure) -> String {
        switch figure.breach {
        case .delay?: "（逾期）"
        case .termination?: "（解除合同）"
        case nil: ""
        }
    }

    /// A table for the HTML report, or nil when the document states no figures.
    static func html(_ result: AuditResult) -> HTMLSection? {
        guard !result.figures.isEmpty else { return nil }
        var out = "<table><thead><tr><th>位置</th><th>项目</th><th>金额或比例</th><th>由谁支付</th><th>原文</th></tr></thead><tbody>\n"
        for f in result.figures {
            out += "<tr><td>第 \(f.span.line) 行第 \(f.span.column) 列</td><td>\(f.kind.term)</td>"
                + "<td>\(HTML.escape(f.shown + breach(f)))</td><td>\(payer(f))</td><td>\(HTML.escape(f.text))</td></tr>\n"
        }
        return HTMLSection(id: "figures", title: "合同中的金额与比例", html: out + "</tbody></table>")
    }
}
