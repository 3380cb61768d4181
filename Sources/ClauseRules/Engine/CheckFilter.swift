import Foundation

/// The literal prefilter for the checks of a hit (`requires`, `unless`, `unless_before`) in a large
/// scope. A check is searched over the hit's scope; a scope is small in an ordinary contract but can
/// reach thousands of units (a clause without numbering in a file on one line), and a document full
/// of such hits would cost the square of its size. So, the first time a document has a large scope,
/// one scan finds where every check's required literals occur; then a check whose literals are not in
/// the scope cannot match there, and one whose literals are is searched only from where they could
/// start a match. Exact, like the trigger windows (`Prefilter`).
final class CheckFilter: Sendable {
    private let scanner: LiteralScanner
    /// For each literal id, the checks that require it.
    private let checksOfLiteral: [[Int]]
    /// The checks by identity (compiled patterns are shared between rules), and where in a match their
    /// literals stand.
    private let index: [ObjectIdentifier: Int]
    private let bounds: [(minBefore: Int, maxBefore: Int?)]

    init(checks: [Pattern]) {
        var table = LiteralUsers()
        var index: [ObjectIdentifier: Int] = [:]
        var bounds: [(minBefore: Int, maxBefore: Int?)] = []
        let memo = RequiredLiterals.Memo()
        for check in checks where index[ObjectIdentifier(check)] == nil {
            guard let set = RequiredLiterals(pattern: check.source, memo: memo).primary else { continue }  // always searched
            index[ObjectIdentifier(check)] = bounds.count
            for literal in set.literals { table.add(literal, user: bounds.count) }
            bounds.append((set.minBefore, set.maxBefore))
        }
        scanner = LiteralScanner(literals: table.literals)
        self.checksOfLiteral = table.users
        self.index = index
        self.bounds = bounds
    }

    /// Where every check's literals occur in one document.
    struct Occurrences {
        fileprivate let positions: [[Int]]
        fileprivate let filter: CheckFilter

        /// The windows of start offsets where `check` could start a match lying within `scope` (empty:
        /// it cannot match there); nil for a check without literals, which must be searched.
        func starts(of check: Pattern, within scope: Range<Int>) -> [ClosedRange<Int>]? {
            guard let k = filter.index[ObjectIdentifier(check)] else { return nil }
            let positions = positions[k], (minBefore, maxBefore) = filter.bounds[k]
            var lo = 0, hi = positions.count  // the first occurrence at or after the scope's start
            while lo < hi {
                let mid = (lo + hi) >> 1
                if positions[mid] < scope.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            var windows: [ClosedRange<Int>] = []
            var i = lo
            while i < positions.count && positions[i] < scope.upperBound {
                let p = positions[i]
                i += 1
                let high = p - minBefore
                guard high >= scope.lowerBound else { continue }
                let low = max(scope.lowerBound, maxBefore.map { p - $0 } ?? scope.lowerBound)
                if let last = windows.last, low <= last.upperBound + 1 {
                    windows[windows.count - 1] = last.lowerBound ... max(last.upperBound, high)
                } else {
                    windows.append(low ... high)
                }
            }
            return windows
        }
    }

    func occurrences(in text: UnsafeBufferPointer<UInt16>) -> Occurrences {
        var positions = [[Int]](repeating: [], count: bounds.count)
        scanner.scan(text) { position, id in
            for check in checksOfLiteral[id] { positions[check].append(position) }
        }
        return Occurrences(positions: positions, filter: self)
    }
}

/// A value made on first use, once, whichever thread asks first.
final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
