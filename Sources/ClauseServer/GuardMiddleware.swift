import HTTPTypes
import Hummingbird
import Logging

/// Runs around every request: turns away a foreign Host when bound to loopback (a page elsewhere
/// that rebinds its DNS name to 127.0.0.1 must not be able to use the server), puts the security
/// headers on every answer, and logs one line per request, without any of its content.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    var loopbackOnly: Bool

    /// The policy for answers that are not pages (JSON, errors): nothing may load or run.
    static var strictPolicy: String { "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        if loopbackOnly, let authority = request.head.authority, !Self.isLoopbackAuthority(authority) {
            response = Response(status: .misdirectedRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "this server answers only to localhost and 127.0.0.1 (Host: \(authority))\n")))
        } else {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                // The router's own answers (404 for an unknown path): plain text with the headers below.
                response = Response(status: error.status, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: "\(error.status.code) \(error.status.reasonPhrase)\n")))
            }
        }
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.strictPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.cacheControl] = "no-store"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        response.headers[.crossOriginResourcePolicy] = "same-origin"
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code)",
                            metadata: ["ms": "\((ms * 10).rounded() / 10)"])
        return response
    }

    /// `localhost`, `127.0.0.1`, `[::1]`, with or without a port.
    static func isLoopbackAuthority(_ authority: String) -> Bool {
        var host = Substring(authority)
        if host.hasPrefix("[") {
            host = host.dropFirst().prefix { $0 != "]" }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return ServerConfiguration.isLoopbackName(String(host))
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
}
