/// Finds every occurrence of a fixed set of literals in UTF-16 text in one pass: a trie whose first
/// level is a table indexed by code unit, so a position whose unit starts no literal costs one load.
/// Chinese contract text has a few thousand distinct characters; most positions stop there or one
/// level down.
struct LiteralScanner: Sendable {
    /// One bit per code unit: whether some literal starts with it. 8 KB, so the common case (a unit
    /// that starts nothing) costs one load from L1 instead of one from the 256 KB table below.
    private let starters: [UInt64]
    /// Node index for each first code unit (0: no literal starts with it).
    private let roots: [Int32]
    /// Per node: its edges are `edgeUnits[edgeStart[n] ..< edgeStart[n + 1]]`, sorted by unit.
    private let edgeStart: [Int32]
    private let edgeUnits: [UInt16]
    private let edgeTargets: [Int32]
    /// Per node: the literal that ends there, or -1.
    private let terminal: [Int32]
    /// The literals, by id.
    let literals: [[UInt16]]

    init(literals: [[UInt16]]) {
        self.literals = literals
        // Built from the literals in sorted order: the children of a node are then contiguous runs,
        // laid out breadth first without a dictionary per node.
        let order = literals.indices.filter { !literals[$0].isEmpty }.sorted { literals[$0].lexicographicallyPrecedes(literals[$1]) }
        var roots = [Int32](repeating: 0, count: 1 << 16)
        var edgeStart: [Int32] = [0, 0]   // node 0 (the root's edges live in `roots`)
        var units: [UInt16] = []
        var targets: [Int32] = []
        var terminal: [Int32] = [-1]
        // A queue of (node, range of `order` sharing the node's prefix, depth).
        var queue: [(node: Int, range: Range<Int>, depth: Int)] = [(0, 0 ..< order.count, 0)]
        var head = 0
        while head < queue.count {
            let (node, range, depth) = queue[head]
            head += 1
            var i = range.lowerBound
            // A literal that ends at this depth marks the node; it sorts first among its extensions.
            if node != 0, i < range.upperBound, literals[order[i]].count == depth {
                terminal[node] = Int32(order[i])
                i += 1
                while i < range.upperBound && literals[order[i]].count == depth { i += 1 }  // duplicates
            }
            if node != 0 { edgeStart[node] = Int32(units.count) }
            while i < range.upperBound {
                let unit = literals[order[i]][depth]
                var j = i + 1
                while j < range.upperBound && literals[order[j]][depth] == unit { j += 1 }
                let child = terminal.count
                terminal.append(-1)
                edgeStart.append(0)
                if node == 0 {
                    roots[Int(unit)] = Int32(child)
                } else {
                    units.append(unit)
                    targets.append(Int32(child))
                }
                queue.append((child, i ..< j, depth + 1))
                i = j
            }
            if node != 0 { edgeStart[node + 1] = Int32(units.count) }
        }
        var starters = [UInt64](repeating: 0, count: 1 << 10)
        for unit in 0 ..< (1 << 16) where roots[unit] != 0 { starters[unit >> 6] |= 1 << UInt64(unit & 63) }
        self.starters = starters
        self.roots = roots
        self.edgeStart = edgeStart
        self.edgeUnits = units
        self.edgeTargets = targets
        self.terminal = terminal
    }

    /// Calls `found(position, literalID)` for every occurrence, by position, then by length.
    func scan(_ text: UnsafeBufferPointer<UInt16>, _ found: (Int, Int) -> Void) {
        let count = text.count
        starters.withUnsafeBufferPointer { starters in
        roots.withUnsafeBufferPointer { roots in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeUnits.withUnsafeBufferPointer { edgeUnits in
        edgeTargets.withUnsafeBufferPointer { edgeTargets in
        terminal.withUnsafeBufferPointer { terminal in
            for position in 0 ..< count {
                let first = text[position]
                guard starters[Int(first >> 6)] & (1 << UInt64(first & 63)) != 0 else { continue }
                var node = Int(roots[Int(first)])
                var next = position + 1
                while node != 0 {
                    let id = terminal[node]
                    if id >= 0 { found(position, Int(id)) }
                    guard next < count else { break }
                    let unit = text[next]
                    var low = Int(edgeStart[node]), high = Int(edgeStart[node + 1])
                    node = 0
                    while low < high {  // binary search among the node's edges
                        let mid = (low + high) >> 1
                        let u = edgeUnits[mid]
                        if u == unit { node = Int(edgeTargets[mid]); break }
                        if u < unit { low = mid + 1 } else { high = mid }
                    }
                    next += 1
                }
            }
        }}}}}}
    }
}

/// The literals of many patterns, each kept once, with who needs it: what a `LiteralScanner` is built
/// from, and the table from a literal it finds back to the patterns (or checks) that asked for it.
struct LiteralUsers {
    private var ids: [[UInt16]: Int] = [:]
    private(set) var literals: [[UInt16]] = []
    /// For each literal id, its users in the order they were added.
    private(set) var users: [[Int]] = []

    mutating func add(_ literal: [UInt16], user: Int) {
        let id = ids[literal] ?? {
            literals.append(literal)
            users.append([])
            ids[literal] = literals.count - 1
            return literals.count - 1
        }()
        users[id].append(user)
    }
}
