/// Finds every occurrence of a fixed set of literals in UTF-16 text in one pass: a trie whose first
/// level is a table indexed by code unit, so a position whose unit starts no literal costs one load.
/// Chinese contract text has a few thousand distinct characters; most positions stop there or one
/// level down.
struct LiteralScanner: Sendable {
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
        // Build with dictionaries, then flatten into arrays for scanning.
        var children: [[UInt16: Int]] = [[:]]  // node 0 is the root
        var ends: [Int32] = [-1]
        for (id, literal) in literals.enumerated() where !literal.isEmpty {
            var node = 0
            for unit in literal {
                if let next = children[node][unit] {
                    node = next
                } else {
                    children.append([:])
                    ends.append(-1)
                    children[node][unit] = children.count - 1
                    node = children.count - 1
                }
            }
            ends[node] = Int32(id)
        }
        var roots = [Int32](repeating: 0, count: 1 << 16)
        for (unit, node) in children[0] { roots[Int(unit)] = Int32(node) }
        var start: [Int32] = []
        var units: [UInt16] = []
        var targets: [Int32] = []
        for edges in children {
            start.append(Int32(units.count))
            for (unit, node) in edges.sorted(by: { $0.key < $1.key }) {
                units.append(unit)
                targets.append(Int32(node))
            }
        }
        start.append(Int32(units.count))
        self.roots = roots
        edgeStart = start
        edgeUnits = units
        edgeTargets = targets
        terminal = ends
    }

    /// Calls `found(position, literalID)` for every occurrence, by position, then by length.
    func scan(_ text: UnsafeBufferPointer<UInt16>, _ found: (Int, Int) -> Void) {
        let count = text.count
        roots.withUnsafeBufferPointer { roots in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeUnits.withUnsafeBufferPointer { edgeUnits in
        edgeTargets.withUnsafeBufferPointer { edgeTargets in
        terminal.withUnsafeBufferPointer { terminal in
            for position in 0 ..< count {
                var node = Int(roots[Int(text[position])])
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
        }}}}}
    }
}
