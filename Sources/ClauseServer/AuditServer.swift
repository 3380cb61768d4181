import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// `clause-audit serve`: the page and the JSON API over one shared `Auditor`.
///
/// Routes: `GET /` (the form), `POST /audit` (the annotated result page), `POST /api/audit` (the
/// spec's JSON report), `GET /api/rules`, `GET /healthz`.
///
/// Nothing from a request is kept after its answer; requests never name files on this machine
/// (an upload's name is only a label); audits run on `AuditWorkers`, each request within its time
/// budget.
public struct AuditServer: Sendable {
    public let configuration: ServerConfiguration
    public let auditor: Auditor
    public let models: (any ModelComparisonProvider)?
    let logger: Logger
    let workers: AuditWorkers

    public init(configuration: ServerConfiguration, auditor: Auditor, models: (any ModelComparisonProvider)? = nil,
                logger: Logger = Logger(label: "clause-audit.serve")) {
        self.configuration = configuration
        self.auditor = auditor
        self.models = models
        self.logger = logger
        workers = AuditWorkers(count: configuration.workers, maxQueued: configuration.maxQueued, logger: logger)
    }

    var rules: RulePack { auditor.engine.pack }

    /// The Hummingbird application: routes, the guard middleware, the worker threads as a service.
    /// `onRunning` gets the port actually bound (useful with port 0).
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(GuardMiddleware(loopbackOnly: configuration.isLoopback))
        router.get("/") { request, _ in self.index(request) }
        router.post("/audit") { request, _ in await self.auditPage(request) }
        router.post("/api/audit") { request, _ in await self.auditJSON(request) }
        router.get("/api/rules") { _, _ in self.rulesJSON() }
        router.get("/healthz") { _, _ in self.health() }

