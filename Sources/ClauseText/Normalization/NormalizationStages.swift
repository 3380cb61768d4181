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

    /// NFKC, piece by piece: runs that pass ICU's quick check are copied; from there to the next
    /// normalization boundary is one piece, normalized alone (a boundary means the text may be cut
    /// there), and recorded as one replaced block if it changed. Same output as NFKC of the whole text.
    static func nfkc(_ input: UnsafeBufferPointer<UInt16>) -> Result? {
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
                if cas_nfkc_has_boundary_before(scalar(input, end, length)) != 0 { break }
                end += length
            }
            var written = Int(cas_nfkc_normalize(base + i, Int32(end - i), &scratch, Int32(scratch.count)))
            if written > scratch.count {
                scratch = [UInt16](repeating: 0, count: written)
                written = Int(cas_nfkc_normalize(base + i, Int32(end - i), &scratch, Int32(scratch.count)))
            }
            precondition(written >= 0, "ICU NFKC failed")
            let piece = UnsafeBufferPointer(rebasing: input[i ..< end])
            if written == piece.count && scratch.withUnsafeBufferPointer({ $0.prefix(written).elementsEqual(piece) }) {
                map.copy(written)
            } else {
                map.replace(piece.count, with: written)
            }
            scratch.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0 ..< written])) }
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
                guard u >= 0x2018 else { continue }
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
