import ClauseText

/// Turns a pattern as a rule author wrote it into the PCRE2 source the engine compiles: fragments
/// expanded, and every run of non-ASCII characters folded the way the text is folded (so `，` matches
/// what `，` became in the text) and escaped, because folded punctuation such as `（` → `(` must stay a
/// literal and never turn into regex syntax.
struct PatternSource {
    let fragments: [String: String]
    let normalizer: Normalizer
    /// Fragments already folded: the same fragments recur in hundreds of patterns, and folding them
    /// again each time was most of the pack's compile time.
    private let memo = Memo()

    init(fragments: [String: String], normalizer: Normalizer) {
        self.fragments = fragments
        self.normalizer = normalizer
    }

    enum Problem: Error { case unknownFragment(String), fragmentCycle(String) }

    func compileReady(_ written: String) throws(Problem) -> String {
        String(decoding: try ready(Array(written.utf8), depth: 0), as: UTF8.self)
    }

    /// Fragments expanded and the text folded, as UTF-8. Folding works on runs of non-ASCII characters
    /// and an expanded fragment is always set off by the ASCII of `(?:` and `)`, so a fragment folds
    /// the same wherever it stands: each is expanded and folded once, then reused.
    private func ready(_ bytes: [UInt8], depth: Int) throws(Problem) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0, copied = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var close = i + 2
            while close + 1 < bytes.count, !(bytes[close] == UInt8(ascii: "}") && bytes[close + 1] == UInt8(ascii: "}")) { close += 1 }
            guard close + 1 < bytes.count else { break }
            let name = String(decoding: bytes[(i + 2) ..< close], as: UTF8.self).trimmingSpaces
            out += fold(bytes[copied ..< i])
            out += Array("(?:".utf8)
            out += try fragment(name, depth: depth)
            out.append(UInt8(ascii: ")"))
            i = close + 2
            copied = i
        }
        out += fold(bytes[copied...])
        return out
    }

    private func fragment(_ name: String, depth: Int) throws(Problem) -> [UInt8] {
        if let known = memo.fragments[name] { return known }
        guard let body = fragments[name] else { throw .unknownFragment(name) }
        guard depth < 8 else { throw .fragmentCycle(name) }
        let folded = try ready(Array(body.utf8), depth: depth + 1)
        memo.fragments[name] = folded
        return folded
    }

    /// Every run of non-ASCII characters normalized like the text, and ASCII punctuation that
    /// normalization produced escaped. A backslash escapes the character after it, which is left alone.
    private func fold(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return Array(bytes) }
        // Split into ASCII text and runs to fold.
        var pieces: [(ascii: [UInt8], run: [UInt16])] = []
        var ascii: [UInt8] = [], run: [UInt16] = []
        var escaped = false
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if !scalar.isASCII && !escaped {
                UTF16.encode(scalar) { run.append($0) }
                continue
            }
            if !run.isEmpty {
                pieces.append((ascii, run))
                (ascii, run) = ([], [])
            }
            ascii.append(UInt8(scalar.value))
            escaped = !escaped && scalar == "\\"
        }
        pieces.append((ascii, run))
        // One normalizer call for all the runs, joined by line breaks: no stage looks across a line
        // break (NFKC has a boundary there, spaces are folded only between CJK characters, no
        // Traditional→Simplified phrase holds one) and none makes or removes one, so splitting the
        // result at them gives each run's own normalization.
        var joined: [UInt16] = []
        for piece in pieces where !piece.run.isEmpty { joined += piece.run + [0x0A] }
        let normalized = normalizer.normalize(joined).units.split(separator: 0x0A, omittingEmptySubsequences: false)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var next = 0
        for piece in pieces {
            out += piece.ascii
            guard !piece.run.isEmpty else { continue }
            // (Encoded by hand: making a String per scalar or per run was most of the compile time.)
            var iterator = normalized[next].makeIterator()
            var decoder = UTF16()
            while case let .scalarValue(scalar) = decoder.decode(&iterator) {
                if scalar.isASCII, !(scalar.properties.isAlphabetic || ("0" ... "9").contains(scalar)) {
                    out.append(UInt8(ascii: "\\"))
                }
                UTF8.encode(scalar) { out.append($0) }
            }
            next += 1
        }
        return out
    }
}

/// The memo of one pack's compilation (used on one thread): fragments expanded and folded.
private final class Memo {
    var fragments: [String: [UInt8]] = [:]
}

/// Text with a hash computed once (FNV-1a over its UTF-8): hashing a String normalizes it first, and
/// hashing an array feeds Swift's hasher one element at a time; both cost more than the lookups saved.
struct HashedKey: Hashable {
    let bytes: [UInt8]
    let hash: UInt64

    init(_ string: String) {
        bytes = Array(string.utf8)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        hash = h
    }

    static func == (a: HashedKey, b: HashedKey) -> Bool { a.hash == b.hash && a.bytes == b.bytes }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
