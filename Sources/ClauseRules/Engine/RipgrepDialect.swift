/// Prints a pattern in the syntax of ripgrep's default engine (Rust's `regex`), so that
/// `rg -c -f` can be raced with the very patterns the engine runs. Rust's engine has no look-arounds
/// and no duplicate group names, and refuses escapes of characters that are not special; so:
/// look-arounds are dropped (rg then matches a superset, never less), named groups become plain
/// groups, and only Rust's special characters are escaped. A pattern this reader cannot take apart
/// gives nil.
enum RipgrepDialect {
    static func translate(_ pcre2: String) -> String? {
        let node = PatternSyntax.parse(pcre2)
        if node == .opaque { return nil }
        var out = ""
        return print(node, into: &out) ? out : nil
    }

    /// Characters Rust's regex parser treats as special (and so the only ones it lets be escaped).
    private static let special = Set("\\.+*?()|[]{}^$#&-~".unicodeScalars)

    private static func print(_ node: PatternNode, into out: inout String) -> Bool {
        switch node {
        case let .empty(assertion):
            out += assertion == "\\Z" ? "\\z" : assertion
        case let .char(c):
            out += literal(c)
        case let .literal(run):
            for c in run { out += literal(c) }
        case let .oneOf(set):
            guard let text = characterClass(set) else { return false }
            out += text
        case let .sequence(items):
            for item in items where !print(item, into: &out) { return false }
        case let .alternation(branches):
            for (index, branch) in branches.enumerated() {
                if index > 0 { out += "|" }
                if !print(branch, into: &out) { return false }
            }
        case let .group(body, kind):
            out += kind == .capturing ? "(" : "(?:"
            if !print(body, into: &out) { return false }
            out += ")"
        case .lookaround:
            break  // dropped: rg matches a superset
        case let .repeated(body, min, max, suffix):
            if !print(body, into: &out) { return false }
            switch (min, max) {
            case (0, nil): out += "*"
            case (1, nil): out += "+"
            case (0, 1?): out += "?"
            case let (m, nil): out += "{\(m),}"
            case let (m, n?) where m == n: out += "{\(m)}"
            case let (m, n?): out += "{\(m),\(n)}"
            }
            if suffix == "?" { out += "?" }  // lazy; possessive has no Rust form and is dropped
        case .opaque:
            return false
        }
        return true
    }

    private static func literal(_ c: Unicode.Scalar) -> String {
        switch c {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        default:
            if c.value < 0x20 || c.value == 0x7F { return "\\x{\(String(c.value, radix: 16))}" }
            return special.contains(c) ? "\\" + String(c) : String(c)
        }
    }

    private static func characterClass(_ set: CharClass) -> String? {
        if set.isDot { return "." }
        if !set.negated, set.items.count == 1, case let .escape(name) = set.items[0] {
            return escapeClass(name)
        }
        var out = set.negated ? "[^" : "["
        for item in set.items {
            switch item {
            case let .scalar(c): out += classMember(c)
            case let .range(a, b): out += classMember(a) + "-" + classMember(b)
            case let .escape(name):
                guard let text = escapeClass(name) else { return nil }
                out += text
            }
        }
        return out + "]"
    }

    private static func escapeClass(_ name: String) -> String? {
        if name.hasPrefix("[:") { return "[" + name + "]" }
        switch name.first {
        case "d", "D", "w", "W", "s", "S", "p", "P": return "\\" + name
        default: return nil  // \h, \v, \N ... have no Rust form
        }
    }

    private static func classMember(_ c: Unicode.Scalar) -> String {
        // Inside a Rust class, [ starts a nested class and && -- ~~ are set operations: escape them all.
        special.contains(c) ? "\\" + String(c) : literal(c)
    }
}
