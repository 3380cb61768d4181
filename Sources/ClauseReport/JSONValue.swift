/// A JSON value whose objects keep their keys in the order written, so reports read the way the spec
/// shows them and stay byte-stable across runs.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Compact (one line) or indented by two spaces.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        let newline = pretty ? "\n" : ""
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .number(d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null"
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (i < items.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case let .object(pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in pairs.enumerated() {
                out += pad
                Self.quote(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (i < pairs.count - 1 ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    /// Copies runs that need no escape whole: reports are mostly Chinese text, and appending it one
    /// scalar at a time was a tenth of a bulk run.
    private static func quote(_ s: String, into out: inout String) {
        // Slices through the scalar view: a String slice would round to a grapheme boundary, and a
        // quote followed by a combining mark is one grapheme.
        func copy(_ range: Range<String.Index>) { out += Substring(s.unicodeScalars[range]) }
        out += "\""
        let bytes = s.utf8
        var run = bytes.startIndex
        var i = run
        while i != bytes.endIndex {
            let byte = bytes[i]
            let next = bytes.index(after: i)
            var escape: String?
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case UInt8(ascii: "\t"): escape = "\\t"
            case 0 ..< 0x20:
                let hex = String(byte, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2:  // U+2028 and U+2029 (E2 80 A8/A9) end a line in JavaScript
                let rest = bytes[next...].prefix(2)
                if rest.count == 2, rest.first == 0x80, let last = rest.last, last == 0xA8 || last == 0xA9 {
                    copy(run ..< i)
                    out += last == 0xA8 ? "\\u2028" : "\\u2029"
                    i = bytes.index(next, offsetBy: 2)
                    run = i
                    continue
                }
            default: break
            }
            if let escape {
                copy(run ..< i)
                out += escape
                run = next
            }
            i = next
        }
        copy(run ..< bytes.endIndex)
        out += "\""
    }
}

extension JSONValue {
    static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
}
