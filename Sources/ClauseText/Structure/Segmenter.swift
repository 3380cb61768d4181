import CICUShim

/// A numbered clause of a contract: its heading's number and the text it governs.
public struct Clause: Sendable, Equatable {
    /// The numbering token as written, with its brackets but without the separator after it:
    /// "第十二条", "第一章", "一" (of "一、"), "（一）" or "(一)", "1" (of "1." or "1、"), "1.1", "(1)", "①".
    /// UTF-16 offsets in the segmented text.
    public var label: Range<Int>
    /// From the label to the start of the line of the next heading at the same or a higher level (or
    /// the end of the text), with trailing white space left out.
    public var range: Range<Int>
    /// 1 = outermost. The depth of the clause in the document's heading tree.
    public var level: Int

    public init(label: Range<Int>, range: Range<Int>, level: Int) {
        self.label = label
        self.range = range
        self.level = level
    }
}

/// Sentences and clauses of a (normalized) text.
public enum Segmenter {
    /// Sentences by ICU's sentence break iterator (locale zh): breaks after 。！？!? (and at line ends),
    /// not at ；; or ，,. Each range is one of ICU's segments with white space trimmed from both ends;
    /// segments that are only white space are left out.
    public static func sentences(in units: [UInt16]) -> [Range<Int>] {
        guard !units.isEmpty else { return [] }
        guard units.count < Int(Int32.max) else { return trimmed([0 ..< units.count], units) }
        var boundaries = [Int32](repeating: 0, count: units.count + 1)
        let count = units.withUnsafeBufferPointer { text in
            boundaries.withUnsafeMutableBufferPointer { out in
                cas_breaks(Int32(CAS_BREAK_SENTENCE), "zh", text.baseAddress, Int32(text.count),
                           out.baseAddress, Int32(out.count))
            }
        }
        // ICU could not run (it always can with its data installed): the whole text is one sentence.
        guard count >= 2, Int(count) <= boundaries.count else { return trimmed([0 ..< units.count], units) }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(Int(count) - 1)
        for k in 1 ..< Int(count) where boundaries[k] > boundaries[k - 1] {
            ranges.append(Int(boundaries[k - 1]) ..< Int(boundaries[k]))
        }
        return trimmed(ranges, units)
    }

    /// Numbered clauses: headings at the start of a line, nested by style. See `ClauseHeadings`.
    public static func clauses(in units: [UInt16]) -> [Clause] {
        ClauseHeadings.clauses(in: units)
    }

    static func isSpace(_ u: UInt16) -> Bool {
        u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0x0B || u == 0x0C || u == 0x3000 || u == 0xA0
            || u == 0x2028 || u == 0x2029 || u == 0x85 || (0x2000 ... 0x200A).contains(u)
    }

    private static func trimmed(_ ranges: [Range<Int>], _ units: [UInt16]) -> [Range<Int>] {
        ranges.compactMap { range in
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper && isSpace(units[lower]) { lower += 1 }
            while upper > lower && isSpace(units[upper - 1]) { upper -= 1 }
            return lower < upper ? lower ..< upper : nil
        }
    }
}
