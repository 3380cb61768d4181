import ArgumentParser
import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation

/// `clause-audit audit`: the bulk face. Walks folders and path lists, audits on all cores, streams one
/// record per document, writes a summary. Exit status: 0 nothing at or above the gate; 1 findings;
/// 2 when any document could not be audited (its error record is in the output and the run went on),
/// or for usage errors.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "批量审查（audit folders of documents in parallel, one record per document）",
        discussion: """
        Every path found appears in the output: with its findings, or with an error record (not-found,
        unreadable, unsupported-format, too-large, binary, undecodable, broken-docx, ...); the run goes on.
        Exit status: 0 clean, 1 findings at or above --min-severity, 2 if any document could not be
        audited (the reason is in its record; one line on standard error says how many) or on usage errors.
        """)

    @Argument(help: "Folders to walk and files to audit.")
    var paths: [String] = []

    @Option(name: .customLong("from"), help: "Also audit the paths listed in this file, one per line ('-' reads standard input).")
    var listFile: String?

    @Option(help: "Record format: jsonl (one report object per line) or csv (one row per finding).")
    var format: ReportFormat = .jsonl

    @Option(parsing: .singleValue, help: "Only files matching this glob (relative to the folder walked; repeatable).")
    var include: [String] = []

    @Option(parsing: .singleValue, help: "Leave out files and folders matching this glob (repeatable).")
    var exclude: [String] = []

    @Option(name: .customLong("ext"), parsing: .singleValue,
            help: "Extensions a folder walk takes, e.g. --ext html,md,txt (default: txt md html docx and the document formats that get an unsupported-format record: doc pdf rtf odt wps ...).")
    var extensions: [String] = []

    @Flag(help: "Also walk hidden files and folders.")
    var hidden = false

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Largest file to read, e.g. 50MB, 512K or a byte count (larger ones get a too-large record).")
    var maxSize: ByteSize = ByteSize(BulkOptions.defaultMaxSize)

    @Option(help: "Write the summary to this file (format from its extension: .txt, .csv, .html, .json).")
    var summary: String?

    @Option(help: "Summary format instead of the one the extension says: text, csv, html or json.")
    var summaryFormat: SummaryReport.Format?

    @Option(help: "Write one HTML report per document and an index.html linking them into this folder.")
    var reportDir: String?

    @Flag(help: "Continue an interrupted run: keep the records in --output, audit only the paths not there, append.")
    var resume = false

    @Option(help: "Progress bar on standard error: auto (when it is a terminal), always or never.")
    var progress: ColorChoice = .auto

    @OptionGroup var common: CommonOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        guard [.jsonl, .csv].contains(format) else {
            throw ValidationError("audit writes jsonl or csv records; '\(format.rawValue)' is not available here (see --report-dir for HTML)")
        }
        guard !paths.isEmpty || listFile != nil else { throw ValidationError("name folders or files to audit, or --from FILE") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if resume {
            guard common.output != nil else { throw ValidationError("--resume continues the file given with --output") }
            guard format == .jsonl else { throw ValidationError("--resume reads back jsonl records; use --format jsonl") }
        }
    }

    func run() throws {
        do { try input.auditOptions.validate() } catch { throw Failure("--encoding: \(error.message)") }
        let auditor = try common.auditor()
        let rulesVersion = auditor.engine.pack.version
        var source = DocumentSource(roots: paths, listFile: listFile,
                                    filter: DocumentFilter(extensions: extensions, include: include.map(PathGlob.init),
                                                           exclude: (exclude + (auditor.configuration?.exclude ?? [])).map(PathGlob.init),
                                                           hidden: hidden))

        var summary = BulkSummary()
        var skip = Set<String>()
        if resume, let output = common.output {
            do {
                let state = try BulkResume.load(output, summary: summary)
                summary = state.summary
                skip = state.done
            } catch let error as AuditError {
                throw Failure(error.message)
            }
        }
        let writer = try RecordWriter(path: common.output, append: resume, csv: format == .csv)
        let reports = try reportDir.map { dir in
            do { return try ReportDirectory(root: dir, rulesVersion: rulesVersion, resume: resume) } catch {
                throw Failure("cannot write reports into \(dir): \(error.localizedDescription)")
            }
        }

        source.excludeOwn([common.output, reportDir, self.summary].compactMap { $0 })
        let options = BulkOptions(jobs: jobs, maxSize: maxSize.bytes, audit: input.auditOptions,
                                  minSeverity: common.gate(auditor.configuration), skip: skip)
        let runner = BulkRunner(auditor: auditor, options: options)
        let meter = ProgressMeter(enabled: showProgress, source: source)
        let csv = format == .csv

        let started = Date()
        let counts = runner.run(source, transform: { item -> Rendered in
            let href = reports?.write(item)
            let record = csv ? CSVReport.rows(item.result, sha256: item.sha256, duplicateOf: item.duplicateOf)
                : BulkRecord.line(item, rulesVersion: rulesVersion)
            var light = item
            light.result.prepared = nil
            return Rendered(record: record, item: light, href: href)
        }, sink: { rendered in
            writer.write(rendered.record)
            summary.add(BulkDigest(rendered.item))
            summary.bytes += rendered.item.size
            if let reports, let href = rendered.href { reports.record(rendered.item, href: href) }
            meter.advance(bytes: rendered.item.size)
        })
        meter.finish()
        summary.seconds = Date().timeIntervalSince(started)
        summary.counts = counts
        try writer.close()

        if let reports {
            do { try reports.finish(summary) } catch { throw Failure("cannot write \(reports.root)/index.html: \(error.localizedDescription)") }
        }
        try writeSummary(summary)

        if summary.errors > 0 {
            let where_ = common.output ?? "the output"
            FileHandle.standardError.write(Data("clause-audit: \(summary.errors) of \(summary.documents) documents could not be audited; their error records are in \(where_)\n".utf8))
            throw ExitCode(2)
        }
        if summary.findings > 0 { throw ExitCode(1) }
    }

    private var showProgress: Bool {
        switch progress {
        case .always: true
        case .never: false
        case .auto: isatty(STDERR_FILENO) != 0
        }
    }

    private func writeSummary(_ summary: BulkSummary) throws {
        guard let path = self.summary else {
            // No file asked for: a person at a terminal still gets the figures, on standard error.
            if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data(("\n" + SummaryReport.text(summary)).utf8)) }
            return
        }
        let text: String
        switch summaryFormat ?? SummaryReport.Format(path: path) {
        case .text: text = SummaryReport.text(summary)
        case .csv: text = CSVReport.byteOrderMark + SummaryReport.csv(summary)
        case .html: text = SummaryReport.html(summary)
        case .json: text = SummaryReport.json(summary).serialized(pretty: true) + "\n"
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw Failure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// What a worker hands the writer: the record, the result without its text, the report's href.
private struct Rendered: Sendable {
    var record: String
    var item: BulkItem
    var href: String?
}

/// Writes records to a file or standard output as they come, each in one write so that an
/// interrupted run leaves whole lines (and at most one torn last line, which --resume cuts off).
private final class RecordWriter {
    let handle: FileHandle
    let isFile: Bool

    init(path: String?, append: Bool, csv: Bool) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            isFile = false
            if csv { handle.write(Data(CSVReport.header.utf8)) }
            return
        }
        let exists = FileManager.default.fileExists(atPath: path)
        if !append || !exists {
            // A CSV file opens in Excel and WPS as UTF-8 only with a byte order mark.
            let start = csv ? CSVReport.byteOrderMark + CSVReport.header : ""
            guard FileManager.default.createFile(atPath: path, contents: Data(start.utf8)) else {
                throw Failure("cannot write \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw Failure("cannot write \(path)") }
        handle.seekToEndOfFile()
        self.handle = handle
        isFile = true
    }

    func write(_ text: String) { handle.write(Data(text.utf8)) }

    func close() throws {
        if isFile { try handle.close() }
    }
}

/// The progress bar: redrawn at most ten times a second, on standard error, only when asked.
private final class ProgressMeter {
    let enabled: Bool
    let started = Date()
    var done = 0
    var bytes = 0
    var lastDraw = Date.distantPast
    let total = CensusBox()

    init(enabled: Bool, source: DocumentSource) {
        self.enabled = enabled
        guard enabled else { return }
        let box = total
        // Counting the corpus is cheap next to auditing it; done beside the run, it gives the bar its end.
        let thread = Thread { box.set(source.census()) }
        thread.start()
    }

    func advance(bytes count: Int) {
        done += 1
        bytes += count
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        draw()
    }

    func draw() {
        lastDraw = Date()
        let census = total.get()
        let line = ProgressLine.render(done: done, total: census?.documents, bytes: bytes, totalBytes: census?.bytes,
                                       seconds: Date().timeIntervalSince(started), width: terminalWidth())
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func finish() {
        guard enabled else { return }
        draw()
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}

private final class CensusBox: @unchecked Sendable {
    private var value: DiscoveryCounts?
    private let lock = NSLock()
    func set(_ counts: DiscoveryCounts) { lock.lock(); value = counts; lock.unlock() }
    func get() -> DiscoveryCounts? { lock.lock(); defer { lock.unlock() }; return value }
}

/// A size on the command line: a byte count or a number with K, M or G (binary units), with or without B.
struct ByteSize: ExpressibleByArgument {
    var bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }
    init?(argument: String) {
        var text = argument.uppercased().trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("IB") { text.removeLast(2) } else if text.hasSuffix("B") { text.removeLast() }
        var factor = 1
        if let last = text.last, let power = ["K": 1, "M": 2, "G": 3][String(last)] {
            factor = 1 << (10 * power)
            text.removeLast()
        }
        guard let value = Double(text), value >= 0 else { return nil }
        bytes = Int(value * Double(factor))
    }
    var defaultValueDescription: String { bytes % (1 << 20) == 0 ? "\(bytes >> 20)MB" : "\(bytes)" }
}

extension SummaryReport.Format: ExpressibleByArgument {}
