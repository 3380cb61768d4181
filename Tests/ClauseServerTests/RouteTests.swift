import ClauseAudit
import ClauseModels
import ClauseReport
import ClauseRules
@testable import ClauseServer
import ClauseText
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route against a real listening server (Hummingbird's live client over a loopback socket).
@Suite struct RouteTests {
    let pasted = Auditor.Options(encoding: "UTF-8", format: .text)

    @Test func theIndexPageIsAFormThatWorksWithoutScript() async throws {
        try await server().application().test(.live) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy] == IndexPage.contentSecurityPolicy + "; frame-ancestors 'none'")
            let page = response.text
            #expect(page.contains("<form class=\"card\" method=\"post\" action=\"/audit\" enctype=\"multipart/form-data\" accept-charset=\"utf-8\">"))
            #expect(page.contains("<textarea id=\"text\" name=\"text\" rows=\"16\" spellcheck=\"false\" data-max=\"5242880\" placeholder=\"把合同、用户协议或店堂告示的全文粘贴到这里……\"></textarea>"))
            #expect(page.contains("<input type=\"file\" id=\"file\" name=\"file\" accept=\".txt,.text,.md,.markdown,.html,.htm,.xhtml,.docx\">"))
            #expect(page.contains("<select id=\"model\" name=\"model\"><option value=\"auto\" selected>自动识别示范文本</option><option value=\"none\">不比对</option></select>"))
            #expect(page.contains("<button type=\"submit\" id=\"go\">开始审查</button>"))
            // The policy lets the form post here and nowhere else; the meta element says the same.
            #expect(IndexPage.contentSecurityPolicy.contains("form-action 'self'"))
            #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(IndexPage.contentSecurityPolicy)\">"))
            #expect(page.contains("规则包 \(engine.pack.version)：\(engine.pack.rules.count) 条规则"))
            // The API examples name the address the browser used (the test client sends no port).
            #expect(page.contains("curl -s -F file=@合同.docx http://localhost/api/audit</pre>"))
            for banned in ["http-equiv=\"refresh\"", " style=", "onclick", "onchange", "src="] {
                #expect(!page.contains(banned), "\(banned)")
            }
        }
    }

    @Test func theResultPageIsTheHTMLReportOfThePastedText() async throws {
        try await server().application().test(.live) { client in
            let response = try await client.execute(uri: "/audit", method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: urlEncoded([("text", sampleContract), ("format", "text"), ("model", "auto")]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentSecurityPolicy] == HTMLReport.contentSecurityPolicy + "; frame-ancestors 'none'")
            let result = auditor.audit(Array(sampleContract.utf8), path: "-", options: pasted, scratch: MatchScratch())
            let expected = HTMLReport(rulesVersion: engine.pack.version, links: [(label: "← 新的审查", href: "/")]).render([result])
            #expect(response.text == expected)
            #expect(result.findings.map(\.rule.id) == ["interpretation.final-right", "remedies.no-return-after-sale", "disputes.business-seat-court"])
            let page = response.text
            #expect(page.contains("<mark class=\"hl bg-C5\" data-f=\"d1-1\">本店保留最终解释权</mark>"))
            #expect(page.contains("&lt;script&gt;document.title=&quot;PWNED&quot;;document.body.setAttribute(&quot;data-pwned&quot;,&quot;1&quot;)&lt;/script&gt;"))
            #expect(page.contains("<h2>粘贴的文本</h2>"))
            #expect(page.components(separatedBy: "<script").count == 2)
        }
    }

    @Test func aFileUploadedThroughTheFormIsAuditedUnderItsName() async throws {
        var form = Multipart()
        form.field("text", "")
        form.file("file", filename: "C:\\Users\\甲\\会员<协议>.md", type: "text/markdown", Array("## 第一条\n本店保留最终解释权。\n".utf8))
        form.field("format", "text")
        form.field("encoding", "")
        form.field("model", "none")
        let body = form.finished, type = form.contentType
        try await server().application().test(.live) { client in
            let response = try await client.execute(uri: "/audit", method: .post, headers: [.contentType: type], body: body)
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<title>审查报告 · 会员&lt;协议&gt;.md</title>"))
            #expect(page.contains("<h2>会员&lt;协议&gt;.md</h2>"))
            #expect(page.contains("<mark class=\"hl bg-C5\" data-f=\"d1-1\">最终解释权</mark>") || page.contains("<mark class=\"hl bg-C5\" data-f=\"d1-1\">本店保留最终解释权</mark>"))
        }
    }

    @Test func theJSONAPIGivesTheSpecReport() async throws {
        try await server().application().test(.live) { client in
            let body = ByteBuffer(string: #"{"text": "第一条 本店保留最终解释权。", "model": "auto"}"#)
            let response = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
            #expect(response.text == expectedJSON(Array("第一条 本店保留最终解释权。".utf8), path: "-", options: pasted))
            #expect(response.text.contains(#""span":{"start":4,"end":13,"line":1,"column":5,"end_line":1,"end_column":14},"text":"本店保留最终解释权","clause":{"label":"第一条","start":0,"end":14}}"#))
            #expect(response.text.hasSuffix(#""summary":{"error":1,"warning":0,"info":0,"by_category":{"C5":1}},"model_comparison":null}"# + "\n"))

            // A name gives the document its path and, by its extension, its format.
            let named = ByteBuffer(string: #"{"text": "<p>本店<b>保留最终解释权</b>。</p>", "name": "a/b.html"}"#)
            let html = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: named)
            #expect(html.status == .ok)
            let htmlOptions = Auditor.Options(encoding: "UTF-8", format: .html)
            #expect(html.text == expectedJSON(Array("<p>本店<b>保留最终解释权</b>。</p>".utf8), path: "b.html", options: htmlOptions))
            #expect(html.text.contains(#""document":{"path":"b.html","format":"html","encoding":"UTF-8","characters":24,"figures":[]}"#))
            #expect(html.text.contains(#""text":"本店<b>保留最终解释权","#))
        }
    }

    @Test func theJSONAPITakesAFileUploadOrTheRawDocument() async throws {
        let bytes = Array("甲方：某健身会所\n第五条 会员卡一经售出概不退款。本会所保留最终解释权。\n".utf8)
        var form = Multipart()
        form.file("file", filename: "gym.txt", type: "text/plain", bytes)
        let body = form.finished, type = form.contentType
        try await server().application().test(.live) { client in
            let upload = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: type], body: body)
            #expect(upload.status == .ok)
            #expect(upload.text == expectedJSON(bytes, path: "gym.txt", options: Auditor.Options(format: .text)))

            let raw = try await client.execute(uri: "/api/audit?name=gym.txt", method: .post,
                                               headers: [.contentType: "application/octet-stream"], body: ByteBuffer(bytes: bytes))
            #expect(raw.status == .ok)
            #expect(raw.text == upload.text)
        }
    }

    @Test func rulesAndHealth() async throws {
        try await server().application().test(.live) { client in
            let rules = try await client.execute(uri: "/api/rules", method: .get)
            #expect(rules.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(rules.text.utf8)) as? [String: Any])
            let list = try #require(object["rules"] as? [[String: Any]])
            #expect(list.count == engine.pack.rules.count)
            #expect(list.map { $0["id"] as? String } == engine.pack.rules.map(\.id))
            let first = engine.pack.rules[0]
            #expect(rules.text.contains(JSONValue.object([
                ("id", .string(first.id)), ("category", .string(first.category.rawValue)), ("severity", .string(first.severity.rawValue)),
                ("title", .string(first.title)), ("message", .string(first.message)),
                ("legal_basis", .array(first.legalBasis.map(JSONValue.string))), ("suggestion", .string(first.suggestion)),
                ("scope", .string(first.scope.rawValue)),
            ]).serialized()))
            #expect(rules.text.hasPrefix(#"{"tool":{"name":"clause-audit","version":"0.1.0","rules_version":"\#(engine.pack.version)"},"pack":{"name":"\#(engine.pack.name)","version":"\#(engine.pack.version)","rules":\#(engine.pack.rules.count)},"rules":["#))

            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text == #"{"status":"ok","version":"0.1.0","rules_version":"\#(engine.pack.version)","rules":\#(engine.pack.rules.count),"workers":2,"models":false}"# + "\n")
            #expect(health.headers[.cacheControl] == "no-store")
            #expect(health.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func bodiesOverTheLimitGet413() async throws {
        let app = server { $0.maxBodyBytes = 1000 }.application()
        try await app.test(.live) { client in
            let big = ByteBuffer(string: #"{"text": ""# + String(repeating: "条", count: 400) + #""}"#)
            let json = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: big)
            #expect(json.status == .contentTooLarge)
            #expect(json.text == #"{"error":{"code":"too-large","message":"请求过大：上限为 1000 字节（request body larger than 1000 bytes; start the server with a larger --max-body）"}}"# + "\n")

            // The form shows the page again with the reason.
            let page = try await client.execute(uri: "/audit", method: .post,
                                                headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: urlEncoded([("text", String(repeating: "条", count: 400))]))
            #expect(page.status == .contentTooLarge)
            #expect(page.text.contains("<div class=\"notice\" role=\"alert\"><b>无法审查</b><p>请求过大：上限为 1000 字节（request body larger than 1000 bytes; start the server with a larger --max-body）</p></div>"))

            // The connection is still good for the next request.
            let small = try await client.execute(uri: "/healthz", method: .get)
            #expect(small.status == .ok)
        }
    }

    @Test func undecodableUploadsGet400WithTheReason() async throws {
        let bytes: [UInt8] = Array("第一条 ".utf8) + [0xFF, 0xFE, 0x41]
        var form = Multipart()
        form.file("file", filename: "bad.txt", bytes)
        form.field("encoding", "UTF-8")
        let body = form.finished, type = form.contentType
        let reason = TextError.undecodable(encoding: "UTF-8", byteOffset: 10).message
        try await server().application().test(.live) { client in
            let json = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: type], body: body)
            #expect(json.status == .badRequest)
            #expect(json.text == #"{"tool":{"name":"clause-audit","version":"0.1.0","rules_version":"\#(engine.pack.version)"},"document":{"path":"bad.txt","format":"text","encoding":null,"characters":0},"error":{"code":"undecodable","message":"\#(reason)"}}"# + "\n")

            let page = try await client.execute(uri: "/audit", method: .post, headers: [.contentType: type], body: body)
            #expect(page.status == .badRequest)
            #expect(page.text.contains("<div class=\"notice\" role=\"alert\"><b>无法审查（undecodable）</b><p>\(reason)</p><p class=\"hint\">请在“文件编码”中选择文件的编码，或勾选“无法解码的字节替换为 �”后重新提交。</p></div>"))
            // The menu keeps what the reviewer chose.
            #expect(page.text.contains("<option value=\"UTF-8\" selected>UTF-8</option>"))

            // Lenient reading audits it, with a warning.
            var lenientForm = Multipart()
            lenientForm.file("file", filename: "bad.txt", bytes)
            lenientForm.field("encoding", "UTF-8")
            lenientForm.field("lenient", "1")
            let lenient = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: lenientForm.contentType], body: lenientForm.finished)
            #expect(lenient.status == .ok)
            #expect(lenient.text.contains(#""warnings":["#))
        }
    }

    @Test func malformedRequestsGet400Or415() async throws {
        try await server().application().test(.live) { client in
            func post(_ type: String, _ body: String, uri: String = "/api/audit") async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: [.contentType: type], body: ByteBuffer(string: body))
            }
            var r = try await post("application/json", "{\"text\": ")
            #expect(r.status == .badRequest)
            #expect(r.text.hasPrefix(#"{"error":{"code":"bad-request","message":"无法解析 JSON（malformed JSON: "#))
            r = try await post("application/json", "[1]")
            #expect(r.text == #"{"error":{"code":"bad-request","message":"JSON 请求须为对象（the JSON body must be an object such as {\"text\": \"...\"}）"}}"# + "\n")
            r = try await post("application/json", "{\"model\": \"auto\"}")
            #expect(r.text == #"{"error":{"code":"bad-request","message":"缺少 text 字段（the JSON body needs a 'text' string）"}}"# + "\n")
            r = try await post("application/json", "{\"text\": 5}")
            #expect(r.text == #"{"error":{"code":"bad-request","message":"字段 text 须为字符串（'text' must be a string）"}}"# + "\n")
            r = try await post("application/json", "{\"text\": \"x\", \"model\": \"GF-2099-0001\"}")
            #expect(r.status == .badRequest)
            #expect(r.text == #"{"error":{"code":"bad-request","message":"未知的示范文本 'GF-2099-0001'（unknown model; choose one of: auto, none）"}}"# + "\n")
            r = try await post("application/xml", "<a/>")
            #expect(r.status == .unsupportedMediaType)
            #expect(r.text.hasPrefix(#"{"error":{"code":"unsupported-media-type","message":"不支持的请求类型 'application/xml'"#))
            r = try await post("multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nabc")
            #expect(r.text == #"{"error":{"code":"bad-request","message":"无法解析表单（malformed multipart body: a multipart part is cut off (no boundary after it)）"}}"# + "\n")
            var form = Multipart()
            form.file("file", filename: "contract.pdf", [0x25, 0x50, 0x44, 0x46])
            r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: form.contentType], body: form.finished)
            #expect(r.text == #"{"error":{"code":"unsupported-format","message":"不支持的文件类型 .pdf：只能审查 .txt、.md、.html 和 .docx（unsupported file type）"}}"# + "\n")
            r = try await post("application/octet-stream", "PK not really a zip", uri: "/api/audit?name=a.docx")
            #expect(r.status == .badRequest)
            #expect(r.text.contains(#""error":{"code":"broken-docx","#))
            // An empty form.
            r = try await post("application/x-www-form-urlencoded", "text=+%0D%0A&model=auto", uri: "/audit")
            #expect(r.status == .badRequest)
            #expect(r.text.contains("<p>没有可审查的内容：请粘贴合同文本或选择文件（nothing to audit）</p>"))
        }
    }

    @Test func unknownPathsAndForeignHostsAreRefusedWithTheSameHeaders() async throws {
        try await server().application().test(.live) { client in
            let missing = try await client.execute(uri: "/etc/passwd", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text == "404 Not Found\n")
            #expect(missing.headers[.contentSecurityPolicy] == "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
            let port = try #require(client.port)
            let rebound = try await rawHTTP(port: port, Array("GET /healthz HTTP/1.1\r\nHost: attacker.example:8080\r\nConnection: close\r\n\r\n".utf8))
            #expect(rebound.status == 421)
            #expect(rebound.body == "this server answers only to localhost and 127.0.0.1 (Host: attacker.example:8080)\n")
            let local = try await rawHTTP(port: port, Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8))
            #expect(local.status == 200)
        }
        #expect(GuardMiddleware<BasicRequestContext>.isLoopbackAuthority("[::1]:8080"))
        #expect(GuardMiddleware<BasicRequestContext>.isLoopbackAuthority("localhost"))
        #expect(!GuardMiddleware<BasicRequestContext>.isLoopbackAuthority("127.0.0.1.evil.example"))
        #expect(!GuardMiddleware<BasicRequestContext>.isLoopbackAuthority("10.0.0.1:8080"))
        // Bound elsewhere on purpose, any Host is served.
        #expect(!server { $0.host = "0.0.0.0" }.configuration.isLoopback)
    }

    @Test func bodiesOverTheLimitAreRefusedBeforeTheyAreRead() async throws {
        try await server().application().test(.live) { client in
            let port = try #require(client.port)
            let size = 6 << 20
            // Announced: refused on the head alone.
            let announced = try await rawHTTP(port: port, Array("POST /api/audit HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: \(size)\r\n\r\n".utf8)
                + [UInt8](repeating: 0x61, count: 1024))
            #expect(announced.status == 413)
            #expect(announced.body == #"{"error":{"code":"too-large","message":"请求过大：上限为 5 MB（request body larger than 5242880 bytes; start the server with a larger --max-body）"}}"# + "\n")
            // Chunked, no length: refused once the limit is passed.
            var chunked = Array("POST /api/audit HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            for _ in 0 ..< 6 { chunked += Array("100000\r\n".utf8) + [UInt8](repeating: 0x61, count: 1 << 20) + [0x0D, 0x0A] }
            chunked += Array("0\r\n\r\n".utf8)
            let streamed = try await rawHTTP(port: port, chunked)
            #expect(streamed.status == 413)
            #expect(streamed.body == announced.body)
        }
    }

    @Test func aRequestPastItsTimeBudgetGets503() async throws {
        try await server { $0.timeBudget = .zero }.application().test(.live) { client in
            let body = ByteBuffer(string: #"{"text": "本店保留最终解释权。"}"#)
            let r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(r.status == .serviceUnavailable)
            #expect(r.headers[.retryAfter] == "5")
            #expect(r.text == #"{"error":{"code":"time-budget","message":"审查超出时间限制（time budget exceeded; try again, or audit a shorter text）"}}"# + "\n")
            // And the server goes on serving.
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test func theMinimumSeverityLeavesOutLesserFindings() async throws {
        let text = "第一条 本店保留最终解释权。\n第二条 因本合同发生的争议，由北京市朝阳区人民法院管辖。"
        let all = auditor.audit(Array(text.utf8), path: "-", options: pasted, scratch: MatchScratch())
        #expect(all.findings.map(\.severity) == [.error, .warning])
        var kept = all
        kept.findings = all.findings(atLeast: .error)
        let expected = JSONReport.value(kept, rulesVersion: engine.pack.version).serialized() + "\n"
        try await server { $0.minSeverity = .error }.application().test(.live) { client in
            let body = ByteBuffer(string: JSONValue.object([("text", .string(text))]).serialized())
            let r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(r.text == expected)
            #expect(r.text.contains(#""summary":{"error":1,"warning":0,"info":0,"by_category":{"C5":1}}"#))
        }
    }

    @Test func concurrentRequestsEachGetTheirOwnAnswer() async throws {
        let texts = (1 ... 24).map { i in
            "第\(i)条 " + (i % 3 == 0 ? "本店保留最终解释权。" : i % 3 == 1 ? "商品一经售出，概不退换。" : "由本公司所在地人民法院管辖。")
                + String(repeating: "会员应遵守本店规定。", count: i)
        }
        try await server { $0.workers = 2 }.application().test(.ahc(.http)) { client in
            try await withThrowingTaskGroup(of: (Int, String, HTTPResponse.Status).self) { group in
                for (i, text) in texts.enumerated() {
                    group.addTask {
                        let body = ByteBuffer(string: JSONValue.object([("text", .string(text))]).serialized())
                        let r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: body)
                        return (i, r.text, r.status)
                    }
                }
                var seen = 0
                for try await (i, text, status) in group {
                    #expect(status == .ok)
                    #expect(text == expectedJSON(Array(texts[i].utf8), path: "-", options: pasted))
                    seen += 1
                }
                #expect(seen == texts.count)
            }
        }
    }
}

/// The model menu and the comparison, with the bundled profiles.
@Suite struct ModelRouteTests {
    let library: ProfileLibrary = {
        do { return try ProfileLibrary.load(directory: repositoryRoot + "/model-contracts") } catch { fatalError("\(error)") }
    }()

    var models: ProfileModels { ProfileModels(library: library, auditor: auditor) }

    /// A tour contract of our own: enough of the package-tour outline for a profile check.
    let tour = """
    团队境内旅游合同
    第一条 本合同所称旅游者，是指与旅行社签订合同的游客。
    第十三条 旅游者在行程开始前7日以内提出解除合同的，旅行社按下列标准扣除必要的费用：行程开始前6日至4日，按旅游费用总额的20%。
    第二十六条 争议的解决方式：本合同履行过程中发生争议，由本公司所在地人民法院管辖。
    """

    @Test func theMenuListsTheProfiles() async throws {
        try await server(models: models).application().test(.live) { client in
            let page = try await client.execute(uri: "/", method: .get).text
            let menu = try #require(page.components(separatedBy: "<select id=\"model\" name=\"model\">").dropFirst().first?.components(separatedBy: "</select>").first)
            #expect(menu.hasPrefix("<option value=\"auto\" selected>自动识别示范文本</option><option value=\"none\">不比对</option>"))
            for profile in library.profiles {
                let label = [profile.code, "《\(profile.title)》"].compactMap { $0 }.joined(separator: " ")
                #expect(menu.contains("<option value=\"\(profile.id)\">\(HTML.escape(label))</option>"))
            }
            #expect(page.contains("找出合同对应的示范文本"))
        }
    }

    @Test func aProfileByIdOrCodeIsCheckedAndReported() async throws {
        let profile = try #require(library.profile(named: "gf-2014-2401"))
        var expected = auditor.audit(Array(tour.utf8), path: "-", options: Auditor.Options(encoding: "UTF-8", format: .text), scratch: MatchScratch())
        expected.comparison = ProfileComparer(profile: profile).check(contract: expected.prepared!, findings: expected.findings)
        let expectedJSON = JSONReport.value(expected, rulesVersion: engine.pack.version).serialized() + "\n"
        try await server(models: models).application().test(.live) { client in
            for name in ["gf-2014-2401", "GF-2014-2401"] {
                let body = ByteBuffer(string: JSONValue.object([("text", .string(tour)), ("model", .string(name))]).serialized())
                let r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: body)
                #expect(r.status == .ok)
                #expect(r.text == expectedJSON)
                #expect(r.text.contains(#""model_comparison":{"model":{"id":"gf-2014-2401","title":"团队境内旅游合同（示范文本）","code":"GF-2014-2401","#))
                #expect(r.text.contains(#""basis":"profile""#))
            }
            let page = try await client.execute(uri: "/audit", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: urlEncoded([("text", tour), ("model", "gf-2014-2401")]))
            #expect(page.status == .ok)
            #expect(page.text.contains("<a href=\"#d1-model\">与示范文本比对</a></p>"))
            #expect(page.text.contains("<section class=\"extra\" id=\"d1-model\"><h3>与示范文本比对</h3>\n<p class=\"cmp-model\">示范文本：GF-2014-2401 《团队境内旅游合同（示范文本）》"))
            #expect(page.text.contains("<h2>保护条款与数值</h2>"))
        }
    }

    @Test func noneAndAnAbsentMenuMeanNoComparison() async throws {
        try await server(models: models).application().test(.live) { client in
            for body in [#"{"text": "本店保留最终解释权。", "model": "none"}"#, #"{"text": "本店保留最终解释权。"}"#] {
                let r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
                #expect(r.text.hasSuffix(#""model_comparison":null}"# + "\n"))
            }
            let auto = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(string: #"{"text": "本店保留最终解释权。", "model": "auto"}"#))
            #expect(auto.text.contains(#""model_comparison":{"model":null,"#))
            #expect(auto.text.contains("没有足够接近的示范文本，未做比对"))
        }
    }

    @Test func aModelNameThatIsAPathIsRefusedNotRead() async throws {
        try await server(models: models).application().test(.live) { client in
            for name in ["/etc/passwd", repositoryRoot + "/model-contracts/gf-2014-2401.yml", "../model-contracts"] {
                let body = ByteBuffer(string: JSONValue.object([("text", .string("x")), ("model", .string(name))]).serialized())
                let r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: "application/json"], body: body)
                #expect(r.status == .badRequest)
                #expect(r.text.hasPrefix(#"{"error":{"code":"bad-request","message":"未知的示范文本 '"#))
            }
        }
    }

    @Test(.enabled(if: sharedFolder != nil, "../shared is absent: the published tour variant is not there to match"))
    func autoFindsTheModelOfAPlatformVariant() async throws {
        let path = sharedFolder! + "/corpus/model-contracts/platform-variants/jinghewang-ec_btg-domestic-package-tour.txt"
        let bytes = try #require(FileManager.default.contents(atPath: path))
        var form = Multipart()
        form.file("file", filename: "tour.txt", [UInt8](bytes))
        form.field("model", "auto")
        let body = form.finished, type = form.contentType
        try await server(models: models).application().test(.live) { client in
            let r = try await client.execute(uri: "/api/audit", method: .post, headers: [.contentType: type], body: body)
            #expect(r.status == .ok)
            #expect(r.text.contains(#""model_comparison":{"model":{"id":"gf-2014-2401","#))
            #expect(r.text.contains("自动选择了最接近的示范文本档案 gf-2014-2401《团队境内旅游合同（示范文本）》"))
        }
    }
}
