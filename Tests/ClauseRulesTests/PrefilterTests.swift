import ClauseTestSupport
import Testing
@testable import ClauseRules
import ClauseText
import Foundation

/// The pieces of the literal prefilter: reading a pattern's shape, its required literals, the
/// one-pass literal scan, and the windowed search that must equal a whole-text search.
@Suite struct PrefilterTests {
    func units(_ s: String) -> [UInt16] { Array(s.utf16) }
    func literals(_ pattern: String) -> [String]? {
        RequiredLiterals(pattern: pattern).literals?.map { String(decoding: $0, as: UTF16.self) }
    }
    func before(_ pattern: String) -> Int? { RequiredLiterals(pattern: pattern).maxBefore }

    @Test func aPlainLiteralIsItsOwnRequirement() {
        #expect(literals("最终解释权") == ["最终解释权"])
        #expect(before("最终解释权") == 0)
    }

    @Test func alternativesAreAllRequiredAndProductsAreExpanded() {
        #expect(literals("(?:本店|本公司)保留") == ["本公司保留", "本店保留"])
        #expect(literals("不(?:承担|负)责任") == ["不承担责任", "不负责任"])
        #expect(literals("退(?:款|费)?") == ["退"])
    }

    @Test func theLongestShortestLiteralWinsThenTheFewest() {
        // Both candidates are two units long; 有权 is one literal against two, and nearer the start.
        #expect(literals("有权[^。]{0,8}(?:修改|变更)") == ["有权"])
        #expect(before("有权[^。]{0,8}(?:修改|变更)") == 0)
        // A one-character literal loses to a longer one further into the match.
        #expect(literals("不[^。]{0,8}(?:修改|变更)") == ["修改", "变更"])
        #expect(before("不[^。]{0,8}(?:修改|变更)") == 1 + 2 * 8)
    }

    @Test func lookAroundsAndAssertionsAddNothing() {
        #expect(literals("(?<!不)概不负责") == ["概不负责"])
        #expect(before("(?<!不)概不负责") == 0)
        #expect(literals("^定金(?![换货])") == ["定金"])
        #expect(literals("A(?=B)C") == ["AC"])
    }

