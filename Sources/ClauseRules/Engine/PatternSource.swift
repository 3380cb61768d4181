import ClauseText

/// Turns a pattern as a rule author wrote it into the PCRE2 source the engine compiles: fragments
/// expanded, and every run of non-ASCII characters folded the way the text is folded (so `，` matches
/// what `，` became in the text) and escaped, because folded punctuation such as `（` → `(` must stay a
/// literal and never turn into regex syntax.
struct PatternSource {
    let fragments: [String: String]
    let normalizer: Normalizer

    enum Problem: Error { case unknownFragment(String), fragmentCycle(String) }

    func compileReady(_ written: String) throws(Problem) -> String {
        fold(try expand(written, depth: 0))
    }

    private func expand(_ pattern: String, depth: Int) throws(Problem) -> String {
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = String(rest[open.upperBound ..< close.lowerBound]).trimmingSpaces
            guard let body = fragments[name] else { throw .unknownFragment(name) }
            guard depth < 8 else { throw .fragmentCycle(name) }
            out += "(?:" + (try expand(body, depth: depth + 1)) + ")"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private func fold(_ pattern: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            for scalar in normalizer.normalize(run).unicodeScalars {
                if scalar.isASCII, !(scalar.properties.isAlphabetic || ("0" ... "9").contains(scalar)) {
                    out += "\\"
                }
                out.unicodeScalars.append(scalar)
            }
            run = ""
        }
        var escaped = false
        for scalar in pattern.unicodeScalars {
            if !scalar.isASCII && !escaped {
                run.unicodeScalars.append(scalar)
                continue
            }
            flush()
            out.unicodeScalars.append(scalar)
            escaped = !escaped && scalar == "\\"
        }
        flush()
        return out
    }
}
