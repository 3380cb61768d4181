import ArgumentParser
import ClauseAudit
import ClauseReport
import ClauseRules
import ClauseText
import Foundation

/// Options every auditing command shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Rule pack directory (default: the bundled clause-rules/).")
    var rules: String?

    @Option(name: .customLong("min-severity"), help: "Report only findings at or above this severity: info, warning or error.")
    var minSeverityChoice: Severity?

    /// The gate when no configuration is at hand.
    var minSeverity: Severity { minSeverityChoice ?? .info }

    @Option(help: "Configuration file (default: .clause-audit.yml found upward from the working directory).")
    var config: String?

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Colour in text reports: auto, always or never.")
    var color: ColorChoice = .auto

    /// The engine for the chosen rule pack; a pack that does not load is a usage error (exit 2).
    func engine() throws -> RuleEngine {
        guard let directory = rules ?? RulePack.bundledDirectory() else {
            throw Failure("cannot find the rule pack clause-rules/; pass --rules DIR")
        }
        do {
            return try RuleEngine(directory: directory)
        } catch {
            throw Failure(error.description)
        }
    }

    /// The configuration (`--config`, or `.clause-audit.yml` found upward), checked against the pack.
    func configuration(for engine: RuleEngine) throws -> Configuration {
        do {
            let configuration = try Configuration.resolve(explicit: config, workingDirectory: FileManager.default.currentDirectoryPath)
            try configuration.validate(against: engine.pack)
            return configuration
        } catch {
            throw Failure(error.description)
        }
    }

    /// The auditor for the chosen rule pack and configuration.
    func auditor() throws -> Auditor {
        let engine = try engine()
        return Auditor(engine: engine, configuration: try configuration(for: engine))
    }

    /// The gate: the command line's, else the configuration's, else everything.
    func gate(_ configuration: Configuration?) -> Severity {
        minSeverityChoice ?? configuration?.minSeverity ?? .info
    }

    func useColor() -> Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: output == nil && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }

    /// Writes the report where the user asked.
    func emit(_ text: String) throws {
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw Failure("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// Options for reading documents.
struct InputOptions: ParsableArguments {
    @Option(help: "Read the input in this encoding instead of detecting it (UTF-8, GB18030, Big5, UTF-16LE, ...).")
    var encoding: String?

    @Flag(help: "Replace undecodable bytes with U+FFFD and warn, instead of failing.")
    var lenient = false

    @Option(help: "Input format instead of the one the extension says: text, markdown, html or docx.")
    var inputFormat: InputFormat?

    var auditOptions: Auditor.Options {
        Auditor.Options(encoding: encoding, lenient: lenient, format: inputFormat)
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

extension Severity: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// A one-line reason on standard error and exit status 2.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
