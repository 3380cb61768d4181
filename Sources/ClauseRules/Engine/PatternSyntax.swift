/// The shape of a compiled pattern, read back from its PCRE2 source (UTF and UCP mode, no extended
/// syntax), for two purposes: the literal prefilter (`RequiredLiterals`) and the ripgrep export
/// (`RipgrepDialect`). It understands the subset the rule pack uses; anything else becomes `.opaque`,
/// and a construct that changes what a match is (`\K`, `\G`, case folding, back references, verbs,
/// recursion, conditionals) makes the whole pattern opaque: such a pattern simply always runs.
indirect enum PatternNode: Hashable {
    /// Matches without consuming: `^`, `$`, `\b`, `\A`, `\z`, a comment.
    case empty(String)
    /// One character, exactly.
    case char(Unicode.Scalar)
    /// Characters in a row, exactly (a run of `.char`s, kept together: most of a Chinese pattern).
    case literal([Unicode.Scalar])
    /// One character of a class (`[...]`, `.`, `\d`, `\p{Han}`, ...), as written.
    case oneOf(CharClass)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case group(PatternNode, Group)
    case lookaround(PatternNode, Lookaround)
    /// `min...max` repetitions (`max` nil: unbounded); lazy and possessive forms keep their suffix.
    case repeated(PatternNode, min: Int, max: Int?, suffix: String)
    /// Not understood: no literals, any length.
    case opaque

    enum Group: Hashable { case capturing, nonCapturing, named(String), atomic }
    enum Lookaround: String, Hashable { case ahead = "?=", notAhead = "?!", behind = "?<=", notBehind = "?<!" }
}

/// A character class as written, kept both as the set of characters it lists (when it lists them
/// plainly) and as items for printing it in another dialect.
struct CharClass: Hashable {
    enum Item: Hashable {
        case scalar(Unicode.Scalar)
        case range(Unicode.Scalar, Unicode.Scalar)
        /// `\d`, `\s`, `\w`, `\p{Han}`, ... and their negations, as written (without the backslash).
        case escape(String)
    }
    var negated = false
    var items: [Item] = []
    /// `.`: any character but a line break.
    var isDot = false

    /// The characters the class matches when it is a short positive list of them; nil otherwise.
    var listedScalars: [Unicode.Scalar]? {
        guard !negated, !isDot else { return nil }
        var out: [Unicode.Scalar] = []
        for item in items {
            switch item {
            case let .scalar(s): out.append(s)
            case let .range(a, b):
                guard b.value - a.value < 16 else { return nil }
                for v in a.value ... b.value { if let s = Unicode.Scalar(v) { out.append(s) } }
            case .escape: return nil
            }
            if out.count > 16 { return nil }
        }
        return out
    }
}

/// A recursive-descent reader for the PCRE2 subset above. Never throws: what it cannot read becomes
/// `.opaque`. The source was already accepted by PCRE2, so only the shape is read here, not errors.
struct PatternSyntax {
    private let scalars: [Unicode.Scalar]
    private var i = 0
    /// Set when the pattern uses a construct that makes literal reasoning unsafe.
    private(set) var unsafe = false

    /// The tree of `source`, or `.opaque` when the pattern as a whole cannot be reasoned about.
    static func parse(_ source: String) -> PatternNode {
        var reader = PatternSyntax(scalars: Array(source.unicodeScalars))
        let node = reader.alternation()
        if reader.unsafe || reader.i < reader.scalars.count { return .opaque }
        return node
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var atEnd: Bool { i >= scalars.count }
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        i + offset < scalars.count ? scalars[i + offset] : nil
    }
    private func lookingAt(_ text: String) -> Bool {
        var k = i
        for s in text.unicodeScalars {
            guard k < scalars.count, scalars[k] == s else { return false }
            k += 1
        }
        return true
    }

