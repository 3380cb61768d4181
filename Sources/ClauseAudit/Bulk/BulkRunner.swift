import ClauseRules
import ClauseText
import Foundation

/// How a bulk run reads and audits.
public struct BulkOptions: Sendable {
    /// Worker threads (each with its own matchers).
    public var jobs: Int
    /// Files larger than this many bytes get a `too-large` record without being read.
    public var maxSize: Int
    public var audit: Auditor.Options
    public var minSeverity: Severity
    /// Paths already done (`--resume`): not audited again.
    public var skip: Set<String>
    /// How many distinct documents' results are kept for recognising identical ones, and how many
    /// findings they may hold together. Identical documents further apart than this are audited
    /// again (same result, more time); memory stays bounded either way.
    public var dedupeWindow: Int
    public var dedupeFindings: Int

    public static let defaultMaxSize = 50 << 20

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, maxSize: Int = BulkOptions.defaultMaxSize,
                audit: Auditor.Options = .init(), minSeverity: Severity = .info, skip: Set<String> = [],
                dedupeWindow: Int = 4096, dedupeFindings: Int = 20_000) {
        self.jobs = max(1, jobs)
        self.maxSize = maxSize
        self.audit = audit
        self.minSeverity = minSeverity
        self.skip = skip
        self.dedupeWindow = max(1, dedupeWindow)
        self.dedupeFindings = max(0, dedupeFindings)
    }
}

/// One document of a bulk run, finished.
public struct BulkItem: Sendable {
    /// The path as discovered (what the record names).
    public var path: String
    /// Bytes read (0 when the file was not read).
    public var size: Int
    /// SHA-256 of the bytes, when they were read.
    public var sha256: String?
    /// The audit. `prepared` is there for a document audited now, nil for one whose result was
    /// taken from an identical document.
    public var result: AuditResult
    /// The first path with the same content, when this result was taken from it.
    public var duplicateOf: String?

    public init(path: String, size: Int, sha256: String?, result: AuditResult, duplicateOf: String? = nil) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.result = result
        self.duplicateOf = duplicateOf
    }
}

/// What a bulk run went through.
public struct BulkRunCounts: Sendable, Equatable {
    public var discovery = DiscoveryCounts()
    /// Documents left out because the output already had them (`--resume`).
    public var resumed = 0
    /// Documents whose result was taken from an identical one.
    public var duplicates = 0
    public init() {}
}

/// Audits many documents on all cores. Discovery, workers and the writer are joined by bounded
/// queues, so memory does not grow with the corpus; results come out as documents finish.
public final class BulkRunner: Sendable {
    public let auditor: Auditor
    public let options: BulkOptions

    public init(auditor: Auditor, options: BulkOptions) {
        self.auditor = auditor
        self.options = options
    }

