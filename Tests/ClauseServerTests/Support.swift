import ClauseAudit
import ClauseReport
import ClauseRules
@testable import ClauseServer
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import Testing

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

/// The bundled rule pack, compiled once for all tests.
let engine: RuleEngine = {
    do {
        return try RuleEngine(directory: repositoryRoot + "/clause-rules")
    } catch {
        fatalError("the bundled rule pack does not load: \(error)")
    }
}()

let auditor = Auditor(engine: engine)

/// A contract of our own with one finding each of C5, C2 and C3, and a pasted script.
let sampleContract = """
第一条 本店保留最终解释权。
第二条 商品一经售出，概不退换。<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>
第三条 因本合同发生争议，由本公司所在地人民法院管辖。<img src=x onerror="document.title='PWNED'">
"""

func server(_ change: (inout ServerConfiguration) -> Void = { _ in }, models: (any ModelComparisonProvider)? = nil) -> AuditServer {
    var configuration = ServerConfiguration()
    configuration.port = 0
    configuration.workers = 2
    change(&configuration)
    var logger = Logger(label: "test")
    logger.logLevel = .error
    return AuditServer(configuration: configuration, auditor: auditor, models: models, logger: logger)
}

/// The JSON report the CLI would write for these bytes (one line).
func expectedJSON(_ bytes: [UInt8], path: String, options: Auditor.Options) -> String {
    let result = auditor.audit(bytes, path: path, options: options, scratch: MatchScratch())
    return JSONReport.value(result, rulesVersion: engine.pack.version).serialized() + "\n"
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// A multipart/form-data body as a browser sends it.
struct Multipart {
    let boundary = "----clauseAuditTestBoundary7MA4YWxk"
    var body: [UInt8] = []

    mutating func field(_ name: String, _ value: String) {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n".utf8)
        body += Array(value.utf8) + [0x0D, 0x0A]
    }

    mutating func file(_ name: String, filename: String, type: String = "application/octet-stream", _ data: [UInt8]) {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += data + [0x0D, 0x0A]
    }

    var finished: ByteBuffer { ByteBuffer(bytes: body + Array("--\(boundary)--\r\n".utf8)) }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

/// `application/x-www-form-urlencoded` as a browser encodes it.
func urlEncoded(_ fields: [(String, String)]) -> ByteBuffer {
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._*")
    let encoded = fields.map { key, value in
        let v = value.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
        return "\(key)=\(v)"
    }.joined(separator: "&")
    return ByteBuffer(string: encoded)
}

/// `../shared` beside the repository, when it is there.
let sharedFolder: String? = {
    let path = (repositoryRoot as NSString).deletingLastPathComponent + "/shared"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// A request written byte for byte to a loopback socket, for what an HTTP client will not send
/// (another Host, a body with no length); reads the answer until the server closes or the head and
/// its Content-Length are in.
/// Runs on a thread of its own: blocking socket calls must not hold Swift's cooperative pool, which
/// the server under test needs.
func rawHTTP(port: Int, _ request: [UInt8]) async throws -> (status: Int, head: String, body: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try blockingHTTP(port: port, request) })
        }.start()
    }
}

private func blockingHTTP(port: Int, _ request: [UInt8]) throws -> (status: Int, head: String, body: String) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    var timeout = timeval(tv_sec: 20, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    // The server may answer (413) before the body is all sent; stop writing then.
    var sent = 0
    while sent < request.count {
        let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n <= 0 { break }
        sent += n
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        received += buffer[0 ..< n]
        let text = String(decoding: received, as: UTF8.self)
        if let end = text.range(of: "\r\n\r\n") {
            let head = String(text[..<end.lowerBound])
            let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
            if let length, text.utf8.count - text[..<end.upperBound].utf8.count >= length { break }
        }
    }
    let text = String(decoding: received, as: UTF8.self)
    guard let end = text.range(of: "\r\n\r\n"), let status = Int(text.split(separator: " ")[1]) else { throw POSIXError(.EBADMSG) }
    return (status, String(text[..<end.lowerBound]), String(text[end.upperBound...]))
}
