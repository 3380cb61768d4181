/// The text of a document as the user gave it, decoded: what every reported position refers to.
///
/// The road works in UTF-16 offsets; the outside contract speaks in code points (Unicode scalars) and
/// 1-based lines and columns. This type converts between them.
public struct SourceText: Sendable {
    public let units: [UInt16]
    /// UTF-16 offsets where each line starts (the first is 0). A line ends at \n, \r\n or a lone \r.
    public let lineStarts: [Int]
    /// UTF-16 offsets of the high surrogates of pairs, in order: each makes the code-point offset of
    /// what follows one less than its UTF-16 offset.
    private let pairStarts: [Int]

    public init(units: [UInt16]) {
        self.units = units
        var lines = [0]
        var pairs: [Int] = []
        var i = 0
        let n = units.count
        while i < n {
            let u = units[i]
            if u == 0x0A {
                lines.append(i + 1)
            } else if u == 0x0D {
                if i + 1 < n && units[i + 1] == 0x0A { i += 1 }
                lines.append(i + 1)
            } else if u & 0xFC00 == 0xD800, i + 1 < n, units[i + 1] & 0xFC00 == 0xDC00 {
                pairs.append(i)
                i += 1
            }
            i += 1
        }
        lineStarts = lines
        pairStarts = pairs
    }

    public init(_ string: String) { self.init(units: Array(string.utf16)) }

    public var string: String { String(decoding: units, as: UTF16.self) }

    /// Number of code points.
    public var scalarCount: Int { units.count - pairStarts.count }

    /// The code-point offset of a UTF-16 offset.
    public func scalarOffset(_ utf16: Int) -> Int {
        utf16 - Self.count(of: pairStarts, below: utf16)
    }

    /// The UTF-16 offset of a code-point offset.
    public func utf16Offset(ofScalar scalar: Int) -> Int {
        var low = scalar, high = min(units.count, scalar + pairStarts.count)
        while low < high {
            let mid = (low + high) / 2
            if scalarOffset(mid) < scalar { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The 1-based line and column (counted in code points) of a UTF-16 offset.
    public func lineAndColumn(_ utf16: Int) -> (line: Int, column: Int) {
        let line = Self.count(of: lineStarts, below: utf16 + 1)  // lines starting at or before
        let start = lineStarts[line - 1]
        return (line, scalarOffset(utf16) - scalarOffset(start) + 1)
    }

    /// The UTF-16 range of a 1-based line, without its line break.
    public func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : units.count
        while end > start && (units[end - 1] == 0x0A || units[end - 1] == 0x0D) { end -= 1 }
        return start ..< end
    }

    public func slice(_ range: Range<Int>) -> String {
        String(decoding: units[range], as: UTF16.self)
    }

    /// How many sorted values are below `limit`.
    private static func count(of sorted: [Int], below limit: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < limit { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
