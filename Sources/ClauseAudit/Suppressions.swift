import ClauseText

/// Inline suppressions: a reviewer's decision, written into the document where the next reviewer sees
/// it. Three directives, each followed by rule ids, categories (C1..C6) or `draft`, separated by
/// spaces or commas (`,` `，` `、`); none means everything. Text after ` -- ` is a reason and ignored.
///
///     clause-audit-disable C5 interpretation.final-right -- 已与法务确认
///     clause-audit-enable            (ends every open disable; `clause-audit-enable C5` ends only C5's)
///     clause-audit-disable-next-line C6
///
/// A directive is written either inside an HTML/Markdown comment (`<!-- clause-audit-disable C5 -->`,
/// anywhere in a line, in any input format), or alone on a line of its own, optionally after `#` or
/// `//` (for plain text and DOCX paragraphs). Prose that merely mentions a directive in a sentence is
/// not one. `disable` covers problems that start after the directive up to the matching `enable` or
/// the end of the document; `disable-next-line` covers problems that start on the next line.
///
/// Suppressions compare positions in the source, so they work the same for every input format.
/// A directive (or one id of it) that suppresses nothing is reported as `lint.unused-suppression`;
/// an id that names no rule, category or draft check, or an unknown directive, as
/// `lint.unknown-suppression`.
public struct Suppressions: Sendable {
    public struct Directive: Sendable, Equatable {
        public enum Kind: String, Sendable { case disable, enable, disableNextLine = "disable-next-line" }
        /// nil for a `clause-audit-…` word that is no directive.
        public var kind: Kind?
        /// The directive word, e.g. `clause-audit-disable` (UTF-16 range in the source).
        public var keyword: Range<Int>
        public var ids: [Token]
        /// The whole comment, or the line's text.
        public var range: Range<Int>
    }

    public struct Token: Sendable, Equatable {
        public var text: String
        public var range: Range<Int>
    }

    public let directives: [Directive]
    let source: SourceText

    public init(source: SourceText) {
        self.source = source
        directives = Self.parse(source)
    }

    // MARK: reading the directives

    private static let prefix = Array("clause-audit-".utf16)

