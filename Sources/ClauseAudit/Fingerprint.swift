import Foundation

/// A problem's identity that survives unrelated edits: the rule, the text it found (normalized so
/// that re-wrapping or full-width/half-width changes do not matter) and which occurrence of that same
/// text it is in the document. Line numbers are left out on purpose: adding a clause above must not
/// turn every known problem below into a new one. Used by `--baseline` and SARIF's partialFingerprints.
public enum Fingerprint {
    /// The key under which SARIF carries it; bump the suffix if the recipe ever changes.
    public static let sarifKey = "clauseAudit/v1"

    /// NFKC, and no white space at all (a line break inside a clause is not a change of wording).
    public static func normalized(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where !scalar.properties.isWhitespace {
            out.append(scalar)
        }
        return String(out)
    }

    public static func value(ruleId: String, text: String, occurrence: Int) -> String {
        // U+001F cannot occur in a rule id or (after normalization) matter in text: a safe separator.
        SHA256.hex(Array("\(ruleId)\u{1F}\(normalized(text))\u{1F}\(occurrence)".utf8))
    }

    /// Gives each problem its fingerprint; problems must be in document order, since the occurrence
    /// index counts earlier problems of the same rule on the same normalized text.
    public static func assign(_ problems: inout [LintProblem]) {
        var seen: [String: Int] = [:]
        for i in problems.indices {
            let key = problems[i].ruleId + "\u{1F}" + normalized(problems[i].text)
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            problems[i].fingerprint = value(ruleId: problems[i].ruleId, text: problems[i].text, occurrence: occurrence)
        }
    }
}
