import ClauseText
import Foundation

/// Compiles a pack's rules on two threads when there are two cores (start-up is most of `lint` on one
/// file): each thread takes half of the rules, with its own fragment memo and pattern cache, and also
/// reads each trigger pattern's required literals for the prefilter. An error is the one a single
/// thread would report: the first failing rule in pack order.
enum PackCompiler {
    struct Compiled: Sendable {
        var rule: CompiledRule
        /// For each of the rule's trigger patterns (empty when the prefilter is off).
        var literals: [RequiredLiterals]
    }

    static func compile(_ pack: RulePack, normalizer: Normalizer, literals: Bool) throws(RuleLoadError) -> [Compiled] {
        let rules = pack.rules
        let shares = rules.count >= 64 && ProcessInfo.processInfo.activeProcessorCount >= 2 ? 2 : 1
        let bounds = (0 ... shares).map { rules.count * $0 / shares }
        let results = Slots(count: shares)
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            let source = PatternSource(fragments: pack.fragments, normalizer: normalizer)
            let cache = PatternCache()
            let memo = RequiredLiterals.Memo()
            var out: [Compiled] = []
            do throws(RuleLoadError) {
                for rule in rules[bounds[share] ..< bounds[share + 1]] {
                    let compiled = try CompiledRule(rule, pack: pack, source: source, cache: cache)
                    let facts = literals ? compiled.patterns.map { RequiredLiterals(pattern: $0.source, memo: memo) } : []
                    out.append(Compiled(rule: compiled, literals: facts))
                }
                results.set(share, .success(out))
            } catch {
                results.set(share, .failure(error))
            }
        }
        var all: [Compiled] = []
        for result in results.all {
            switch result {
            case let .success(part): all += part
            case let .failure(error): throw error
            }
        }
        return all
    }

    /// The pack, read on one thread while another builds the normalizer (see `RuleEngine.init(directory:)`).
    final class LoadSlot: @unchecked Sendable {
        private var result: Result<RulePack, RuleLoadError>?
        private let lock = NSLock()
        func set(_ value: Result<RulePack, RuleLoadError>) {
            lock.lock()
            result = value
            lock.unlock()
        }
        func get() throws(RuleLoadError) -> RulePack {
            lock.lock()
            defer { lock.unlock() }
            return try result!.get()
        }
    }

    /// One result per thread, each written once by its own thread.
    private final class Slots: @unchecked Sendable {
        private var slots: [Result<[Compiled], RuleLoadError>?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<[Compiled], RuleLoadError>) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }
        var all: [Result<[Compiled], RuleLoadError>] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
