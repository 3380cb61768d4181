/// ICU's "Traditional-Simplified" transliterator as a longest-match table, built once from the rules
/// ICU itself prints (`utrans_toRules`), so it follows whatever ICU is installed.
///
/// ICU applies the first rule that matches at the cursor, and refuses rule sets where an earlier rule
/// would mask a later one; for plain `key > value;` rules that makes "first match" the longest match.
/// The table reproduces that: at each position the longest key wins, its value is written, and the
/// cursor moves past the key. The result is identical to `utrans_transUChars` (tested on the corpus)
/// and some forty times faster.
struct TraditionalToSimplified: Sendable {
    /// 1 → 1 unit rules, by source unit; identity where there is none.
    private let single: [UInt16]
    /// One bit per unit: set when some rule starts with it. 8 KB, so the common case (a simplified
    /// character no rule touches) costs one L1 lookup instead of two misses in the big tables.
    private let touched: [UInt64]
    /// For each unit: -1, or the index of the group of longer rules starting with it.
    private let groupOf: [Int32]
    /// A Bloom filter over (first, second) unit pairs of keys longer than one unit: 64K bits.
    private let pairFilter: [UInt64]
    /// Whether a group holds a one-unit key (a rule that changes length): then the filter cannot
    /// rule a group out from the pair alone. False for ICU's rules.
    private let hasShortKeys: Bool
    /// Group g holds rules groupStart[g] ..< groupStart[g + 1], longest key first.
    private let groupStart: [Int32]
    private let keyStart: [Int32], keyPool: [UInt16]
    private let valueStart: [Int32], valuePool: [UInt16]

    /// How many rules the table holds (for tests).
    let ruleCount: Int
    /// The most units any rule adds to its key (0 for ICU's rules, which all keep the length).
    private let maxGrowth: Int

    enum RuleError: Error, Equatable {
        /// A rule this table cannot represent (contexts, variables, sets, ...): its text.
        case unsupported(String)
    }

