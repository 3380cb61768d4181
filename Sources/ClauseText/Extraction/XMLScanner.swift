/// A small pull scanner for the XML parts of a DOCX (UTF-8). It checks what a reader of Office XML
/// needs checked (tags nest and match, one root, attributes are quoted, references are known) and
/// refuses DOCTYPEs: Office never writes them, and refusing them rules out entity-expansion bombs.
/// Namespaces are left to the caller (Office uses fixed prefixes, and the caller maps them).
struct XMLScanner {
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>  // raw: references not yet decoded
    }

    enum Event {
        case start(name: Range<Int>, attributes: [Attribute], selfClosing: Bool)
        case end(name: Range<Int>)
        case text(Range<Int>, cdata: Bool)
    }

    let b: [UInt8]
    private var p = 0
    private var open: [Range<Int>] = []
    private var sawRoot = false

    /// `bytes` may start with a UTF-8 byte-order mark; UTF-16 parts should be converted first
    /// (see `utf8(fromPart:)`).
    init(_ bytes: [UInt8]) {
        b = bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { p = 3 }
    }

    var depth: Int { open.count }

    mutating func next() throws(Failure) -> Event? {
        let n = b.count
        while p < n {
            if b[p] != 0x3C { // text
                let start = p
                while p < n && b[p] != 0x3C { p += 1 }
                if open.isEmpty {
                    guard b[start ..< p].allSatisfy(Self.isSpace) else {
                        throw Failure(offset: start, reason: "text outside the root element")
                    }
                    continue
                }
                return .text(start ..< p, cdata: false)
            }
            if has("<?", at: p) {
                p = try find("?>", from: p + 2, what: "processing instruction") + 2
                continue
            }
            if has("<!--", at: p) {
                p = try find("-->", from: p + 4, what: "comment") + 3
                continue
            }
            if has("<![CDATA[", at: p) {
                let start = p + 9
                let end = try find("]]>", from: start, what: "CDATA section")
                guard !open.isEmpty else { throw Failure(offset: p, reason: "CDATA outside the root element") }
                p = end + 3
                return .text(start ..< end, cdata: true)
            }
            if has("<!", at: p) {
                throw Failure(offset: p, reason: "DOCTYPE or declaration (not allowed in Office XML)")
            }
            if has("</", at: p) {
                let tagStart = p
                p += 2
                let name = try readName()
                skipSpace()
                guard p < n, b[p] == 0x3E else { throw Failure(offset: p, reason: "'>' expected to close an end tag") }
                p += 1
                guard let top = open.last, b[top] == b[name] else {
                    throw Failure(offset: tagStart, reason: "end tag </\(text(name))> does not match "
                        + (open.last.map { "<\(text($0))>" } ?? "any open element"))
                }
                open.removeLast()
                return .end(name: name)
            }
            // A start tag.
            let tagStart = p
            p += 1
            let name = try readName()
            var attributes: [Attribute] = []
            while true {
                let hadSpace = skipSpace()
                guard p < n else { throw Failure(offset: tagStart, reason: "tag <\(text(name))> never closes") }
                if b[p] == 0x3E { p += 1; return opened(name, attributes, selfClosing: false, at: tagStart) }
                if b[p] == 0x2F {
                    guard p + 1 < n, b[p + 1] == 0x3E else { throw Failure(offset: p, reason: "'/>' expected") }
                    p += 2
                    return opened(name, attributes, selfClosing: true, at: tagStart)
                }
                guard hadSpace else { throw Failure(offset: p, reason: "space expected between attributes") }
                let attrName = try readName()
                skipSpace()
                guard p < n, b[p] == 0x3D else { throw Failure(offset: p, reason: "'=' expected after attribute \(text(attrName))") }
                p += 1
                skipSpace()
                guard p < n, b[p] == 0x22 || b[p] == 0x27 else {
                    throw Failure(offset: p, reason: "attribute value must be quoted")
                }
                let quote = b[p]
                let valueStart = p + 1
                var q = valueStart
                while q < n && b[q] != quote {
                    if b[q] == 0x3C { throw Failure(offset: q, reason: "'<' in an attribute value") }
                    q += 1
                }
                guard q < n else { throw Failure(offset: p, reason: "attribute value never closes") }
                attributes.append(Attribute(name: attrName, value: valueStart ..< q))
                p = q + 1
            }
        }
        if let top = open.last { throw Failure(offset: n, reason: "the part ends inside <\(text(top))> (truncated?)") }
        if !sawRoot { throw Failure(offset: n, reason: "no root element") }
        return nil
    }

    private mutating func opened(_ name: Range<Int>, _ attributes: [Attribute], selfClosing: Bool, at offset: Int) -> Event {
        if !selfClosing { open.append(name) }
        sawRoot = true
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    // MARK: pieces

    private mutating func readName() throws(Failure) -> Range<Int> {
        let start = p
        while p < b.count {
            let c = b[p]
            if Self.isSpace(c) || c == 0x3E || c == 0x2F || c == 0x3D || c == 0x3C || c == 0x22 || c == 0x27 { break }
            p += 1
        }
        guard p > start else { throw Failure(offset: start, reason: "name expected") }
        return start ..< p
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = p
        while p < b.count && Self.isSpace(b[p]) { p += 1 }
        return p > start
    }

    private func has(_ s: StaticString, at q: Int) -> Bool {
        let count = s.utf8CodeUnitCount
        guard q + count <= b.count else { return false }
        for k in 0 ..< count where b[q + k] != s.utf8Start[k] { return false }
        return true
    }

    private func find(_ s: StaticString, from q: Int, what: String) throws(Failure) -> Int {
        let first = s.utf8Start[0]
        var k = q
        while k < b.count {
            if b[k] == first && has(s, at: k) { return k }
            k += 1
        }
        throw Failure(offset: q, reason: "\(what) never closes")
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    func text(_ range: Range<Int>) -> String { String(decoding: b[range], as: UTF8.self) }

    // MARK: values

    /// Text or an attribute value with its references decoded, as UTF-16. Invalid UTF-8 or an
    /// unknown reference is an error.
    func decode(_ range: Range<Int>, cdata: Bool = false) throws(Failure) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(range.count)
        var k = range.lowerBound
        while k < range.upperBound {
            var end = k
            if cdata {
                end = range.upperBound
            } else {
                while end < range.upperBound && b[end] != 0x26 { end += 1 }
            }
            if end > k {
                guard let piece = String(validating: b[k ..< end], as: UTF8.self) else {
                    throw Failure(offset: k, reason: "invalid UTF-8")
                }
                out.append(contentsOf: piece.utf16)
            }
            k = end
            guard k < range.upperBound else { break }
            // A reference.
            var semi = k + 1
            while semi < range.upperBound && b[semi] != 0x3B && semi - k < 12 { semi += 1 }
            guard semi < range.upperBound, b[semi] == 0x3B else { throw Failure(offset: k, reason: "'&' without a reference") }
            let name = String(decoding: b[k + 1 ..< semi], as: UTF8.self)
            switch name {
            case "lt": out.append(0x3C)
            case "gt": out.append(0x3E)
            case "amp": out.append(0x26)
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                var value: UInt32?
                if name.hasPrefix("#x") { value = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { value = UInt32(name.dropFirst()) }
                guard let value, let scalar = Unicode.Scalar(value), value != 0 else {
                    throw Failure(offset: k, reason: "unknown reference &\(name);")
                }
                out.append(contentsOf: String(Character(scalar)).utf16)
            }
            k = semi + 1
        }
        return out
    }

    /// The attribute value as a String (references decoded; a bad one gives nil).
    func string(_ attribute: Attribute) -> String? {
        (try? decode(attribute.value)).map { String(decoding: $0, as: UTF16.self) }
    }

    /// A part as UTF-8: Office writes UTF-8, but a part with a UTF-16 byte-order mark is converted.
    static func utf8(fromPart bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2 else { return bytes }
        let little = bytes[0] == 0xFF && bytes[1] == 0xFE, big = bytes[0] == 0xFE && bytes[1] == 0xFF
        guard little || big else { return bytes }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var k = 2
        while k + 1 < bytes.count {
            units.append(little ? UInt16(bytes[k]) | UInt16(bytes[k + 1]) << 8 : UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1]))
            k += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
