import ClauseRules
import Foundation

/// How `clause-audit serve` runs. The defaults suit one reviewer on their own machine.
public struct ServerConfiguration: Sendable {
    /// The address to bind. Loopback by default: the page is for the person at this machine.
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (tests).
    public var port = 8080
    /// Larger request bodies get 413 before they are read to the end.
    public var maxBodyBytes = 5 * 1024 * 1024
    /// From the request's arrival to its answer: reading the body, waiting for a worker, the audit
    /// and the page. Past it the answer is 503.
    public var timeBudget: Duration = .seconds(10)
    /// Threads that run audits (one `MatchScratch` each).
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Requests that may wait for a worker; more get 503 at once.
    public var maxQueued = 64
    /// Connections served at once; more wait in the listen backlog.
    public var maxConnections = 128
    /// Findings below this severity are left out of every answer (`--min-severity`, or the
    /// configuration file's).
    public var minSeverity: Severity = .info
    /// A connection idle this long is closed.
    public var idleTimeout: Duration = .seconds(30)

    public init() {}

    /// True when the server is reachable only from this machine.
    public var isLoopback: Bool {
        Self.isLoopbackName(host)
    }

    /// `localhost`, `::1`, or an IPv4 address in 127.0.0.0/8 (all four parts numbers: a name such
    /// as 127.0.0.1.example.com is not loopback).
    static func isLoopbackName(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }
    }

    /// "5 MB", "512 KB": the limit as the page states it.
    public static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KB" }
        return "\(bytes) 字节"
    }
}