    init(rules text: String) throws(RuleError) {
        var singles = [UInt16](unsafeUninitializedCapacity: 0x10000) { buffer, count in
            for i in 0 ..< 0x10000 { buffer[i] = UInt16(i) }
            count = 0x10000
        }
        var longer: [UInt16: [(key: [UInt16], value: [UInt16])]] = [:]
        var count = 0, growth = 0
        for rule in try Self.parse(text) {
            count += 1
            growth = max(growth, rule.value.count - rule.key.count)
            if rule.key.count == 1 && rule.value.count == 1 {
                singles[Int(rule.key[0])] = rule.value[0]
            } else {
                longer[rule.key[0], default: []].append(rule)
            }
        }
        var groupOf = [Int32](repeating: -1, count: 0x10000)
        var groupStart: [Int32] = [0], keyStart: [Int32] = [0], valueStart: [Int32] = [0]
        var keyPool: [UInt16] = [], valuePool: [UInt16] = []
        for first in longer.keys.sorted() {
            groupOf[Int(first)] = Int32(groupStart.count - 1)
            // Longest first; among equal lengths ICU's order cannot matter (the keys differ).
            for rule in longer[first]!.sorted(by: { $0.key.count > $1.key.count }) {
                keyPool += rule.key; keyStart.append(Int32(keyPool.count))
                valuePool += rule.value; valueStart.append(Int32(valuePool.count))
            }
            groupStart.append(Int32(keyStart.count - 1))
        }
        var pairFilter = [UInt64](repeating: 0, count: 0x10000 / 64)
        var hasShortKeys = false
        for rules in longer.values {
            for rule in rules {
                if rule.key.count < 2 { hasShortKeys = true; continue }
                let bit = Self.pairHash(rule.key[0], rule.key[1])
                pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        self.pairFilter = pairFilter
        self.hasShortKeys = hasShortKeys
        var touched = [UInt64](repeating: 0, count: 0x10000 / 64)
        for u in 0 ..< 0x10000 where singles[u] != UInt16(u) || groupOf[u] >= 0 {
            touched[u >> 6] |= 1 << UInt64(u & 63)
        }
        self.touched = touched
        self.single = singles
        self.groupOf = groupOf
        self.groupStart = groupStart
        self.keyStart = keyStart; self.keyPool = keyPool
        self.valueStart = valueStart; self.valuePool = valuePool
        self.ruleCount = count
        self.maxGrowth = growth
    }

    /// Converts `input`; nil when nothing changed and no phrase matched.
    ///
    /// Every phrase match (a key longer than one character) is one replaced block, changed or not, so
    /// that a range inside 計畫 or 乾坤 maps back to the whole phrase: its conversion depends on all of
    /// it (乾 alone is 干). A changed single unit (the bulk of traditional text) is recorded as a copy:
    /// no range can cut one unit, so a block of one would map every range exactly as a copy does, and
    /// copies merge into one segment where blocks would make a map as long as the text.
    func apply(_ input: UnsafeBufferPointer<UInt16>) -> (units: [UInt16], map: StageMap)? {
        let n = input.count
        var map = StageMap()
        var changed = false
        var written = 0
        // Every rule is checked at load to grow text by at most `maxGrowth` units per match.
        let capacity = n + maxGrowth * n + 16
        let out = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
            let dst = buffer.baseAddress!
            touched.withUnsafeBufferPointer { touched in
            single.withUnsafeBufferPointer { single in
            groupOf.withUnsafeBufferPointer { groupOf in
                var i = 0, o = 0
                var copyRun = 0    // units consumed since the last block
                while i < n {
                    let u = input[i]
                    if touched[Int(u >> 6)] & (1 << UInt64(u & 63)) == 0 {
                        dst[o] = u
                        o += 1; i += 1; copyRun += 1
                        continue
                    }
                    // Most units that start a phrase (本, 不, 信...) are not followed by a second
                    // character any phrase has: the pair filter says so without a search.
                    let mayMatch = hasShortKeys || (i + 1 < n && Self.pairBit(u, input[i + 1], pairFilter))
                    let group = mayMatch ? groupOf[Int(u)] : -1
                    if group >= 0, let (rule, keyLength) = longestRule(in: Int(group), at: i, input) {
                        let vs = Int(valueStart[rule]), ve = Int(valueStart[rule + 1])
                        var same = ve - vs == keyLength
                        for k in 0 ..< (ve - vs) {
                            let v = valuePool[vs + k]
                            if same && v != input[i + k] { same = false }
                            dst[o + k] = v
                        }
                        if !same { changed = true }
                        if keyLength > 1 || ve - vs != 1 {
                            map.copy(copyRun); copyRun = 0
                            map.replace(keyLength, with: ve - vs)
                            changed = true
                        } else {
                            copyRun += 1
                        }
                        o += ve - vs
                        i += keyLength
                        continue
                    }
                    let v = single[Int(u)]
                    if v != u { changed = true }
                    dst[o] = v
                    o += 1; i += 1; copyRun += 1
                }
                map.copy(copyRun)
                written = o
            }
            }
            }
            count = written
        }
        return changed ? (out, map) : nil
    }

    @inline(__always)
    private static func pairHash(_ a: UInt16, _ b: UInt16) -> Int {
        Int(((UInt32(a) &* 0x9E37_79B1) ^ (UInt32(b) &* 0x85EB_CA77)) >> 16)
    }

    @inline(__always)
    private static func pairBit(_ a: UInt16, _ b: UInt16, _ filter: [UInt64]) -> Bool {
        let bit = pairHash(a, b)
        return filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// The longest rule of group g whose key matches input at i: (rule index, key length).
    @inline(__always)
    private func longestRule(in g: Int, at i: Int, _ input: UnsafeBufferPointer<UInt16>) -> (Int, Int)? {
        let n = input.count
        for rule in Int(groupStart[g]) ..< Int(groupStart[g + 1]) {
            let ks = Int(keyStart[rule]), ke = Int(keyStart[rule + 1])
            let length = ke - ks
            if i + length > n { continue }
            var k = 1   // the first unit matched by the group
            while k < length && keyPool[ks + k] == input[i + k] { k += 1 }
            if k == length { return (rule, length) }
        }
        return nil
    }

    // MARK: parsing ICU's rule text

    /// Splits the rule text into `key > value;` rules. Quoting ('…') and \uXXXX escapes are understood;
    /// anything with syntax (contexts, sets, variables, cursor marks, filters) is refused rather than
    /// misread.
    static func parse(_ text: String) throws(RuleError) -> [(key: [UInt16], value: [UInt16])] {
        var rules: [(key: [UInt16], value: [UInt16])] = []
        rules.reserveCapacity(4096)
        // Nearly every line of ICU's rules is a bare `丟 > 丢;`. Those are taken straight from the code
        // units (parsing them through Strings was half the normalizer's start-up); any other line goes
        // through the full reader below.
        let units = Array(text.utf16)
        var start = 0
        while start < units.count {
            var end = start
            // Lines end at \n or \r, as Characters do: a \r\n pair is one Character, neither.
            while end < units.count {
                let u = units[end]
                if u == 0x0A && !(end > start && units[end - 1] == 0x0D) { break }
                if u == 0x0D && !(end + 1 < units.count && units[end + 1] == 0x0A) { break }
                end += 1
            }
            if end > start {
                if let rule = simpleRule(units[start ..< end]) {
                    rules.append(rule)
                } else {
                    try parse(line: Substring(String(decoding: units[start ..< end], as: UTF16.self)), into: &rules)
                }
            }
            start = end + 1
        }
        return rules
    }

    /// `key > value;` (spaces around `>` or none) where both sides are characters with no meaning in
    /// rule syntax (not ASCII, not white space, not →): the rule, exactly as the full reader would read
    /// it (it skips those spaces); nil for anything else.
    static func simpleRule(_ line: ArraySlice<UInt16>) -> (key: [UInt16], value: [UInt16])? {
        guard line.count >= 4, line.last == 0x3B, let arrow = line.firstIndex(of: 0x3E) else { return nil }
        var key = line[line.startIndex ..< arrow], value = line[(arrow + 1) ..< (line.endIndex - 1)]
        while key.last == 0x20 { key = key.dropLast() }
        while value.first == 0x20 { value = value.dropFirst() }
        guard !key.isEmpty, !value.isEmpty else { return nil }
        for u in key where !plain(u) { return nil }
        for u in value where !plain(u) { return nil }
        return (Array(key), Array(value))
    }

    /// A code unit that is literal text wherever it stands in a rule: not ASCII, not white space, not →.
    @inline(__always)
    private static func plain(_ u: UInt16) -> Bool {
        switch u {
        case 0 ..< 0x80, 0x85, 0xA0, 0x1680, 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x2192, 0x3000: false
        default: true
        }
    }

    /// One line through the full reader (quotes, escapes, spaces, comments; syntax refused).
    static func parse(line rawLine: Substring, into rules: inout [(key: [UInt16], value: [UInt16])]) throws(RuleError) {
        let line = rawLine.trimmingSpaces
        if line.isEmpty || line.hasPrefix("#") { return }
        var scanner = RuleScanner(line)
        let key = try scanner.literal(until: [">", "→"])
        guard scanner.take(">") || scanner.take("→") else { throw .unsupported(line) }
        let value = try scanner.literal(until: [";"])
        guard scanner.take(";") else { throw .unsupported(line) }
        scanner.skipSpaces()
        guard scanner.atEnd || scanner.rest.hasPrefix("#"), !key.isEmpty else { throw .unsupported(line) }
        rules.append((Array(key.utf16), Array(value.utf16)))
    }

    private struct RuleScanner {
        let scalars: [Unicode.Scalar]
        var i = 0
        let line: String
        init(_ line: String) { self.line = line; scalars = Array(line.unicodeScalars) }

        var atEnd: Bool { i >= scalars.count }
        var rest: String { String(String.UnicodeScalarView(scalars[i...])) }

        mutating func skipSpaces() { while i < scalars.count && scalars[i].properties.isWhitespace { i += 1 } }

        mutating func take(_ s: Unicode.Scalar) -> Bool {
            skipSpaces()
            if i < scalars.count && scalars[i] == s { i += 1; return true }
            return false
        }

        /// Literal text up to one of `stops` (unquoted); spaces outside quotes are ignored, as ICU does.
        mutating func literal(until stops: Set<Unicode.Scalar>) throws(RuleError) -> String {
            var out = String.UnicodeScalarView()
            while i < scalars.count {
                let c = scalars[i]
                if stops.contains(c) { break }
                switch c {
                case "'":
                    i += 1
                    if i < scalars.count && scalars[i] == "'" { out.append("'"); i += 1; continue }
                    while i < scalars.count && scalars[i] != "'" { out.append(scalars[i]); i += 1 }
                    guard i < scalars.count else { throw .unsupported(line) }
                    i += 1
                case "\\":
                    guard i + 1 < scalars.count else { throw .unsupported(line) }
                    if scalars[i + 1] == "u", i + 6 <= scalars.count,
                       let v = UInt32(String(String.UnicodeScalarView(scalars[(i + 2) ..< (i + 6)])), radix: 16),
                       let s = Unicode.Scalar(v) {
                        out.append(s); i += 6
                    } else if scalars[i + 1] == "U", i + 10 <= scalars.count,
                              let v = UInt32(String(String.UnicodeScalarView(scalars[(i + 2) ..< (i + 10)])), radix: 16),
                              let s = Unicode.Scalar(v) {
                        out.append(s); i += 10
                    } else {
                        out.append(scalars[i + 1]); i += 2
                    }
                case _ where c.properties.isWhitespace:
                    i += 1
                case "{", "}", "|", "$", "[", "]", "&", "@", "^", "<", "=", ":", "(", ")", "*", "+", "?", ".":
                    throw .unsupported(line)
                default:
                    out.append(c); i += 1
                }
            }
            return String(out)
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
