import ClauseAudit
import ClauseRules
import ClauseText
import Foundation

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

/// `../shared` beside the repository, when it is there.
let sharedFolder: String? = {
    let path = (repositoryRoot as NSString).deletingLastPathComponent + "/shared"
    return FileManager.default.fileExists(atPath: path + "/corpus") ? path : nil
}()

/// The bundled rule pack, compiled once for all tests.
let bundledEngine: RuleEngine = {
    do {
        return try RuleEngine(directory: repositoryRoot + "/clause-rules")
    } catch {
        fatalError("the bundled rule pack does not load: \(error)")
    }
}()

let bundledAuditor = Auditor(engine: bundledEngine)

func audit(_ text: String, path: String = "contract.txt") -> AuditResult {
    bundledAuditor.audit(Array(text.utf8), path: path, scratch: MatchScratch())
}

func audit(bytes: [UInt8], path: String = "contract.txt", options: Auditor.Options = .init()) -> AuditResult {
    bundledAuditor.audit(bytes, path: path, options: options, scratch: MatchScratch())
}

/// The code points of `text` in [start, end): what a span must point at.
func slice(_ text: String, _ span: SourceSpan) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[span.start ..< span.end])
    return String(out)
}

/// Runs the built `clause-audit` with arguments and standard input; returns status, stdout, stderr.
func runTool(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, out: String, err: String) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("clause-audit")
    let candidates = [binary.path, repositoryRoot + "/.build/debug/clause-audit"]
    guard let path = candidates.first(where: FileManager.default.isExecutableFile) else {
        throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}
