/// A path pattern as people write them for `--include` and `--exclude`: `*` is any run of characters
/// inside one path segment, `**` any number of whole segments, `?` one character, `[abc]` / `[a-z]` /
/// `[!abc]` one of a set. A pattern without `/` is matched against the file's name wherever it is
/// (`*.html`), one with `/` against the path relative to the folder walked (`drafts/**`).
public struct PathGlob: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    private let segments: [[Character]]
    /// Whether the pattern holds a `/` (matched against a relative path, not a name).
    public let isAnchored: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var trimmed = pattern
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        if trimmed.hasPrefix("/") { trimmed.removeFirst() }
        if trimmed.hasSuffix("/") { trimmed.removeLast() }
        isAnchored = trimmed.contains("/")
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
    }

    public var description: String { pattern }

    /// Whether the pattern matches a relative path (segments separated by `/`).
    public func matches(_ relativePath: String) -> Bool {
        let parts = Self.parts(relativePath)
        guard let last = parts.last else { return false }
        if !isAnchored {
            return segments.count == 1 && Self.match(segments[0], last)
        }
        return Self.match(segments[...], parts[...])
    }

    /// Whether a folder can be left out whole: the pattern matches the folder itself (`build`), or it
    /// ends in `/**` and the rest matches the folder (`vendor/**` leaves out `vendor`).
    public func excludesFolder(_ relativePath: String) -> Bool {
        if matches(relativePath) { return true }
        guard segments.count > 1, segments.last == ["*", "*"] else { return false }
        return Self.match(segments.dropLast()[...], Self.parts(relativePath)[...])
    }

    private static func parts(_ path: String) -> [[Character]] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
    }

    private static func match(_ pattern: ArraySlice<[Character]>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == ["*", "*"] {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, match(first, segment) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// One segment: `*`, `?` and sets, by backtracking over the last `*` (linear for usual patterns).
    static func match(_ pattern: [Character], _ name: [Character]) -> Bool {
        var p = 0, n = 0
        var starP = -1, starN = 0
        while n < name.count {
            if p < pattern.count {
                let c = pattern[p]
                if c == "*" {
                    starP = p
                    starN = n
                    p += 1
                    continue
                }
                if c == "?" {
                    p += 1
                    n += 1
                    continue
                }
                if c == "[", let (matched, next) = matchSet(pattern, p, name[n]) {
                    if matched {
                        p = next
                        n += 1
                        continue
                    }
                } else if c == name[n] {
                    p += 1
                    n += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starN += 1
            n = starN
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// A `[...]` set at `start`: whether `c` is in it and where the pattern goes on; nil when the
    /// bracket is not closed (then it is a literal `[`).
    private static func matchSet(_ pattern: [Character], _ start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.count && (pattern[i] == "!" || pattern[i] == "^") {
            negate = true
            i += 1
        }
        var found = false
        var first = true
        while i < pattern.count && (pattern[i] != "]" || first) {
            first = false
            if i + 2 < pattern.count && pattern[i + 1] == "-" && pattern[i + 2] != "]" {
                if pattern[i] <= c && c <= pattern[i + 2] { found = true }
                i += 3
            } else {
                if pattern[i] == c { found = true }
                i += 1
            }
        }
        guard i < pattern.count else { return nil }
        return (found != negate, i + 1)
    }
}
