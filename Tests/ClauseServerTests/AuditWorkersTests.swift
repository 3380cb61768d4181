import ClauseRules
@testable import ClauseServer
import Foundation
import Logging
import Testing

/// The worker threads: results come back, a full queue says busy at once, a job that runs too long
/// is answered as timed out while the others go on, a job past its deadline before it starts is
/// not started.
struct AuditWorkersTests {
    func workers(count: Int = 2, maxQueued: Int = 8, grace: Duration = .milliseconds(200)) -> AuditWorkers {
        let workers = AuditWorkers(count: count, maxQueued: maxQueued, grace: grace, logger: Logger(label: "test"))
        workers.start()
        return workers
    }

    @Test func resultsComeBackFromTheThreads() async {
        let pool = workers()
        let outcome = await pool.run(deadline: .now + .seconds(5)) { _ in 6 * 7 }
        #expect(outcome.value == 42)
        await pool.stopAndWait()
    }

    @Test func aFullQueueIsBusyAtOnce() async throws {
        let pool = workers(count: 1, maxQueued: 1, grace: .seconds(30))
        let gate = Gate()
        let running = Locked(false)
        // One job holds the only thread, one waits in the queue, the third is turned away.
        let first = Task { await pool.run(deadline: .now + .seconds(30)) { _ in running.update { $0 = true }; gate.wait(); return 1 } }
        while !running.value { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { await pool.run(deadline: .now + .seconds(30)) { _ in 2 } }
        while pool.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
        let third = await pool.run(deadline: .now + .seconds(30)) { _ in 3 }
        #expect("\(third)" == "busy")
        gate.open()
        let (one, two) = await (first.value, second.value)
        #expect(one.value == 1)
        #expect(two.value == 2)
        await pool.stopAndWait()
    }

    @Test func aJobPastItsDeadlineAndGraceIsAnsweredAndTheNextIsServed() async {
        let pool = workers(count: 1, maxQueued: 4, grace: .milliseconds(100))
        let gate = Gate()
        // Answered while the job is still stuck behind the closed gate.
        let slow = await pool.run(deadline: .now + .milliseconds(100)) { _ in gate.wait(); return 1 }
        #expect("\(slow)" == "timedOut")
        // Queued behind the stuck job past its own deadline: not started at all.
        async let late = pool.run(deadline: .now + .milliseconds(50)) { _ in 2 }
        try? await Task.sleep(for: .milliseconds(300))
        gate.open()
        let lateOutcome = "\(await late)"
        #expect(lateOutcome == "expired" || lateOutcome == "timedOut")
        let next = await pool.run(deadline: .now + .seconds(5)) { _ in 3 }
        #expect(next.value == 3)
        await pool.stopAndWait()
    }

    @Test func stoppingDoesNotWaitLongForAJobThatOverranItsDeadline() async {
        let pool = workers(count: 1, maxQueued: 4, grace: .milliseconds(50))
        let gate = Gate()
        let stuck = await pool.run(deadline: .now + .milliseconds(50)) { _ in gate.wait(); return 1 }
        #expect("\(stuck)" == "timedOut")
        #expect(await pool.stopAndWait(waitingAtMost: .milliseconds(200)) == false)
        gate.open()
        #expect(await pool.stopAndWait(waitingAtMost: .seconds(10)) == true)
    }

    @Test func eachThreadHasItsOwnScratch() async {
        let pool = workers(count: 2)
        let seen = Locked<Set<ObjectIdentifier>>([])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0 ..< 40 {
                group.addTask {
                    _ = await pool.run(deadline: .now + .seconds(5)) { scratch in
                        seen.update { $0.insert(ObjectIdentifier(scratch)) }
                        Thread.sleep(forTimeInterval: 0.002)
                    }
                }
            }
        }
        #expect(seen.value.count == 2)
        await pool.stopAndWait()
    }
}

extension AuditWorkers.Outcome {
    var value: Value? {
        if case let .done(value) = self { return value }
        return nil
    }
}

/// A door a worker waits at until the test opens it.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false
    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }
    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: Value
    init(_ value: Value) { _value = value }
    var value: Value { lock.withLock { _value } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&_value) } }
}
