import ClauseRules
import ClauseText

/// A check built into the tool rather than written in the rule pack: the checks for drafts of model
/// texts and the linter's checks of its own suppressions. They fall under no item of Art. 21, so they
/// carry a group (`draft`, `lint`) instead of a category, and no legal basis.
public struct BuiltinCheck: Sendable, Hashable, CustomStringConvertible {
    public enum Group: String, Sendable, CaseIterable { case draft, lint }

    public let id: String
    public let group: Group
    public let severity: Severity
    /// A short name, like a rule's title.
    public let title: String
    /// What the check looks for.
    public let summary: String
    /// What to do about it.
    public let help: String

    public var description: String { id }
    public static func == (a: BuiltinCheck, b: BuiltinCheck) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public static let numberingGap = BuiltinCheck(
        id: "draft.numbering-gap", group: .draft, severity: .warning, title: "章、条或附件编号不连续",
        summary: "章、条、附件的编号应当从一开始逐一连续，不跳号、不倒序。",
        help: "补上缺少的编号，或者把后面的编号依次前移；同时检查引用这些编号的条文。")
    public static let duplicateNumber = BuiltinCheck(
        id: "draft.duplicate-number", group: .draft, severity: .error, title: "章、条或附件编号重复",
        summary: "同一编号出现了两次，引用它的条文将无法确定所指。",
        help: "重新编号，使每一章、每一条、每一附件的编号唯一。")
    public static let danglingReference = BuiltinCheck(
        id: "draft.dangling-reference", group: .draft, severity: .error, title: "引用了不存在的章、条、款或附件",
        summary: "条文引用的章、条、款或附件在本文本中找不到。",
        help: "改正引用的编号，或者补上被引用的章、条、款、附件。")
    public static let choiceBox = BuiltinCheck(
        id: "draft.choice-box", group: .draft, severity: .warning, title: "选择框勾选不一致",
        summary: "填写后的合同中一组选项应当恰好勾选一项（注明可多选的除外）；示范文本本身不应预先勾选。",
        help: "在每组选项中勾选且只勾选一项；示范文本应将选项全部留空（□）。")
    public static let emptyBlank = BuiltinCheck(
        id: "draft.empty-blank", group: .draft, severity: .warning, title: "空白处未填写",
        summary: "填写或签署的合同中仍有空白（____、＿＿、【  】）未填写。",
        help: "填写空白处；确实不适用的，填写“无”或“/”。")
    public static let unusedSuppression = BuiltinCheck(
        id: "lint.unused-suppression", group: .lint, severity: .warning, title: "多余的压制注释",
        summary: "clause-audit-disable 注释没有压制任何问题：条文已经改好，或者规则编号写错了位置。",
        help: "删除这条注释，免得日后真有问题时被它掩盖。")
    public static let unknownSuppression = BuiltinCheck(
        id: "lint.unknown-suppression", group: .lint, severity: .error, title: "压制注释中的规则或类别不存在",
        summary: "压制注释指名的规则、类别或指令不存在。",
        help: "写规则编号（clause-audit rules list）、类别 C1 至 C6、draft 或 draft.* 检查的编号。")

    public static let all: [BuiltinCheck] = [
        numberingGap, duplicateNumber, danglingReference, choiceBox, emptyBlank, unusedSuppression, unknownSuppression,
    ]

    public static func named(_ id: String) -> BuiltinCheck? { all.first { $0.id == id } }
}

/// What a built-in check found, placed in the user's own text like a finding.
public struct Diagnostic: Sendable {
    public var check: BuiltinCheck
    public var severity: Severity
    public var span: SourceSpan
    /// UTF-16 range in the source (what suppressions compare).
    public var sourceRange: Range<Int>
    /// Exactly the user's text at `span`.
    public var text: String
    public var message: String

    public init(_ check: BuiltinCheck, severity: Severity? = nil, in source: SourceText, range: Range<Int>, message: String) {
        self.check = check
        self.severity = severity ?? check.severity
        span = SourceSpan(source, utf16: range)
        sourceRange = range
        text = source.slice(range)
        self.message = message
    }
}

/// One problem a lint report lists: a rule's finding, or a built-in check's diagnostic. Both print
/// the same way; only findings have a category and a legal basis.
public struct LintProblem: Sendable {
    public enum Origin: Sendable {
        case finding(Finding)
        case diagnostic(Diagnostic)
    }

    public var origin: Origin
    /// Stable across unrelated edits: see `Fingerprint`.
    public var fingerprint = ""
    /// The baseline holds this problem: it is shown only on request and never gates.
    public var baselined = false

    public init(_ finding: Finding) { origin = .finding(finding) }
    public init(_ diagnostic: Diagnostic) { origin = .diagnostic(diagnostic) }

    public var ruleId: String {
        switch origin {
        case let .finding(f): f.rule.id
        case let .diagnostic(d): d.check.id
        }
    }

    public var severity: Severity {
        get {
            switch origin {
            case let .finding(f): f.severity
            case let .diagnostic(d): d.severity
            }
        }
        set {
            switch origin {
            case var .finding(f): f.severity = newValue; origin = .finding(f)
            case var .diagnostic(d): d.severity = newValue; origin = .diagnostic(d)
            }
        }
    }

    public var span: SourceSpan {
        switch origin {
        case let .finding(f): f.span
        case let .diagnostic(d): d.span
        }
    }

    public var sourceRange: Range<Int> {
        switch origin {
        case let .finding(f): f.sourceRange
        case let .diagnostic(d): d.sourceRange
        }
    }

    public var text: String {
        switch origin {
        case let .finding(f): f.text
        case let .diagnostic(d): d.text
        }
    }

    public var message: String {
        switch origin {
        case let .finding(f): f.message
        case let .diagnostic(d): d.message
        }
    }

    /// The Art. 21 category; nil for built-in checks.
    public var category: Category? {
        if case let .finding(f) = origin { return f.category }
        return nil
    }

    /// The category code, or the built-in check's group: what configuration and suppressions name.
    public var group: String {
        switch origin {
        case let .finding(f): f.category.rawValue
        case let .diagnostic(d): d.check.group.rawValue
        }
    }

    public var legalBasis: [String] {
        if case let .finding(f) = origin { return f.rule.legalBasis }
        return []
    }

    public var title: String {
        switch origin {
        case let .finding(f): f.rule.title
        case let .diagnostic(d): d.check.title
        }
    }

    /// What the rule or check is about in general (the message without this finding's figures).
    public var summary: String {
        switch origin {
        case let .finding(f): f.rule.message
        case let .diagnostic(d): d.check.summary
        }
    }

    /// The fair rewrite or what to do.
    public var help: String {
        switch origin {
        case let .finding(f): f.rule.suggestion
        case let .diagnostic(d): d.check.help
        }
    }

    /// The severity the rule or check has before configuration changes it.
    public var defaultSeverity: Severity {
        switch origin {
        case let .finding(f): f.rule.severity
        case let .diagnostic(d): d.check.severity
        }
    }
}
