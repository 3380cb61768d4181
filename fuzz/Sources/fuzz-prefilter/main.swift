// The literal prefilter against the whole-text search: the input is a pattern, a NUL byte, and a
// text. When PCRE2 compiles the pattern, the prefilter's windows must give exactly the matches a
// search of the whole text gives.
@testable import ClauseRules
import FuzzSupport

let scratch = MatchScratch()

fuzz { bytes in
    guard let nul = bytes.firstIndex(of: 0) else { return }
    let source = String(decoding: bytes[..<nul], as: UTF8.self)
    let text = units(of: Array(bytes[(nul + 1)...]))
    guard let pattern = try? Pattern(source) else { return }
    let prefilter = Prefilter(patterns: [pattern])
    let valid = RuleEngine.validUTF16(text)
    valid.withUnsafeBufferPointer { buffer in
        guard let whole = try? pattern.allMatches(in: buffer, from: 0, to: buffer.count, scratch: scratch) else { return }
        switch prefilter.plan(for: buffer).starts(rule: 0, pattern: 0) {
        case .everywhere:
            break
        case let .within(windows):
            let windowed = try? pattern.allMatches(in: buffer, startingWithin: windows, scratch: scratch)
            precondition(windowed == whole, "pattern \(source): \(whole.count) matches, \(windowed?.count ?? -1) in the windows")
        }
    }
}
