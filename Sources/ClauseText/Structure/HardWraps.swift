/// Lines a document was hard-wrapped into (a PDF or e-mail copy broken at a fixed width: "只要您仍然使⏎用本服务"),
/// joined again so that sentences, and the rules reading them, run on across the break.
///
/// A wrap is one line break (with any spaces around it) after a Han character, a comma or an opening
/// bracket, and before a Han character, a Latin letter or punctuation that cannot start a sentence. A line that ends a sentence
/// (。；：！？) never wraps. The line after must not start a clause heading, nor the line before be a
/// clause's title (a short heading line), and a blank line is never a wrap. Only a document that shows many wraps is taken to be hard-wrapped: in others, a line
/// ending in a Han character is a title or a list item without punctuation.
///
/// Each joined break is a deleted block of the map, so every offset maps back exactly.
public enum HardWraps {
    /// A document with fewer wraps than this, or with wraps on fewer than `minimumShare` of its line
    /// breaks, is left as it is.
    static let minimumCount = 12
    static let minimumShare = 0.2

    /// The matching text with its hard wraps joined, mapping back through the join to the input.
    public static func joined(_ text: NormalizedText) -> NormalizedText {
        guard let (units, map) = joined(text.units) else { return text }
        var chain = text.toInput
        chain.append(map)
        return NormalizedText(units: units, toInput: chain)
    }

    /// The text with its hard wraps joined, and the map from the given text to it; nil when the text
    /// does not look hard-wrapped.
    public static func joined(_ units: [UInt16]) -> (units: [UInt16], map: OffsetMap)? {
        let wraps = find(in: units)
        guard wraps.count >= minimumCount,
              Double(wraps.count) >= minimumShare * Double(lineBreakCount(units)) else { return nil }
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var map = OffsetMap()
        var copyStart = 0
        for wrap in wraps {
            out += units[copyStart ..< wrap.lowerBound]
            map.copy(wrap.lowerBound - copyStart)
            map.replace(wrap.count, with: 0)
            copyStart = wrap.upperBound
        }
        out += units[copyStart...]
        map.copy(units.count - copyStart)
        return (out, map)
    }

    /// The candidate wraps: each range is the line break with the spaces around it.
    static func find(in units: [UInt16]) -> [Range<Int>] {
        var wraps: [Range<Int>] = []
        let n = units.count
        var i = 0
        while i < n {
            guard units[i] == 0x0A || units[i] == 0x0D else { i += 1; continue }
            var start = i
            while start > 0 && isSpace(units[start - 1]) { start -= 1 }
            var end = i + (units[i] == 0x0D && i + 1 < n && units[i + 1] == 0x0A ? 2 : 1)
            let breakEnd = end
            while end < n && isSpace(units[end]) { end += 1 }
            defer { i = breakEnd }
            guard start > 0, end < n, joinsAfter(units[start - 1]), joinsBefore(units[end]),
                  !startsHeading(units, lineAt: end), !isTitle(units, lineStart(units, before: start) ..< start) else { continue }
            wraps.append(start ..< end)
        }
        return wraps
    }

    private static func lineBreakCount(_ units: [UInt16]) -> Int {
        var count = 0
        for (k, u) in units.enumerated() where u == 0x0A || (u == 0x0D && (k + 1 == units.count || units[k + 1] != 0x0A)) {
            count += 1
        }
        return count
    }

    private static func lineStart(_ units: [UInt16], before p: Int) -> Int {
        var s = p
        while s > 0 && !ClauseHeadings.isLineBreak(units[s - 1]) { s -= 1 }
        return s
    }

    /// A heading line short enough to be a clause's title ("第二条 协议修订"), not the first line of its text.
    private static func isTitle(_ units: [UInt16], _ line: Range<Int>) -> Bool {
        line.count <= titleLength && startsHeading(units, lineAt: line.lowerBound)
    }

    static let titleLength = 24

    private static func startsHeading(_ units: [UInt16], lineAt start: Int) -> Bool {
        var end = start
        while end < units.count && !ClauseHeadings.isLineBreak(units[end]) { end += 1 }
        return ClauseHeadings.heading(units, from: ClauseHeadings.skipPrefix(units, start, end), to: end) != nil
    }

    private static func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x3000 || u == 0xA0 }

    /// Han as the normalizer's table says (ICU's script property), not a hand-kept list of blocks.
    private static func isHan(_ u: UInt16) -> Bool { Normalizer.shared.classes.flags(u).contains(.han) }

    /// A line may wrap after a Han character, a comma or an enumeration comma, an opening bracket.
    private static func joinsAfter(_ u: UInt16) -> Bool {
        isHan(u) || u == 0x2C || u == 0x3001 || u == 0x28 || u == 0x300A
    }

    /// A wrapped line goes on with a Han character, a Latin letter (a name: "第三方⏎DApp"), or punctuation that
    /// never starts a sentence.
    private static func joinsBefore(_ u: UInt16) -> Bool {
        isHan(u) || (0x41 ... 0x5A).contains(u) || (0x61 ... 0x7A).contains(u)
            || u == 0x2C || u == 0x3001 || u == 0x3002 || u == 0x29 || u == 0x300B || u == 0x3B || u == 0x3A
    }
}
