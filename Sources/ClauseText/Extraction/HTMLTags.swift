/// The HTML elements the extractor treats specially. Everything else is an ordinary inline element:
/// its tags vanish and its text flows on.
enum HTMLTag: Sendable {
    case html, head, body
    case br, rule, block, cell, row, listItem, definition, paragraph, option
    case heading, pre
    case bold, underline
    case rawDropped        // script, style, title, ...: their content is not markup and not shown
    case hiddenContainer   // template: parsed, never shown
    case void              // img, meta, ...: never have content
    case headContent       // meta, link, base: allowed in <head>, void

    /// Known names by the hash of their lower-cased form.
    static let byHash: [UInt64: HTMLTag] = {
        var table: [UInt64: HTMLTag] = [:]
        func add(_ tag: HTMLTag, _ names: String...) {
            for name in names { table[HTMLTag.hash(Array(name.utf16))] = tag }
        }
        add(.html, "html"); add(.head, "head"); add(.body, "body")
        add(.br, "br"); add(.rule, "hr")
        add(.block, "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
            "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup",
            "main", "menu", "nav", "ol", "section", "summary", "table", "tbody", "thead", "tfoot", "ul",
            "caption", "legend", "listing", "plaintext", "frameset", "select", "textarea", "search")
        add(.cell, "td", "th")
        add(.row, "tr")
        add(.listItem, "li")
        add(.definition, "dt", "dd")
        add(.paragraph, "p")
        add(.option, "option")
        add(.heading, "h1", "h2", "h3", "h4", "h5", "h6")
        add(.pre, "pre")
        add(.bold, "b", "strong")
        add(.underline, "u", "ins")
        add(.rawDropped, "script", "style", "title", "noscript", "iframe", "noembed", "noframes", "xmp")
        add(.hiddenContainer, "template")
        add(.void, "area", "col", "embed", "img", "input", "param", "source", "track", "wbr", "keygen", "image")
        add(.headContent, "meta", "link", "base", "basefont", "bgsound")
        return table
    }()

    static let headHash = hash(Array("head".utf16))
    static let thHash = hash(Array("th".utf16))
    static let pHash = hash(Array("p".utf16))
    static let liHash = hash(Array("li".utf16))
    static let dtHash = hash(Array("dt".utf16))
    static let ddHash = hash(Array("dd".utf16))
    static let trHash = hash(Array("tr".utf16))
    static let tdHash = hash(Array("td".utf16))
    static let optionHash = hash(Array("option".utf16))

    /// FNV-1a over the lower-cased name: identifies an element for matching its end tag.
    static func hash<C: Collection>(_ name: C) -> UInt64 where C.Element == UInt16 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in name {
            let lower = (0x41 ... 0x5A).contains(u) ? u + 0x20 : u
            h = (h ^ UInt64(lower)) &* 0x100_0000_01b3
        }
        return h
    }

    /// Elements that start a new line where they start and where they end.
    var breaksLine: Bool {
        switch self {
        case .rule, .block, .row, .listItem, .definition, .paragraph, .heading, .pre, .option, .body: true
        default: false
        }
    }

    /// Elements that may stay inside <head>; any other start tag ends it.
    var allowedInHead: Bool {
        switch self {
        case .head, .html, .rawDropped, .hiddenContainer, .headContent: true
        default: false
        }
    }

    var isVoid: Bool {
        switch self {
        case .br, .rule, .void, .headContent: true
        default: false
        }
    }
}