    /// Runs over `source`. `transform` runs on the worker that finished the document (render reports
    /// there, while the text is at hand); `sink` runs on the calling thread, one output at a time in
    /// the order documents finish.
    @discardableResult
    public func run<Output: Sendable>(_ source: DocumentSource,
                                      transform: @escaping @Sendable (BulkItem) -> Output,
                                      sink: (Output) -> Void) -> BulkRunCounts {
        let jobs = BoundedQueue<DocumentPath>(capacity: options.jobs * 4)
        let outputs = BoundedQueue<Output>(capacity: options.jobs * 4)
        let counts = Locked(BulkRunCounts())
        let running = Locked(options.jobs)
        let table = DedupeTable(window: options.dedupeWindow, findings: options.dedupeFindings)
        let skip = options.skip

        let producer = Thread {
            var resumed = 0
            let discovery = source.forEach { path in
                if skip.contains(path.path) {
                    resumed += 1
                } else {
                    jobs.push(path)
                }
            }
            counts.withLock {
                $0.discovery = discovery
                $0.resumed = resumed
            }
            jobs.close()
        }
        producer.stackSize = 1 << 20
        producer.start()

        for _ in 0 ..< options.jobs {
            let worker = Thread { [self] in
                let scratch = MatchScratch()
                while let job = jobs.pop() {
                    for item in process(job, table: table, scratch: scratch) {
                        if item.duplicateOf != nil { counts.withLock { $0.duplicates += 1 } }
                        outputs.push(transform(item))
                    }
                }
                if running.withLock({ $0 -= 1; return $0 }) == 0 { outputs.close() }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }

        while let output = outputs.pop() { sink(output) }
        return counts.withLock { $0 }
    }

    /// One job: zero items when the document waits for an identical one being audited, one item
    /// usually, more when identical documents waited for this one.
    func process(_ job: DocumentPath, table: DedupeTable, scratch: MatchScratch) -> [BulkItem] {
        let format = options.audit.format ?? InputFormat(path: job.path)
        func failed(_ code: String, _ message: String, size: Int = 0) -> [BulkItem] {
            [BulkItem(path: job.path, size: size, sha256: nil,
                      result: AuditResult(document: DocumentInfo(path: job.path, format: format),
                                          error: AuditError(code: code, message: message)))]
        }
        if let problem = job.problem { return failed(problem.code, problem.message) }
        if options.audit.format == nil && DocumentFilter.isUnsupported(job.path) {
            return failed("unsupported-format", "不支持的文件格式，请转换为 .docx、.html、.md 或 .txt 后再审查（unsupported format）")
        }
        guard let info = FileInfo(job.path) else { return failed("not-found", "文件不存在（no such file）") }
        guard info.isRegular else { return failed("not-a-file", "不是普通文件（not a regular file）") }
        guard info.size <= options.maxSize else {
            return failed("too-large", "文件过大：\(info.size) 字节，上限 \(options.maxSize) 字节（too large; raise --max-size）", size: 0)
        }
        guard let data = FileManager.default.contents(atPath: job.path) else {
            return failed("unreadable", "无法读取文件（cannot read the file）")
        }
        guard data.count <= options.maxSize else {
            return failed("too-large", "文件过大：\(data.count) 字节，上限 \(options.maxSize) 字节（too large; raise --max-size）")
        }
        let bytes = [UInt8](data)
        let sha = SHA256.hex(bytes)
        let key = DedupeTable.Key(sha256: sha, format: format)
        switch table.claim(key, path: job.path, size: bytes.count) {
        case .wait:
            return []
        case let .reuse(result, first):
            var copy = result
            copy.document.path = job.path
            return [BulkItem(path: job.path, size: bytes.count, sha256: sha, result: copy, duplicateOf: first)]
        case .audit:
            var result = auditor.audit(bytes, path: job.path, options: options.audit, scratch: scratch)
            result.findings = result.findings(atLeast: options.minSeverity)
            var kept = result
            kept.prepared = nil
            let waiters = table.finish(key, result: kept, path: job.path)
            var items = [BulkItem(path: job.path, size: bytes.count, sha256: sha, result: result)]
            for waiter in waiters {
                var copy = result
                copy.document.path = waiter.path
                items.append(BulkItem(path: waiter.path, size: waiter.size, sha256: sha, result: copy, duplicateOf: job.path))
            }
            return items
        }
    }
}

/// Results by content, for auditing identical documents once. Documents in flight are never
/// forgotten (their twins wait for them); finished ones are kept for the last `window` documents, and
/// fewer when their findings together pass `findings`.
final class DedupeTable: @unchecked Sendable {
    struct Key: Hashable { var sha256: String; var format: InputFormat }
    struct Waiter { var path: String; var size: Int }
    enum Claim { case audit, wait, reuse(AuditResult, first: String) }
    private enum State { case running([Waiter]), done(AuditResult, first: String) }

    private var states: [Key: State] = [:]
    private var finished: [Key] = []
    private var oldest = 0
    private var heldFindings = 0
    private let window: Int
    private let findingLimit: Int
    private let lock = NSLock()

    init(window: Int, findings: Int) {
        self.window = window
        findingLimit = findings
    }

    func claim(_ key: Key, path: String, size: Int) -> Claim {
        lock.lock()
        defer { lock.unlock() }
        switch states[key] {
        case nil:
            states[key] = .running([])
            return .audit
        case var .running(waiters):
            waiters.append(Waiter(path: path, size: size))
            states[key] = .running(waiters)
            return .wait
        case let .done(result, first):
            return .reuse(result, first: first)
        }
    }

    /// Stores the result and hands back the documents that waited for it.
    func finish(_ key: Key, result: AuditResult, path: String) -> [Waiter] {
        lock.lock()
        defer { lock.unlock() }
        guard case let .running(waiters) = states[key] else { return [] }
        states[key] = .done(result, first: path)
        finished.append(key)
        heldFindings += result.findings.count
        while finished.count - oldest > window || (heldFindings > findingLimit && finished.count - oldest > 1) {
            if case let .done(old, _) = states[finished[oldest]] { heldFindings -= old.findings.count }
            states[finished[oldest]] = nil
            oldest += 1
        }
        if oldest > 1024 && oldest * 2 > finished.count {
            finished.removeFirst(oldest)
            oldest = 0
        }
        return waiters
    }
}
