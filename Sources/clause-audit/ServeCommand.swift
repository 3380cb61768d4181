import ArgumentParser
import ClauseAudit
import ClauseModels
import ClauseRules
import ClauseServer
import Foundation
import Logging

/// `clause-audit serve`: a local web page to paste a contract into, and a JSON API. Parses the
/// options and starts the server; everything else is in ClauseServer.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "本地网页与 JSON 接口（a local web page and JSON API; stops on Ctrl-C or SIGTERM）")

    @Option(help: "Address to listen on. Anything but loopback lets other machines in, and is logged as such.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "Largest request body, e.g. 5MB or 512K; larger requests get 413.")
    var maxBody = ByteSize(5 << 20)

    @Option(name: .customLong("time-budget"), help: "Seconds a request may take, waiting and auditing included; past it the answer is 503.")
    var timeBudget: Double = 10

    @Option(help: "Threads that run audits (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(help: "Rule pack directory (default: the bundled clause-rules/).")
    var rules: String?

    @Option(help: "Configuration file (default: .clause-audit.yml found upward from the working directory).")
    var config: String?

    @Option(name: .customLong("min-severity"), help: "Report only findings at or above this severity: info, warning or error.")
    var minSeverity: Severity?

    @Option(help: "Model-contract profiles for the page's model menu (default: the bundled model-contracts/).")
    var profiles: String?

    func validate() throws {
        guard (0 ... 65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBody.bytes > 0 else { throw ValidationError("--max-body must be more than 0") }
        guard timeBudget > 0 else { throw ValidationError("--time-budget must be more than 0 seconds") }
        guard workers > 0 else { throw ValidationError("--workers must be at least 1") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
    }

    func run() throws {
        // Everything a request needs is loaded once, before the first request: rules, the
        // configuration file, the model profiles. A problem with any of them is exit 2.
        guard let directory = rules ?? RulePack.bundledDirectory() else {
            throw Failure("cannot find the rule pack clause-rules/; pass --rules DIR")
        }
        let engine: RuleEngine
        let settings: Configuration
        do {
            engine = try RuleEngine(directory: directory)
            settings = try Configuration.resolve(explicit: config, workingDirectory: FileManager.default.currentDirectoryPath)
            try settings.validate(against: engine.pack)
        } catch {
            throw Failure(error.description)
        }
        let auditor = Auditor(engine: engine, configuration: settings)
        var models: ProfileModels? = nil
        if let directory = profiles ?? ProfileLibrary.bundledDirectory() {
            do { models = ProfileModels(library: try ProfileLibrary.load(directory: directory), auditor: auditor) } catch { throw Failure(error.description) }
        }

        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBody.bytes
        configuration.timeBudget = .milliseconds(Int(timeBudget * 1000))
        configuration.workers = workers
        configuration.minSeverity = minSeverity ?? settings.minSeverity ?? .info
        let server = AuditServer(configuration: configuration, auditor: auditor, models: models)

        // ArgumentParser calls a synchronous run(); the server is async. Wait here until it stops
        // (SIGINT or SIGTERM shut it down gracefully).
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await server.run() } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.get() { throw Failure("serve: \(error)") }
    }
}

private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.withLock { self.error = error } }
    func get() -> (any Error)? { lock.withLock { error } }
}
