/// Text with white space and layout taken out, for the tests profiles run: a contract re-wrapped or
/// re-spaced reads the same. Full-width ASCII folds to ASCII (NFKC would do the same; doing it here
/// keeps the tests independent of how far the normalizer goes), and each unit remembers where it came
/// from.
struct CompactText {
    private(set) var units: [UInt16] = []
    /// offsets[i]: the offset in the original text of units[i]; one extra entry, the end.
    private(set) var offsets: [Int] = []
    /// The units as a string, made once: the profiles' regular expressions read it.
    private(set) var string = ""

    init(_ t: [UInt16], ranges: [Range<Int>]) {
        for range in ranges {
            for i in range where !Heading.isSpace(t[i]) && !Heading.isLineBreak(t[i]) {
                units.append(Self.fold(t[i]))
                offsets.append(i)
            }
        }
        offsets.append(ranges.last?.upperBound ?? 0)
        string = String(decoding: units, as: UTF16.self)
    }

    init(_ t: [UInt16], range: Range<Int>) { self.init(t, ranges: [range]) }

    init(_ string: String) {
        let t = Array(string.utf16)
        self.init(t, range: 0 ..< t.count)
    }

    /// The original range a compact range came from.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let p = offsets[min(range.lowerBound, offsets.count - 1)]
            return p ..< p
        }
        return offsets[range.lowerBound] ..< offsets[range.upperBound - 1] + 1
    }

    /// Full-width ASCII to ASCII; dashes that codes are written with to '-'.
    static func fold(_ u: UInt16) -> UInt16 {
        switch u {
        case 0xFF01 ... 0xFF5E: u - 0xFEE0
        case 0x2014, 0x2013, 0x2012, 0x2010, 0x2011, 0x2212, 0xFE63: 0x2D
        default: u
        }
    }

    static func fold(_ s: String) -> String {
        String(decoding: s.utf16.filter { !Heading.isSpace($0) && !Heading.isLineBreak($0) }.map(fold), as: UTF16.self)
    }
}
