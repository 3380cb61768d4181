import CICUShim

/// The five stages of the matching text, each a pure function of its input. A stage that changed
/// lengths or replaced something returns the map from its input to its output; nil means "unchanged"
/// (no copy was made and no map is needed).
enum NormalizationStages {
    typealias Result = (units: [UInt16], map: StageMap)

    // MARK: 1. invisible characters

    /// Removes format characters that are not drawn (zero-width spaces and joiners, direction marks,
    /// soft hyphens, word joiners, BOMs, tags, ...): each removal is a deleted block.
    static func removeInvisible(_ input: UnsafeBufferPointer<UInt16>, _ classes: CharacterClasses) -> Result? {
        let n = input.count
        return classes.withTable { table -> Result? in
            /// Length of the invisible character at i (1 or 2), or 0.
            func invisibleLength(_ i: Int) -> Int {
                let u = input[i]
                if table[Int(u)] & CharacterClasses.Flags.invisible.rawValue != 0 { return 1 }
                if u & 0xFC00 == 0xD800, i + 1 < n, input[i + 1] & 0xFC00 == 0xDC00 {
                    let scalar = 0x10000 + (UInt32(u & 0x3FF) << 10) + UInt32(input[i + 1] & 0x3FF)
                    return CharacterClasses.computeFlags(scalar).contains(.invisible) ? 2 : 0
                }
                return 0
            }
            var i = 0
            while i < n && invisibleLength(i) == 0 { i += 1 }
            guard i < n else { return nil }
            var out = [UInt16](); out.reserveCapacity(n)
            var map = StageMap()
            var copyStart = 0
            while i < n {
                let length = invisibleLength(i)
                if length == 0 { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copyStart ..< i]))
                map.copy(i - copyStart)
                map.replace(length, with: 0)
                i += length
                copyStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copyStart ..< n]))
            map.copy(n - copyStart)
            return (out, map)
        }
    }

    // MARK: 2. NFKC

    /// What NFKC does to each BMP unit on its own, asked of ICU once: whether it starts a new piece
    /// (has a normalization boundary before it) and, for the common single-unit changes (full-width
    /// ASCII, U+3000, most compatibility ideographs), what it becomes, so those pieces need no ICU call.
    struct NFKCShortcuts: Sendable {
        /// Bit 0: boundary before. Bit 1: `single` holds the unit's NFKC.
        private let info: [UInt8]
        private let single: [UInt16]

        init() {
            var info = [UInt8](repeating: 0, count: 0x10000)
            var single = [UInt16](repeating: 0, count: 0x10000)
            var out = [UInt16](repeating: 0, count: 32)
            for c in 0 ..< 0x10000 where !(0xD800 ... 0xDFFF).contains(c) {
                guard cas_nfkc_has_boundary_before(UInt32(c)) != 0 else { continue }
                info[c] = 1
                var unit = UInt16(c)
                // Whether a piece is this unit alone depends on what follows: checked at run time.
                let written = cas_nfkc_normalize(&unit, 1, &out, Int32(out.count))
                if written == 1 && out[0] != unit { info[c] |= 2; single[c] = out[0] }
            }
            self.info = info
            self.single = single
        }

        @inline(__always) func hasBoundaryBefore(_ scalar: UInt32) -> Bool {
            scalar < 0x10000 ? info[Int(scalar)] & 1 != 0 : cas_nfkc_has_boundary_before(scalar) != 0
        }

        /// The NFKC of the unit alone when it is a single different unit, else nil.
        @inline(__always) func singleUnit(_ unit: UInt16) -> UInt16? {
            info[Int(unit)] & 2 != 0 ? single[Int(unit)] : nil
        }
    }

    /// NFKC, piece by piece: runs that pass ICU's quick check are copied; from there to the next
    /// normalization boundary is one piece, normalized alone (a boundary means the text may be cut
    /// there), and recorded as one replaced block if it changed. Same output as NFKC of the whole text.
    /// A one-unit piece that became one other unit is recorded as a copy: no range can cut it, so a
    /// block would map every range exactly as a copy does, only slower.
    static func nfkc(_ input: UnsafeBufferPointer<UInt16>, _ shortcuts: NFKCShortcuts) -> Result? {
        let n = input.count
        guard let base = input.baseAddress, n > 0 else { return nil }
        var i = Int(cas_nfkc_span_quick_check_yes(base, Int32(n)))
        guard i < n else { return nil }
        var out = [UInt16](); out.reserveCapacity(n + n / 16 + 16)
        var map = StageMap()
        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[0 ..< i]))
        map.copy(i)
        var scratch = [UInt16](repeating: 0, count: 256)
        while i < n {
            // The piece: one code point, then everything up to the next boundary.
            var end = i + scalarLength(input, i)
            while end < n {
                let length = scalarLength(input, end)
                if shortcuts.hasBoundaryBefore(scalar(input, end, length)) { break }
                end += length
            }
            if end == i + 1, let single = shortcuts.singleUnit(input[i]) {
                out.append(single)
                map.copy(1)
            } else {
                var written = Int(cas_nfkc_normalize(base + i, Int32(end - i), &scratch, Int32(scratch.count)))
                if written > scratch.count {
                    scratch = [UInt16](repeating: 0, count: written)
                    written = Int(cas_nfkc_normalize(base + i, Int32(end - i), &scratch, Int32(scratch.count)))
                }
                precondition(written >= 0, "ICU NFKC failed")
                let piece = UnsafeBufferPointer(rebasing: input[i ..< end])
                if written == piece.count && (written == 1 || scratch.withUnsafeBufferPointer({ $0.prefix(written).elementsEqual(piece) })) {
                    map.copy(written)
                } else {
                    map.replace(piece.count, with: written)
                }
                scratch.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0 ..< written])) }
            }
            i = end
            // What follows the piece and is already normal.
            let span = Int(cas_nfkc_span_quick_check_yes(base + i, Int32(n - i)))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i ..< i + span]))
            map.copy(span)
            i += span
        }
        return (out, map)
    }

    @inline(__always)
    static func scalarLength(_ input: UnsafeBufferPointer<UInt16>, _ i: Int) -> Int {
        input[i] & 0xFC00 == 0xD800 && i + 1 < input.count && input[i + 1] & 0xFC00 == 0xDC00 ? 2 : 1
    }

    @inline(__always)
    static func scalar(_ input: UnsafeBufferPointer<UInt16>, _ i: Int, _ length: Int) -> UInt32 {
        length == 1 ? UInt32(input[i])
            : 0x10000 + (UInt32(input[i] & 0x3FF) << 10) + UInt32(input[i + 1] & 0x3FF)
    }

    // MARK: 3. white space inside CJK text

    /// Removes runs of horizontal white space between two CJK characters ("最 终 解 释 权" → "最终解释权"):
    /// at least one neighbour must be Han or CJK punctuation, and the other Han, CJK punctuation or the
    /// ASCII punctuation that full-width punctuation became under NFKC. Line breaks stay.
    ///
    /// A removed run is a deleted block. The decision depends on the neighbours, and a range can cut a
    /// neighbour only when it is a surrogate pair (an ideograph beyond the BMP, 𠮷): then the block
    /// takes in both neighbours, so that any range touching the pair carries the context that decided.
    static func foldCJKSpaces(_ input: UnsafeBufferPointer<UInt16>, _ classes: CharacterClasses) -> Result? {
        typealias F = CharacterClasses.Flags
        let n = input.count
        let strong: F = [.han, .cjkPunctuation]
        let any: F = [.han, .cjkPunctuation, .sharedPunctuation]
        /// Blocks in order: source range, and the runs of space inside it that go.
        var blocks: [(range: Range<Int>, runs: [Range<Int>])] = []
        classes.withTable { table in
            @inline(__always) func isSpace(_ u: UInt16) -> Bool {
                table[Int(u)] & F.horizontalSpace.rawValue != 0
            }
            var i = 0
            while i < n {
                guard isSpace(input[i]) else { i += 1; continue }
                var end = i + 1
                while end < n && isSpace(input[end]) { end += 1 }
                defer { i = end }
                guard i > 0 && end < n else { continue }
                // The code points just before and after the run.
                var beforeLength = 1
                if input[i - 1] & 0xFC00 == 0xDC00, i >= 2, input[i - 2] & 0xFC00 == 0xD800 { beforeLength = 2 }
                let afterLength = scalarLength(input, end)
                let left = classes.flags(scalar: scalar(input, i - beforeLength, beforeLength))
                let right = classes.flags(scalar: scalar(input, end, afterLength))
                guard !left.isDisjoint(with: any) && !right.isDisjoint(with: any)
                        && !(left.isDisjoint(with: strong) && right.isDisjoint(with: strong)) else { continue }
                // A combining mark after the run (〬, U+0301 ...) sits on its last space: that space is
                // the base of a character, not space between two, and NFKC keeps the two as one piece
                // (folding it would make a slice from the space on normalize differently; found by
                // fuzzing).
                guard cas_nfkc_has_boundary_before(scalar(input, end, afterLength)) != 0 else { continue }
                let range = beforeLength == 2 || afterLength == 2 ? (i - beforeLength) ..< (end + afterLength) : i ..< end
                if let last = blocks.last, last.range.upperBound > range.lowerBound {
                    // Shares a neighbour with the previous block: one block.
                    blocks[blocks.count - 1] = (last.range.lowerBound ..< range.upperBound, last.runs + [i ..< end])
                } else {
                    blocks.append((range, [i ..< end]))
                }
            }
        }
        guard !blocks.isEmpty else { return nil }
        var out = [UInt16](); out.reserveCapacity(n)
        var map = StageMap()
        var copyStart = 0
        for block in blocks {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copyStart ..< block.range.lowerBound]))
            map.copy(block.range.lowerBound - copyStart)
            let before = out.count
            var kept = block.range.lowerBound
            for run in block.runs {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[kept ..< run.lowerBound]))
                kept = run.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[kept ..< block.range.upperBound]))
            map.replace(block.range.count, with: out.count - before)
            copyStart = block.range.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copyStart ..< n]))
        map.copy(n - copyStart)
        return (out, map)
    }

    // MARK: 5. quotation marks and brackets

    /// One form for quotation marks and brackets, unit for unit (no map): “”„‟「」『』〝〞〟 → ",
    /// ‘’‚‛ → ', 【】〔〕〖〗〘〙［］ → [ ], 〈〉 → 《》.
    static func unifyPunctuation(_ units: inout [UInt16]) {
        units.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                let u = buffer[i]
                // Only three small ranges hold anything to fold.
                guard u &- 0x2018 < 8 || u &- 0x3008 < 0x18 || u &- 0xFF02 < 0x3C else { continue }
                if let folded = foldedPunctuation(u) { buffer[i] = folded }
            }
        }
    }

    @inline(__always)
    static func foldedPunctuation(_ u: UInt16) -> UInt16? {
        switch u {
        case 0x201C ... 0x201F, 0x300C ... 0x300F, 0x301D ... 0x301F, 0xFF02: return 0x22   // "
        case 0x2018 ... 0x201B, 0xFF07: return 0x27                                         // '
        case 0x3010, 0x3014, 0x3016, 0x3018, 0xFF3B: return 0x5B                             // [
        case 0x3011, 0x3015, 0x3017, 0x3019, 0xFF3D: return 0x5D                             // ]
        case 0x3008: return 0x300A                                                          // 《
        case 0x3009: return 0x300B                                                          // 》
        default: return nil
        }
    }
}