        let config = configuration
        let logger = self.logger
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(config.idleTimeout.components.seconds) * 1_000_000_000))),
            configuration: ApplicationConfiguration(
                address: .hostname(config.host, port: config.port),
                serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(config.maxConnections)),
            services: [workers],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                let shown = config.host.contains(":") ? "[\(config.host)]" : config.host
                logger.info("listening on http://\(shown):\(port)/",
                            metadata: ["workers": "\(config.workers)", "max-body": "\(config.maxBodyBytes)",
                                       "time-budget": "\(config.timeBudget)"])
                if !config.isLoopback {
                    logger.warning("bound to \(config.host), not loopback: other machines can reach this server, and contracts sent to it travel unencrypted")
                }
                await onRunning(port)
            },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then stops gracefully: no new connections, requests in hand
    /// answered, worker threads ended.
    public func run() async throws {
        try await application().runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    // MARK: routes

    func index(_ request: Request) -> Response {
        html(.ok, indexPage(request).render(), policy: IndexPage.contentSecurityPolicy)
    }

    func indexPage(_ request: Request) -> IndexPage {
        IndexPage(rules: rules, maxBodyBytes: configuration.maxBodyBytes, models: models?.options ?? [],
                  modelsAvailable: models != nil,
                  authority: request.head.authority ?? "\(configuration.host):\(configuration.port)")
    }

    /// What a worker hands back: the answer ready to send.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var body: String
        var policy: String?
        var retryAfter = false
    }

    func auditPage(_ request: Request) async -> Response {
        let deadline = ContinuousClock.now + configuration.timeBudget
        var request = request
        let page = indexPage(request)
        let input: AuditRequest
        do {
            input = try await parse(&request)
        } catch {
            return html(error.status, page.render(notice: .init(title: "无法审查", message: error.message), echo: error.echo),
                        policy: IndexPage.contentSecurityPolicy)
        }
        let outcome = await workers.run(deadline: deadline) { scratch in
            let result = self.audit(input, deadline: deadline, scratch: scratch)
            if let error = result.error {
                return Answer(status: Self.status(of: error), body: page.render(notice: .init(error), echo: input.form),
                              policy: IndexPage.contentSecurityPolicy, retryAfter: error.code == "time-budget")
            }
            let report = HTMLReport(rulesVersion: self.rules.version, links: [(label: "← 新的审查", href: "/")])
            return Answer(status: .ok, body: report.render([result]), policy: HTMLReport.contentSecurityPolicy)
        }
        switch outcome {
        case let .done(answer):
            var response = html(answer.status, answer.body, policy: answer.policy ?? IndexPage.contentSecurityPolicy)
            if answer.retryAfter { response.headers[.retryAfter] = "5" }
            return response
        case .busy, .expired, .timedOut:
            let fault = Self.fault(of: outcome)
            var response = html(fault.status, page.render(notice: .init(title: "请稍后再试", message: fault.message), echo: input.form),
                                policy: IndexPage.contentSecurityPolicy)
            response.headers[.retryAfter] = "5"
            return response
        }
    }

    func auditJSON(_ request: Request) async -> Response {
        let deadline = ContinuousClock.now + configuration.timeBudget
        var request = request
        let input: AuditRequest
        do {
            input = try await parse(&request)
        } catch {
            return json(error.status, Self.errorJSON(error.fault))
        }
        let outcome = await workers.run(deadline: deadline) { scratch in
            let result = self.audit(input, deadline: deadline, scratch: scratch)
            let value = JSONReport.value(result, rulesVersion: self.rules.version)
            let status = result.error.map(Self.status(of:)) ?? .ok
            return Answer(status: status, body: value.serialized() + "\n", policy: nil, retryAfter: result.error?.code == "time-budget")
        }
        switch outcome {
        case let .done(answer):
            var response = json(answer.status, answer.body)
            if answer.retryAfter { response.headers[.retryAfter] = "5" }
            return response
        case .busy, .expired, .timedOut:
            var response = json(.serviceUnavailable, Self.errorJSON(Self.fault(of: outcome)))
            response.headers[.retryAfter] = "5"
            return response
        }
    }

    func rulesJSON() -> Response {
        let pack = rules
        let list: [JSONValue] = pack.rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("category", .string(rule.category.rawValue)),
                ("severity", .string(rule.severity.rawValue)),
                ("title", .string(rule.title)),
                ("message", .string(rule.message)),
                ("legal_basis", .array(rule.legalBasis.map(JSONValue.string))),
                ("suggestion", .string(rule.suggestion)),
                ("scope", .string(rule.scope.rawValue)),
            ])
        }
        let value = JSONValue.object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version)),
                              ("rules_version", .string(pack.version))])),
            ("pack", .object([("name", .string(pack.name)), ("version", .string(pack.version)), ("rules", .int(pack.rules.count))])),
            ("rules", .array(list)),
        ])
        return json(.ok, value.serialized() + "\n")
    }

    func health() -> Response {
        let value = JSONValue.object([
            ("status", .string("ok")),
            ("version", .string(ToolInfo.version)),
            ("rules_version", .string(rules.version)),
            ("rules", .int(rules.rules.count)),
            ("workers", .int(workers.count)),
            ("models", .bool(models != nil)),
        ])
        return json(.ok, value.serialized() + "\n")
    }

    // MARK: the work

    /// Runs on a worker thread: the audit, then the comparison the reviewer chose.
    func audit(_ input: AuditRequest, deadline: ContinuousClock.Instant, scratch: MatchScratch) -> AuditResult {
        var options = input.options
        options.deadline = deadline
        var result = auditor.audit(input.bytes, path: input.path, options: options, scratch: scratch)
        result.findings = result.findings(atLeast: configuration.minSeverity)
        if result.error == nil, let models {
            result.comparison = models.compare(result, choice: input.model)
        }
        return result
    }

    /// A failure while reading the request, with what the form held (for the page shown again).
    struct RequestFailure: Error {
        var fault: Fault
        var echo: FormEcho
        var status: HTTPResponse.Status { fault.status }
        var message: String { fault.message }
    }

    /// Reads the body (within the size limit) and makes an `AuditRequest` of it; checks the model choice.
    func parse(_ request: inout Request) async throws(RequestFailure) -> AuditRequest {
        let limit = configuration.maxBodyBytes
        // Refuse at once when the client says how much it will send.
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw RequestFailure(fault: .tooLarge(limit: limit), echo: FormEcho())
        }
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: limit).readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw RequestFailure(fault: .tooLarge(limit: limit), echo: FormEcho())
        } catch {
            throw RequestFailure(fault: .badRequest("无法读取请求（could not read the request body: \(error)）"), echo: FormEcho())
        }
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { a, _ in a })
        var input: AuditRequest
        do {
            input = try AuditRequest.parse(body: body, contentType: request.headers[.contentType], query: query)
        } catch {
            throw RequestFailure(fault: error, echo: FormEcho())
        }
        // Only a profile of the menu (by id or code); never a path or anything else.
        if case let .profile(name) = input.model {
            guard let option = models?.option(named: name) else {
                let known = (["auto", "none"] + (models?.options.map(\.id) ?? [])).joined(separator: ", ")
                throw RequestFailure(fault: .badRequest("未知的示范文本 '\(name)'（unknown model; choose one of: \(known)）"), echo: input.form)
            }
            input.model = .profile(option.id)
        }
        return input
    }

    // MARK: answers

    /// The status for a document that could not be audited: the input's fault is 400 (413 when it
    /// inflates too far), a pattern that gives up on it 422, the time budget 503 (it may pass later).
    static func status(of error: AuditError) -> HTTPResponse.Status {
        switch error.code {
        case "too-large": .contentTooLarge
        case "rule-budget": .unprocessableContent
        case "time-budget": .serviceUnavailable
        case "internal": .internalServerError
        default: .badRequest
        }
    }

    static func fault<V>(of outcome: AuditWorkers.Outcome<V>) -> Fault {
        switch outcome {
        case .busy:
            Fault(status: .serviceUnavailable, code: "busy", message: "服务器正忙，请稍后再试（too many audits waiting）")
        default:
            Fault(status: .serviceUnavailable, code: "time-budget", message: "审查超出时间限制（time budget exceeded; try again, or audit a shorter text）")
        }
    }

    static func errorJSON(_ fault: Fault) -> String {
        JSONValue.object([("error", .object([("code", .string(fault.code)), ("message", .string(fault.message))]))]).serialized() + "\n"
    }

    func html(_ status: HTTPResponse.Status, _ page: String, policy: String) -> Response {
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: page)))
        response.headers[.contentSecurityPolicy] = policy + "; frame-ancestors 'none'"
        return response
    }

    func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
