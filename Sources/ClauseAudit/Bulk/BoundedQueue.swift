import Foundation

/// A first-in first-out queue of limited size shared by threads: `push` waits while it is full, `pop`
/// waits while it is empty and returns nil once it is closed and drained. The limit is what keeps a
/// bulk run's memory flat: discovery cannot run ahead of the workers, nor the workers ahead of the
/// writer.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private var items: [Element?]
    private var head = 0, count = 0
    private var closed = false
    private let condition = NSCondition()

    init(capacity: Int) {
        items = Array(repeating: nil, count: max(1, capacity))
    }

    func push(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        while count == items.count && !closed { condition.wait() }
        guard !closed else { return }
        items[(head + count) % items.count] = element
        count += 1
        condition.broadcast()
    }

    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed { condition.wait() }
        guard count > 0 else { return nil }
        let element = items[head]
        items[head] = nil
        head = (head + 1) % items.count
        count -= 1
        condition.broadcast()
        return element
    }

    /// No more pushes; poppers drain what is left, then get nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A value guarded by a lock, for the few counters threads share.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