    @Test func aSecondSetComesFromAnotherPartOfThePattern() {
        let facts = RequiredLiterals(pattern: "有权[^。]{0,8}(?:修改|变更)")
        #expect(facts.primary == .init(literals: [units("有权")], minBefore: 0, maxBefore: 0))
        #expect(facts.secondary == .init(literals: [units("修改"), units("变更")].sorted { $0.lexicographicallyPrecedes($1) },
                                         minBefore: 2, maxBefore: 2 + 2 * 8))
        // Alternatives at the top have no second set (it would have to hold in every branch).
        #expect(RequiredLiterals(pattern: "有权修改|有权变更").secondary == nil)
    }

    @Test func windowsWithoutTheSecondSetWhereItMustBeAreDropped() {
        // A match starting at s holds the second literal at s + 2 ... s + 10.
        let kept = Prefilter.keeping([0 ... 5, 20 ... 25, 40 ... 45], holding: (minBefore: 2, maxBefore: 10), at: [9, 60])
        #expect(kept == [0 ... 5])  // 9 is within 2 ... 15; nothing is within 22 ... 35 or 42 ... 55
        #expect(Prefilter.keeping([0 ... 5], holding: (minBefore: 2, maxBefore: nil), at: [100]) == [0 ... 5])
        #expect(Prefilter.keeping([0 ... 5], holding: (minBefore: 2, maxBefore: nil), at: []) == [])
    }

    @Test func aContainedLiteralReplacesTheLongerOneAndWidensTheWindow() {
        let facts = RequiredLiterals(pattern: "(?:不退款|退款)")
        #expect(facts.literals == [units("退款")])
        #expect(facts.maxBefore == 1)  // 退款 stands one unit into 不退款
    }

    @Test func unboundedPrefixesHaveNoBound() {
        #expect(literals("\\d+元定金") == ["元定金"])
        #expect(before("\\d+元定金") == nil)
        #expect(before("定金[^。]*?\\d+元") == 0)
    }

    @Test func patternsWithoutASafeLiteralAlwaysRun() {
        #expect(literals("[^。]{2,5}") == nil)
        #expect(literals("(?i)abc") == nil)        // case folding: literals are not literal
        #expect(literals("ab\\Kcd") == nil)         // \K moves the start of the match
        #expect(literals("(a)\\1") == nil)          // back references
        #expect(literals("\\Gabc") == nil)
        #expect(literals("(*UTF)abc") == nil)
        #expect(literals("a|[^x]+") == nil)         // one branch has no literal
        #expect(literals("a|[0-2]+") == ["0", "1", "2", "a"])  // a short class lists its characters
    }

    @Test func syntaxReadsClassesEscapesAndQuantifiers() {
        #expect(PatternSyntax.parse("[,\\(]") == .oneOf(CharClass(items: [.scalar(","), .scalar("(")])))
        #expect(PatternSyntax.parse("a{2,3}?") == .repeated(.char("a"), min: 2, max: 3, suffix: "?"))
        #expect(PatternSyntax.parse("a{,3}") == .literal(["a", "{", ",", "3", "}"]))  // not a quantifier in 10.42
        #expect(PatternSyntax.parse("\\x{4E00}\\.") == .literal(["一", "."]))
        #expect(PatternSyntax.parse("退款+") == .sequence([.char("退"), .repeated(.char("款"), min: 1, max: nil, suffix: "")]))
        #expect(PatternSyntax.parse("(?<hit>x)") == .group(.char("x"), .named("hit")))
        #expect(PatternSyntax.parse("a)") == .opaque)
    }

    @Test func ripgrepDialectDropsLookAroundsAndNamesAndUnneededEscapes() {
        #expect(RipgrepDialect.translate("(?<hit>不退\\,)(?![换货])") == "(?:不退,)")
        #expect(RipgrepDialect.translate("[^。;\\;\\n]{0,30}?\\(一\\)") == "[^。;;\\n]{0,30}?\\(一\\)")
        #expect(RipgrepDialect.translate("(?<party>甲方|乙方)\\p{Han}{2,}") == "(?:甲方|乙方)\\p{Han}{2,}")
        #expect(RipgrepDialect.translate("a[&-]") == "a[\\&\\-]")
        #expect(RipgrepDialect.translate("(a)\\1") == nil)
    }

    @Test func scannerFindsOverlappingAndNestedLiterals() {
        let scanner = LiteralScanner(literals: [units("退款"), units("不退款"), units("款"), units("😀")])
        let text = units("概不退款😀款")
        var found: [[Int]] = []
        text.withUnsafeBufferPointer { buffer in scanner.scan(buffer) { found.append([$0, $1]) } }
        #expect(found == [[1, 1], [2, 0], [3, 2], [4, 3], [6, 2]])
    }

    @Test func windowsAreMergedInOrder() {
        #expect(Prefilter.merged([10 ... 20, 0 ... 5, 100 ... 110, 30 ... 40]) == [0 ... 40, 100 ... 110])
    }

    /// The prefilter's windowed search equals the whole-text search for random patterns over random
    /// texts drawn from a small alphabet (so that literals, near misses and overlaps are frequent).
    @Test func windowedSearchEqualsWholeTextSearchOnRandomPatterns() throws {
        var random = SeededRandom(seed: UInt64(ProcessInfo.processInfo.environment["PREFILTER_SEED"] ?? "") ?? 0x5EED_CAFE)
        let rounds = Int(ProcessInfo.processInfo.environment["PREFILTER_ROUNDS"] ?? "") ?? 400
        let atoms = ["甲", "乙", "不", "退", "款", "。", "a", "甲乙", "退款", "[甲乙]", "[^。]", ".", "\\d",
                     "(?:不|退款)", "(?:甲乙|款)", "(?<!不)", "(?=款)", "(?!甲)", "[^。]{0,3}"]
        let quantifiers = ["", "", "", "?", "{0,3}", "{1,2}", "*", "+", "??", "{0,4}?"]
        let letters = Array("甲乙不退款。a1 ")
        var checked = 0
        for _ in 0 ..< rounds {
            var source = ""
            for _ in 0 ..< random.next(1 ... 6) {
                if random.next(0 ... 5) == 0 {
                    source += "(?:" + atoms[random.next(0 ... atoms.count - 1)] + "|" + atoms[random.next(0 ... atoms.count - 1)] + ")"
                } else {
                    source += atoms[random.next(0 ... atoms.count - 1)]
                }
                source += quantifiers[random.next(0 ... quantifiers.count - 1)]
            }
            guard let pattern = try? Pattern(source) else { continue }  // e.g. it can match empty text
            let prefilter = Prefilter(patterns: [pattern])
            for _ in 0 ..< 5 {
                let text = Array(String((0 ..< random.next(0 ... 60)).map { _ in letters[random.next(0 ... letters.count - 1)] }).utf16)
                let scratch = MatchScratch()
                try text.withUnsafeBufferPointer { buffer in
                    // A random pattern may backtrack past the match limit: nothing to compare then.
                    guard let whole = try? pattern.allMatches(in: buffer, from: 0, to: buffer.count, scratch: scratch) else { return }
                    let windowed: [Pattern.Match]
                    switch prefilter.plan(for: buffer).starts(rule: 0, pattern: 0) {
                    case .everywhere: windowed = whole
                    case let .within(windows): windowed = try pattern.allMatches(in: buffer, startingWithin: windows, scratch: scratch)
                    }
                    #expect(whole == windowed, "pattern \(source) on \(String(decoding: text, as: UTF16.self))")
                    checked += whole.count
                }
            }
        }
        #expect(checked > 200)  // the random patterns do match: the comparison is not vacuous
    }
}
