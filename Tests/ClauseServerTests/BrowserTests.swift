import ClauseReport
@testable import ClauseServer
import Foundation
import Testing

/// End to end: the built `clause-audit serve` on a free loopback port, Debian's headless chromium
/// loading the page and submitting a contract, the rendered DOM checked, then SIGTERM. Skipped, with
/// the reason, where chromium is not installed.
@Suite(.serialized) struct BrowserTests {
    static let chromium: String? = {
        if let given = ProcessInfo.processInfo.environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: given) { return given }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first(where: FileManager.default.isExecutableFile)
    }()

    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install -y chromium fonts-noto-cjk); the browser test is skipped"))
    func aSubmittedContractIsHighlightedAndItsScriptNeverRuns() async throws {
        let server = try await ServerProcess.start([])
        let base = "http://127.0.0.1:\(server.port)"

        // The page as the browser builds it: the form, whose fields the submission below uses.
        let index = try await browser(["--dump-dom", base + "/"])
        #expect(index.contains("<form class=\"card\" method=\"post\" action=\"/audit\" enctype=\"multipart/form-data\" accept-charset=\"utf-8\">"))
        #expect(index.contains("<textarea id=\"text\" name=\"text\""))
        #expect(index.contains("<select id=\"model\" name=\"model\">"))

        // Submit as the page's form does (multipart, same fields), from a page that posts on load.
        let form = """
        <!DOCTYPE html><meta charset="utf-8"><form id="f" method="post" action="\(base)/audit" enctype="multipart/form-data">\
        <textarea name="text">\(HTML.escape(sampleContract))</textarea><input name="format" value="text"><input name="model" value="auto">\
        </form><script>document.getElementById("f").submit()</script>
        """
        let dataURL = "data:text/html;charset=utf-8," + form.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let dom = try await browser(["--virtual-time-budget=10000", "--dump-dom", dataURL])

        // The result page, with its own script run (the filter shows and counts), so the policy's
        // hashes are right.
        #expect(dom.contains("<title>审查报告 · 粘贴的文本</title>"))
        #expect(dom.contains("<nav id=\"filters\" class=\"filters\">"))
        #expect(dom.contains("<span id=\"shown\" class=\"shown\">显示 3 / 3 处</span>"))
        // Each finding highlighted in its category's colour.
        #expect(dom.contains("<mark class=\"hl bg-C5\" data-f=\"d1-1\">本店保留最终解释权</mark>"))
        #expect(dom.contains("<mark class=\"hl bg-C2\" data-f=\"d1-2\">一经售出，概不退换</mark>"))
        #expect(dom.contains("<mark class=\"hl bg-C3\" data-f=\"d1-3\">本公司所在地人民法院</mark>"))
        // The pasted script and image are text on the page, and neither ran.
        #expect(dom.contains("&lt;script&gt;document.title=\"PWNED\";document.body.setAttribute(\"data-pwned\",\"1\")&lt;/script&gt;"))
        #expect(dom.contains("&lt;img src=x onerror=\"document.title='PWNED'\"&gt;"))
        #expect(!dom.contains("<title>PWNED</title>"))
        #expect(!dom.contains("data-pwned=\"1\""))
        #expect(!dom.contains("<img"))

        // SIGTERM: the server stops cleanly.
        let status = try await server.stop(signal: SIGTERM)
        #expect(status == 0)
    }

    /// Runs chromium headless with a throwaway profile; returns what it printed.
    func browser(_ arguments: [String]) async throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("clause-audit-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let output = try await runProcess(Self.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                            "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments)
        return output
    }
}

/// `clause-audit serve` itself, started and stopped by signal, without chromium.
@Suite(.serialized) struct ServeCommandTests {
    @Test func sigintStopsTheServerCleanlyAndABindElsewhereIsLogged() async throws {
        let server = try await ServerProcess.start(["--host", "0.0.0.0"])
        let health = try await rawHTTP(port: server.port, Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        #expect(health.status == 200)
        #expect(server.log.contains("[ClauseServer] listening on http://0.0.0.0:\(server.port)/"))
        #expect(server.log.contains("warning clause-audit.serve: [ClauseServer] bound to 0.0.0.0, not loopback: other machines can reach this server, and contracts sent to it travel unencrypted"))
        let status = try await server.stop(signal: SIGINT)
        #expect(status == 0)
    }

    @Test func badOptionsAreUsageErrors() async throws {
        let (status, _, err) = try await ServerProcess.run(["serve", "--port", "70000"])
        #expect(status == 2)
        #expect(err.contains("--port must be between 0 and 65535"))
    }
}

/// The built executable, beside the test bundle.
let executable: String? = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clause-audit").path
    return [beside, repositoryRoot + "/.build/debug/clause-audit"].first(where: FileManager.default.isExecutableFile)
}()

/// A running `clause-audit serve --port 0`, its port read from its log.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    private let output: Locked<String>

    var log: String { output.value }

    private init(process: Process, port: Int, output: Locked<String>) {
        self.process = process
        self.port = port
        self.output = output
    }

    /// A test that fails before `stop` must not leave its server running.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    static func start(_ arguments: [String]) async throws -> ServerProcess {
        let path = try #require(executable, "build clause-audit first (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["serve", "--port", "0", "--rules", repositoryRoot + "/clause-rules"] + arguments
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let output = Locked("")
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.update { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(120) {
            if let port = Self.port(in: output.value) { return ServerProcess(process: process, port: port, output: output) }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw ServerFailure(log: output.value)
    }

    struct ServerFailure: Error, CustomStringConvertible {
        var log: String
        var description: String { "the server did not start:\n\(log)" }
    }

    static func port(in log: String) -> Int? {
        guard let range = log.range(of: "[ClauseServer] listening on http://") else { return nil }
        let rest = log[range.upperBound...]
        guard let colon = rest.firstIndex(of: ":"), let slash = rest[colon...].firstIndex(of: "/") else { return nil }
        return Int(rest[rest.index(after: colon) ..< slash])
    }

    /// Sends the signal and waits (at most 20 s) for the exit status.
    func stop(signal: Int32) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        let started = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - started < .seconds(60) {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            process.terminate()
            Issue.record("the server did not stop within 20 s of signal \(signal):\n\(log)")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs the executable to its end: status, standard output, standard error.
    static func run(_ arguments: [String]) async throws -> (Int32, String, String) {
        let path = try #require(executable, "build clause-audit first (swift build)")
        let out = try await runProcess(path, arguments, withStatus: true)
        return (out.status, out.stdout, out.stderr)
    }
}

/// Runs a program on a thread of its own (it blocks), with a 90 s limit; returns standard output.
func runProcess(_ path: String, _ arguments: [String]) async throws -> String {
    try await runProcess(path, arguments, withStatus: true).stdout
}

func runProcess(_ path: String, _ arguments: [String], withStatus: Bool) async throws -> (status: Int32, stdout: String, stderr: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: path)
                process.arguments = arguments
                let out = Pipe(), err = Pipe()
                process.standardOutput = out
                process.standardError = err
                try process.run()
                let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: killer)
                // Read both pipes to their ends so neither fills up.
                let errData = Locked(Data())
                let errRead = DispatchSemaphore(value: 0)
                Thread {
                    let data = err.fileHandleForReading.readDataToEndOfFile()
                    errData.update { $0 = data }
                    errRead.signal()
                }.start()
                let outData = out.fileHandleForReading.readDataToEndOfFile()
                errRead.wait()
                process.waitUntilExit()
                killer.cancel()
                return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.value, as: UTF8.self))
            })
        }.start()
    }
}