    static func parse(_ source: SourceText) -> [Directive] {
        let u = source.units
        var found: [Directive] = []
        var commentLines = Set<Int>()
        // 1. <!-- … --> comments, which may sit anywhere.
        var i = 0
        while let open = find(Array("<!--".utf16), in: u, from: i) {
            guard let close = find(Array("-->".utf16), in: u, from: open + 4) else { break }
            for line in source.lineAndColumn(open).line ... source.lineAndColumn(close).line { commentLines.insert(line) }
            let body = trimmed(u, open + 4 ..< close)
            if starts(u, body, with: prefix), let directive = directive(u, body, whole: open ..< close + 3) {
                found.append(directive)
            }
            i = close + 3
        }
        // 2. A line of its own (optionally after # or //).
        for line in 1 ... source.lineStarts.count where !commentLines.contains(line) {
            var body = trimmed(u, source.lineRange(line))
            var lower = body.lowerBound
            if lower < body.upperBound, u[lower] == 0x23 {  // #
                while lower < body.upperBound, u[lower] == 0x23 { lower += 1 }
            } else if lower + 1 < body.upperBound, u[lower] == 0x2F, u[lower + 1] == 0x2F {  // //
                lower += 2
            }
            body = trimmed(u, lower ..< body.upperBound)
            if starts(u, body, with: prefix), let directive = directive(u, body, whole: body) {
                found.append(directive)
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Reads `clause-audit-<kind> ids… [-- reason]` in `body`.
    private static func directive(_ u: [UInt16], _ body: Range<Int>, whole: Range<Int>) -> Directive? {
        var end = body.lowerBound
        while end < body.upperBound, !isSpace(u[end]), u[end] != 0x3A, u[end] != 0xFF1A { end += 1 }  // : ：
        let word = String(decoding: u[body.lowerBound ..< end], as: UTF16.self)
        let kind: Directive.Kind? = switch word {
        case "clause-audit-disable": .disable
        case "clause-audit-enable": .enable
        case "clause-audit-disable-next-line": .disableNextLine
        default: nil
        }
        var ids: [Token] = []
        var k = end
        if k < body.upperBound, u[k] == 0x3A || u[k] == 0xFF1A { k += 1 }
        while k < body.upperBound {
            while k < body.upperBound, isSeparator(u[k]) { k += 1 }
            guard k < body.upperBound else { break }
            if u[k] == 0x2D, k + 1 < body.upperBound, u[k + 1] == 0x2D { break }  // -- a reason
            var e = k
            while e < body.upperBound, !isSeparator(u[e]) { e += 1 }
            ids.append(Token(text: String(decoding: u[k ..< e], as: UTF16.self), range: k ..< e))
            k = e
        }
        return Directive(kind: kind, keyword: body.lowerBound ..< end, ids: ids, range: whole)
    }

    private static func isSpace(_ c: UInt16) -> Bool { c == 0x20 || c == 0x09 || c == 0x3000 || c == 0xA0 || c == 0x0A || c == 0x0D }
    private static func isSeparator(_ c: UInt16) -> Bool { isSpace(c) || c == 0x2C || c == 0xFF0C || c == 0x3001 || c == 0x3B || c == 0xFF1B }

    private static func trimmed(_ u: [UInt16], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isSpace(u[lower]) { lower += 1 }
        while upper > lower, isSpace(u[upper - 1]) { upper -= 1 }
        return lower ..< upper
    }

    private static func starts(_ u: [UInt16], _ range: Range<Int>, with prefix: [UInt16]) -> Bool {
        range.count >= prefix.count && u[range.lowerBound ..< range.lowerBound + prefix.count].elementsEqual(prefix)
    }

    private static func find(_ needle: [UInt16], in u: [UInt16], from start: Int) -> Int? {
        guard needle.count <= u.count else { return nil }
        var i = start
        while i + needle.count <= u.count {
            if u[i] == needle[0], u[i ..< i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    // MARK: applying them

    /// One id of one directive, with where it applies.
    private struct Scope {
        var id: String?  // nil: everything
        var token: Range<Int>  // what to point at when it is unused
        var directiveText: String
        var range: Range<Int>?  // for disable … enable
        var line: Int?  // for disable-next-line
        var used = false

        func covers(_ problem: LintProblem) -> Bool {
            if let line, problem.span.line != line { return false }
            if let range, !range.contains(problem.sourceRange.lowerBound) { return false }
            guard let id else { return true }
            return id == problem.ruleId || id == problem.group
        }
    }

    public struct Outcome: Sendable {
        /// The problems no suppression covers.
        public var kept: [LintProblem]
        /// The problems suppressions removed.
        public var suppressed: [LintProblem]
        /// Unused and unknown suppressions.
        public var diagnostics: [Diagnostic]
    }

    /// Removes covered problems and reports suppressions that are unknown or did nothing. `isKnown`
    /// says whether an id names a rule, a category or a draft check. Problems of the `lint` group are
    /// never suppressed: they are about the suppressions themselves.
    public func apply(to problems: [LintProblem], isKnown: (String) -> Bool) -> Outcome {
        var diagnostics: [Diagnostic] = []
        var scopes: [Scope] = []
        var open: [Int] = []  // indices into scopes of disables not yet ended
        for directive in directives {
            let text = source.slice(directive.keyword.lowerBound ..< (directive.ids.last?.range.upperBound ?? directive.keyword.upperBound))
            guard let kind = directive.kind else {
                let word = source.slice(directive.keyword)
                diagnostics.append(Diagnostic(.unknownSuppression, in: source, range: directive.keyword,
                    message: "未知的压制指令 \(word)（unknown directive; use clause-audit-disable, clause-audit-enable or clause-audit-disable-next-line）"))
                continue
            }
            var ids: [Token] = []
            for token in directive.ids {
                if isKnown(token.text) {
                    ids.append(token)
                } else {
                    diagnostics.append(Diagnostic(.unknownSuppression, in: source, range: token.range,
                        message: "压制注释中的 \(token.text) 不是规则、类别或 draft 检查（unknown rule or category in suppression）"))
                }
            }
            // Ids were written but none is known: the directive does nothing (it must not become "all").
            if ids.isEmpty && !directive.ids.isEmpty { continue }
            let targets: [(String?, Range<Int>)] = ids.isEmpty ? [(nil, directive.keyword)] : ids.map { ($0.text, $0.range) }
            switch kind {
            case .disable:
                for (id, token) in targets {
                    open.append(scopes.count)
                    scopes.append(Scope(id: id, token: token, directiveText: text,
                                        range: directive.range.upperBound ..< source.units.count))
                }
            case .disableNextLine:
                let line = source.lineAndColumn(directive.range.upperBound).line + 1
                for (id, token) in targets {
                    scopes.append(Scope(id: id, token: token, directiveText: text, line: line))
                }
            case .enable:
                for (id, token) in targets {
                    let closing = open.filter { id == nil || scopes[$0].id == id }
                    if closing.isEmpty {
                        let what = id.map { "clause-audit-enable \($0)" } ?? "clause-audit-enable"
                        diagnostics.append(Diagnostic(.unusedSuppression, in: source, range: token,
                            message: "\(what) 前面没有相应的 clause-audit-disable（enable without a matching disable）"))
                    }
                    for index in closing {
                        scopes[index].range = scopes[index].range!.lowerBound ..< directive.range.lowerBound
                    }
                    open.removeAll { closing.contains($0) }
                }
            }
        }

        var kept: [LintProblem] = []
        var suppressed: [LintProblem] = []
        for problem in problems {
            var covered = false
            if problem.group != BuiltinCheck.Group.lint.rawValue {
                for index in scopes.indices where scopes[index].covers(problem) {
                    scopes[index].used = true
                    covered = true
                }
            }
            if covered { suppressed.append(problem) } else { kept.append(problem) }
        }
        for scope in scopes where !scope.used {
            let what = scope.id.map { "对 \($0) 的压制" } ?? "这条压制注释"
            diagnostics.append(Diagnostic(.unusedSuppression, in: source, range: scope.token,
                message: "\(what)没有压制任何问题，可以删除（unused suppression: \(scope.directiveText)）"))
        }
        diagnostics.sort { $0.sourceRange.lowerBound < $1.sourceRange.lowerBound }
        return Outcome(kept: kept, suppressed: suppressed, diagnostics: diagnostics)
    }
}
