import ClauseAudit
import ClauseRules
import Foundation

/// Pieces every HTML page of the reports shares: escaping, the category palette, the page frame with
/// its Content-Security-Policy.
public enum HTML {
    /// Text made safe for element content and quoted attribute values: every character that could
    /// open markup is an entity, and characters HTML forbids (NUL, other C0 controls, lone
    /// surrogates) become U+FFFD.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": break
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80 ..< 0xA0).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The `sha256-…` source expression CSP uses to allow one inline script or style.
    public static func cspHash(_ content: String) -> String {
        "'sha256-" + Data(SHA256.digest(Array(content.utf8))).base64EncodedString() + "'"
    }

    /// The policy of a page: nothing is loaded from anywhere (default-src 'none'); the one inline
    /// style and the one inline script run because their hashes are in it; forms may post only where
    /// `formAction` says ('none' for reports, 'self' for the server's own form). A server sends the
    /// same policy as a header too.
    public static func contentSecurityPolicy(style: String, script: String?, formAction: String = "'none'") -> String {
        var policy = "default-src 'none'; style-src \(cspHash(style)); img-src data:; base-uri 'none'; form-action \(formAction)"
        if let script { policy += "; script-src \(cspHash(script))" }
        return policy
    }

    /// A whole page with the policy above in a meta element; no base URL.
    public static func page(title: String, style: String, script: String?, body: String, formAction: String = "'none'") -> String {
        let policy = contentSecurityPolicy(style: style, script: script, formAction: formAction)
        var out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">\n"
        out += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"\(ToolInfo.name) \(ToolInfo.version)\">\n"
        out += "<title>\(escape(title))</title>\n<style>\(style)</style>\n</head>\n<body>\n"
        out += body
        if let script { out += "<script>\(script)</script>\n" }
        out += "</body>\n</html>\n"
        return out
    }

    /// Colours of the categories: a light background for highlights and a strong one for badges and
    /// borders. Chosen to stay apart for the common colour-vision deficiencies as far as six can.
    public static func colors(_ category: Category) -> (light: String, strong: String) {
        switch category {
        case .C1: ("#ffd5d0", "#c0392b")
        case .C2: ("#ffe2bf", "#c25e00")
        case .C3: ("#fff1a8", "#8a6d00")
        case .C4: ("#d3f0d0", "#2e7d32")
        case .C5: ("#d5e6ff", "#1f5fbf")
        case .C6: ("#ead9ff", "#6a3fb5")
        }
    }

    /// Short Chinese names of the categories, for tables and badges.
    public static func shortName(_ category: Category) -> String {
        switch category {
        case .C1: "免除经营者责任"
        case .C2: "限制退换赔偿权利"
        case .C3: "限制投诉诉讼权利"
        case .C4: "限制变更解除合同"
        case .C5: "单方解释权"
        case .C6: "其他不公平不合理"
        }
    }

    public static func severityName(_ severity: Severity) -> String {
        switch severity {
        case .error: "错误"
        case .warning: "警告"
        case .info: "提示"
        }
    }

    /// The font stacks the pages declare: Chinese first, so Han text never falls back to a font
    /// without the glyphs.
    public static let sansFonts = "system-ui, -apple-system, \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif"
    public static let serifFonts = "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", \"SimSun\", \"Noto Sans CJK SC\", serif"

    /// CSS rules for the category classes (`bg-C1` highlight, `ul-C1` underline of a second
    /// category, `badge-C1`).
    public static var categoryCSS: String {
        Category.allCases.map { c in
            let (light, strong) = colors(c)
            return ".bg-\(c.rawValue){background:\(light)}.ul-\(c.rawValue){box-shadow:inset 0 -3px 0 \(strong)}"
                + ".badge-\(c.rawValue){background:\(strong);color:#fff}.note.\(c.rawValue){border-left-color:\(strong)}"
        }.joined(separator: "\n")
    }
}

/// An HTML fragment that is already safe (built with `HTML.escape`), for sections other modules add
/// to a report, such as the comparison with a model contract.
public struct HTMLSection: Sendable {
    public var id: String
    public var title: String
    /// Trusted markup: whoever builds it escapes every piece of document text in it.
    public var html: String

    public init(id: String, title: String, html: String) {
        self.id = id
        self.title = title
        self.html = html
    }
}