    private mutating func alternation() -> PatternNode {
        var branches = [sequence()]
        while peek() == "|" {
            i += 1
            branches.append(sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() -> PatternNode {
        var items: [PatternNode] = []
        var run: [Unicode.Scalar] = []
        func flush() {
            if run.count == 1 { items.append(.char(run[0])) } else if run.count > 1 { items.append(.literal(run)) }
            run.removeAll()
        }
        while let c = peek(), c != "|", c != ")" {
            guard let atom = atom() else { continue }
            let item = quantified(atom)
            if unsafe { return .opaque }
            if case let .char(c) = item {
                run.append(c)
            } else {
                flush()
                items.append(item)
            }
        }
        flush()
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// One atom, or nil for something that matches nothing at all (an option setting like `(?s)`).
    private mutating func atom() -> PatternNode? {
        let c = scalars[i]
        i += 1
        switch c {
        case "^", "$": return .empty(String(c))
        case ".": return .oneOf(CharClass(isDot: true))
        case "[": return characterClass()
        case "(": return group()
        case "\\": return escape()
        case "*", "+", "?":
            unsafe = true  // a quantifier with nothing before it: not valid PCRE2 in this mode
            return .opaque
        default: return .char(c)
        }
    }

    private mutating func quantified(_ atom: PatternNode) -> PatternNode {
        var node = atom
        while let c = peek() {
            var bounds: (Int, Int?)?
            switch c {
            case "*": bounds = (0, nil); i += 1
            case "+": bounds = (1, nil); i += 1
            case "?": bounds = (0, 1); i += 1
            case "{":
                guard let b = braces() else { return node }
                bounds = b
            default: return node
            }
            guard let (min, max) = bounds else { return node }
            var suffix = ""
            if let s = peek(), s == "?" || s == "+" {
                suffix = String(s)
                i += 1
            }
            if case .empty = node { continue }  // a repeated assertion is still an assertion
            node = .repeated(node, min: min, max: max, suffix: suffix)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`; in PCRE2 10.42 any other `{` is a literal, so nil leaves it for `atom`.
    private mutating func braces() -> (Int, Int?)? {
        var k = i + 1
        // PCRE2 refuses counts over 65535 in a quantifier, so a longer number is no quantifier here
        // (and must not overflow: found by fuzzing).
        func number() -> Int? {
            var value = 0, digits = 0
            while k < scalars.count, let d = Int(String(scalars[k])), scalars[k].isASCII {
                if value <= 65535 { value = value * 10 + d }
                digits += 1
                k += 1
            }
            return digits > 0 && value <= 65535 ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if k < scalars.count, scalars[k] == "," {
            k += 1
            high = number()
        }
        guard k < scalars.count, scalars[k] == "}" else { return nil }
        i = k + 1
        return (low, high)
    }

    private mutating func group() -> PatternNode? {
        guard peek() == "?" || peek() == "*" else { return closeGroup(alternation(), .capturing) }
        if peek() == "*" {  // (*VERB)
            unsafe = true
            return .opaque
        }
        i += 1  // past "?"
        for kind in [PatternNode.Lookaround.behind, .notBehind, .ahead, .notAhead] where lookingAt(String(kind.rawValue.dropFirst())) {
            i += kind.rawValue.count - 1
            let body = alternation()
            guard peek() == ")" else { unsafe = true; return .opaque }
            i += 1
            return .lookaround(body, kind)
        }
        switch peek() {
        case ":": i += 1; return closeGroup(alternation(), .nonCapturing)
        case ">": i += 1; return closeGroup(alternation(), .atomic)
        case "|": i += 1; return closeGroup(alternation(), .nonCapturing)  // branch reset
        case "#":
            while let c = peek(), c != ")" { i += 1 }
            i += 1
            return .empty("")
        case "<", "'", "P":
            if peek() == "P" {
                guard peek(1) == "<" else { unsafe = true; return .opaque }  // (?P=name), (?P>name)
                i += 1
            }
            let close: Unicode.Scalar = peek() == "<" ? ">" : "'"
            i += 1
            var name = ""
            while let c = peek(), c != close {
                name.unicodeScalars.append(c)
                i += 1
            }
            i += 1
            return closeGroup(alternation(), .named(name))
        default:
            return optionSetting()
        }
    }

    /// `(?flags)` or `(?flags:...)`. Case folding or extended syntax changes what a literal means.
    private mutating func optionSetting() -> PatternNode? {
        var flags = ""
        while let c = peek(), c != ")", c != ":" {
            flags.unicodeScalars.append(c)
            i += 1
        }
        let harmless = Set("smnUJ-^")
        guard !flags.isEmpty, flags.allSatisfy(harmless.contains) else {
            unsafe = true  // (?i), (?x), (?R), (?1), (?&name), (?(cond), (?C) ...
            return .opaque
        }
        if peek() == ")" {
            i += 1
            return nil
        }
        i += 1
        return closeGroup(alternation(), .nonCapturing)
    }

    private mutating func closeGroup(_ body: PatternNode, _ kind: PatternNode.Group) -> PatternNode {
        guard peek() == ")" else { unsafe = true; return .opaque }
        i += 1
        return .group(body, kind)
    }

    /// After a backslash, outside a class.
    private mutating func escape() -> PatternNode {
        guard let c = peek() else { unsafe = true; return .opaque }
        i += 1
        switch c {
        case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V", "N":
            return .oneOf(CharClass(items: [.escape(String(c))]))
        case "p", "P":
            return .oneOf(CharClass(items: [.escape(String(c) + property())]))
        case "b", "B", "A", "z", "Z": return .empty("\\" + String(c))
        case "Q":
            var chars: [PatternNode] = []
            while !atEnd, !lookingAt("\\E") {
                chars.append(.char(scalars[i]))
                i += 1
            }
            if lookingAt("\\E") { i += 2 }
            return .group(.sequence(chars), .nonCapturing)
        case "E": return .empty("")
        case "R", "X", "C":
            return .opaque  // a line break pair, a grapheme cluster, one code unit: length unknown here
        default:
            if let literal = literalEscape(c) { return .char(literal) }
            unsafe = true  // \K, \G, back references, \g, \k, \c, octal ...
            return .opaque
        }
    }

    /// `{Han}` or a single letter after `\p`.
    private mutating func property() -> String {
        if peek() == "{" {
            var text = ""
            while let c = peek() {
                text.unicodeScalars.append(c)
                i += 1
                if c == "}" { break }
            }
            return text
        }
        guard let c = peek() else { return "" }
        i += 1
        return String(c)
    }

    /// The character an escape stands for, when it stands for one: `\n`, `\x{4E00}`, `\.` ...
    private mutating func literalEscape(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "a": return "\u{07}"
        case "x":
            var hex = ""
            if peek() == "{" {
                i += 1
                while let d = peek(), d != "}" { hex.unicodeScalars.append(d); i += 1 }
                i += 1
            } else {
                while hex.count < 2, let d = peek(), d.properties.isASCIIHexDigit { hex.unicodeScalars.append(d); i += 1 }
            }
            return UInt32(hex.isEmpty ? "0" : hex, radix: 16).flatMap(Unicode.Scalar.init)
        default:
            // Any non-alphanumeric character escaped stands for itself.
            let alphanumeric = c.isASCII && (c.properties.isAlphabetic || ("0" ... "9").contains(c))
            return alphanumeric ? nil : c
        }
    }

    private mutating func characterClass() -> PatternNode {
        var set = CharClass()
        if peek() == "^" {
            set.negated = true
            i += 1
        }
        var first = true
        while let c = peek(), c != "]" || first {
            first = false
            i += 1
            var item: CharClass.Item
            if c == "[" && peek() == ":" {  // [:alpha:]
                var name = "[:"
                i += 1
                while let d = peek(), d != "]" { name.unicodeScalars.append(d); i += 1 }
                i += 1
                item = .escape(name + "]")
            } else if c == "\\" {
                guard let e = peek() else { unsafe = true; return .opaque }
                i += 1
                switch e {
                case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V": item = .escape(String(e))
                case "p", "P": item = .escape(String(e) + property())
                case "b": item = .scalar("\u{08}")
                case "Q", "E", "N", "R", "X":
                    unsafe = true
                    return .opaque
                default:
                    guard let s = literalEscape(e) else { unsafe = true; return .opaque }
                    item = .scalar(s)
                }
            } else {
                item = .scalar(c)
            }
            // A range a-z (a '-' before ']' is a literal).
            if case let .scalar(low) = item, peek() == "-", let next = peek(1), next != "]" {
                i += 1
                var high = scalars[i]
                i += 1
                if high == "\\" {
                    guard let e = peek() else { unsafe = true; return .opaque }
                    i += 1
                    guard let s = literalEscape(e) else { unsafe = true; return .opaque }
                    high = s
                }
                item = .range(low, high)
            }
            set.items.append(item)
        }
        guard peek() == "]" else { unsafe = true; return .opaque }
        i += 1
        return .oneOf(set)
    }
}
