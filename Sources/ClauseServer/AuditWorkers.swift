import ClauseRules
import Foundation
import Logging
import ServiceLifecycle

/// A fixed set of threads that run audits off the event loop and off Swift's cooperative pool (an
/// audit is seconds of CPU work that would starve other requests there). Each thread owns its
/// `MatchScratch`. Requests wait in a bounded queue; past the bound they are turned away at once.
///
/// Time: each job carries a deadline. A job still queued at its deadline is not started; a job that
/// runs past `deadline + grace` is answered as timed out while its thread finishes in the background
/// (the auditor itself stops at the deadline between rules, so that is rare).
final class AuditWorkers: Service, @unchecked Sendable {
    enum Outcome<Value: Sendable>: Sendable {
        case done(Value)
        /// The queue was full.
        case busy
        /// The deadline passed while the job waited for a thread.
        case expired
        /// The job ran past its deadline and the grace after it.
        case timedOut
    }

    let count: Int
    let maxQueued: Int
    let grace: Duration
    private let logger: Logger

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [@Sendable (MatchScratch) -> Void] = []
    private var head = 0
    private var started = false
    private var stopping = false
    private var running = 0

    init(count: Int, maxQueued: Int, grace: Duration = .seconds(1), logger: Logger) {
        self.count = max(1, count)
        self.maxQueued = max(1, maxQueued)
        self.grace = grace
        self.logger = logger
    }

    /// Runs `work` on a worker thread with that thread's scratch, and waits for it at most until
    /// `deadline + grace`.
    func run<Value: Sendable>(deadline: ContinuousClock.Instant,
                              _ work: @escaping @Sendable (MatchScratch) -> Value) async -> Outcome<Value> {
        let answer = Answer<Outcome<Value>>()
        let grace = self.grace
        return await withCheckedContinuation { continuation in
            answer.wait(with: continuation)
            let accepted = enqueue { scratch in
                guard !answer.isGiven else { return }
                guard ContinuousClock.now < deadline else { return answer.give(.expired) }
                answer.give(.done(work(scratch)))
            }
            guard accepted else { return answer.give(.busy) }
            answer.timer = Task {
                guard (try? await Task.sleep(until: deadline + grace, clock: .continuous)) != nil else { return }
                answer.give(.timedOut)
            }
        }
    }

    /// Jobs waiting for a thread.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count - head
    }

    private func enqueue(_ job: @escaping @Sendable (MatchScratch) -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping, queue.count - head < maxQueued else { return false }
        queue.append(job)
        condition.signal()
        return true
    }

    /// Starts the threads (once).
    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        running = count
        for i in 0 ..< count {
            let thread = Thread { [self] in work() }
            thread.name = "audit-\(i + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func work() {
        let scratch = MatchScratch()
        while true {
            condition.lock()
            while head == queue.count && !stopping { condition.wait() }
            if head == queue.count {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = queue[head]
            head += 1
            if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job(scratch)
        }
    }

    /// Lets the threads finish what is queued and end; returns when they have, or after `limit`
    /// with false (a job that overran its deadline is still running: the process may exit without it).
    @discardableResult
    func stop(waitingAtMost limit: Duration? = nil) -> Bool {
        let until = limit.map { Date().addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while running > 0 {
            if let until {
                if !condition.wait(until: until) && running > 0 { return false }
            } else {
                condition.wait()
            }
        }
        return true
    }

    // MARK: Service

    /// Starts the threads and keeps them until the service group shuts down gracefully (the HTTP
    /// server, started after this service, stops first and answers what it has in hand).
    func run() async throws {
        start()
        logger.debug("audit workers started", metadata: ["workers": "\(count)"])
        try? await gracefulShutdown()
        // By now the HTTP server has answered every request; only a job that overran its deadline
        // can still be running, and shutting down does not wait long for it.
        if await stopAndWait(waitingAtMost: grace + .seconds(1)) {
            logger.debug("audit workers stopped")
        } else {
            logger.warning("an audit that overran its time budget is still running; stopping without it")
        }
    }

    /// `stop()` without blocking a thread of Swift's cooperative pool (waiting for threads blocks).
    @discardableResult
    func stopAndWait(waitingAtMost limit: Duration? = nil) async -> Bool {
        await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            Thread { [self] in
                done.resume(returning: stop(waitingAtMost: limit))
            }.start()
        }
    }
}

/// A continuation resumed exactly once, by whichever comes first: the worker or the timer.
private final class Answer<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?
    private var given = false
    private var _timer: Task<Void, Never>?

    var isGiven: Bool { lock.withLock { given } }

    var timer: Task<Void, Never>? {
        get { lock.withLock { _timer } }
        set {
            lock.lock()
            if given { newValue?.cancel() } else { _timer = newValue }
            lock.unlock()
        }
    }

    func wait(with continuation: CheckedContinuation<Value, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func give(_ value: Value) {
        lock.lock()
        guard !given, let continuation else { return lock.unlock() }
        given = true
        self.continuation = nil
        let timer = _timer
        _timer = nil
        lock.unlock()
        timer?.cancel()
        continuation.resume(returning: value)
    }
}
