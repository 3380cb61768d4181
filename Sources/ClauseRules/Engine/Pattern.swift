import CPCRE2

/// A PCRE2 pattern compiled once for 16-bit code units, JIT-compiled when the machine allows it.
/// Compiled code is read-only and shared between threads; matching needs a `MatchScratch` per thread.
public final class Pattern: @unchecked Sendable {
    public let source: String
    private let code: OpaquePointer
    private let jit: Bool
    /// Capture group numbers of the named groups the engine understands.
    let hitGroup: Int?
    let partyGroup: Int?

    /// Why a pattern could not be compiled: PCRE2's own message and the offset in the pattern.
    public struct CompileError: Error, Equatable {
        public var message: String
        public var offset: Int
    }

    public init(_ source: String) throws(CompileError) {
        self.source = source
        var units = Array(source.utf16)
        units.append(0)
        var errorCode: Int32 = 0
        var errorOffset = 0
        // USE_OFFSET_LIMIT lets the prefilter bound where a search may start (see Prefilter).
        let options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT)
        guard let code = pcre2_compile_16(units, units.count - 1, options, &errorCode, &errorOffset, nil) else {
            throw CompileError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        // A pattern that matches empty text would report empty findings everywhere.
        if Self.info(code, PCRE2_INFO_MINLENGTH) == 0 {
            pcre2_code_free_16(code)
            throw CompileError(message: "pattern can match empty text", offset: 0)
        }
        self.code = code
        jit = pcre2_jit_compile_16(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
        hitGroup = Self.group(named: "hit", in: code)
        partyGroup = Self.group(named: "party", in: code)
    }

    deinit { pcre2_code_free_16(code) }

    /// One match: the whole match and the named groups that took part.
    public struct Match: Equatable, Sendable {
        public var range: Range<Int>
        public var hit: Range<Int>?
        public var party: Range<Int>?
        /// Where the finding lands: the `hit` group, or the whole match.
        public var reported: Range<Int> { hit ?? range }
    }

    /// The first match starting at or after `start` (and at or before `startLimit`, if given) that
    /// lies wholly before `end`. `text` must be valid UTF-16 (the engine checks that once per document).
    func firstMatch(in text: UnsafeBufferPointer<UInt16>, from start: Int, to end: Int, startLimit: Int? = nil,
                    scratch: MatchScratch) throws(MatchError) -> Match? {
        guard start < end, let base = text.baseAddress else { return nil }
        if let startLimit {
            pcre2_set_offset_limit_16(scratch.context, startLimit)
        }
        defer { if startLimit != nil { pcre2_set_offset_limit_16(scratch.context, PCRE2_UNSET_VALUE) } }
        let rc: Int32
        if jit {
            rc = pcre2_jit_match_16(code, base, end, start, 0, scratch.matchData, scratch.context)
        } else {
            rc = pcre2_match_16(code, base, end, start, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData, scratch.context)
        }
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 { throw MatchError(pattern: source, message: Self.message(for: rc)) }
        let vector = pcre2_get_ovector_pointer_16(scratch.matchData)!
        func group(_ n: Int?) -> Range<Int>? {
            guard let n, n < Int(rc) || rc == 0 else { return nil }
            let lower = vector[2 * n], upper = vector[2 * n + 1]
            return lower == PCRE2_UNSET_VALUE ? nil : lower ..< upper
        }
        return Match(range: vector[0] ..< vector[1], hit: group(hitGroup), party: group(partyGroup))
    }

    /// Whether the pattern matches anywhere in text[start ..< end].
    func matches(in text: UnsafeBufferPointer<UInt16>, from start: Int, to end: Int,
                 scratch: MatchScratch) throws(MatchError) -> Bool {
        try firstMatch(in: text, from: start, to: end, scratch: scratch) != nil
    }

    /// Every match in text[start ..< end], left to right, not overlapping.
    func allMatches(in text: UnsafeBufferPointer<UInt16>, from start: Int, to end: Int,
                    scratch: MatchScratch) throws(MatchError) -> [Match] {
        var found: [Match] = []
        var position = start
        while let match = try firstMatch(in: text, from: position, to: end, scratch: scratch) {
            found.append(match)
            position = max(match.range.upperBound, match.range.lowerBound + 1)
        }
        return found
    }

    private static func group(named name: String, in code: OpaquePointer) -> Int? {
        var units = Array(name.utf16)
        units.append(0)
        let n = pcre2_substring_number_from_name_16(code, units)
        return n > 0 ? Int(n) : nil
    }

    private static func info(_ code: OpaquePointer, _ what: Int32) -> UInt32 {
        var value: UInt32 = 0
        pcre2_pattern_info_16(code, UInt32(what), &value)
        return value
    }

    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt16](repeating: 0, count: 256)
        let n = pcre2_get_error_message_16(errorCode, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[..<Int(n)], as: UTF16.self) : "PCRE2 error \(errorCode)"
    }
}

/// PCRE2 gave up on a subject: the match or depth limit was hit (catastrophic backtracking).
public struct MatchError: Error, Equatable, Sendable {
    public var pattern: String
    public var message: String
}

/// PCRE2_UNSET, all bits set in a size_t (a cast macro Swift cannot import).
let PCRE2_UNSET_VALUE = Int(bitPattern: UInt.max)

/// Per-thread matching state: match data, a match context with limits, and a JIT stack.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?

    /// Limits that stop a pattern from backtracking forever on a hostile text.
    public struct Limits: Sendable {
        public var matchLimit: UInt32 = 2_000_000
        public var depthLimit: UInt32 = 10_000
        public var jitStackBytes: Int = 1 << 20
        public init() {}
    }

    public init(limits: Limits = .init()) {
        matchData = pcre2_match_data_create_16(64, nil)
        context = pcre2_match_context_create_16(nil)
        pcre2_set_match_limit_16(context, limits.matchLimit)
        pcre2_set_depth_limit_16(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_16(32 * 1024, limits.jitStackBytes, nil)
        if let jitStack { pcre2_jit_stack_assign_16(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_16(jitStack) }
        pcre2_match_context_free_16(context)
        pcre2_match_data_free_16(matchData)
    }
}
