@testable import ClauseServer
import Testing

/// The form parsers: what browsers send, and the broken bodies they must refuse with a reason.
struct FormDataTests {
    @Test func urlEncodedFieldsDecodePlusAndPercent() throws {
        let form = try FormData.urlEncoded(Array("text=%E7%AC%AC%E4%B8%80%E6%9D%A1+a%2Bb%0D%0A&model=auto&flag&=x".utf8))
        #expect(form.parts.map(\.name) == ["text", "model", "flag", ""])
        #expect(form.string("text") == "第一条 a+b\r\n")
        #expect(form.string("model") == "auto")
        #expect(form.string("flag") == "")
        #expect(form.string("missing") == nil)
    }

    @Test func urlEncodedRefusesABrokenEscape() {
        #expect(throws: FormData.Malformed(reason: "a '%' not followed by two hex digits")) {
            try FormData.urlEncoded(Array("text=100%".utf8))
        }
        #expect(throws: FormData.Malformed(reason: "a '%' not followed by two hex digits")) {
            try FormData.urlEncoded(Array("text=%G1".utf8))
        }
    }

    @Test func multipartAsChromeSendsIt() throws {
        let body = Array("""
        --XyZ\r
        Content-Disposition: form-data; name="text"\r
        \r
        第一条 本店保留最终解释权。\r
        --XyZ-not-quite\r
        --XyZ\r
        Content-Disposition: form-data; name="file"; filename="合同 \\"甲\\".txt"\r
        Content-Type: text/plain\r
        \r
        a\r\nb\r
        --XyZ\r
        Content-Disposition: form-data; name="empty"; filename=""\r
        Content-Type: application/octet-stream\r
        \r
        \r
        --XyZ--\r

        """.utf8)
        let form = try FormData.multipart(body, boundary: "XyZ")
        #expect(form.parts.count == 3)
        #expect(form.string("text") == "第一条 本店保留最终解释权。\r\n--XyZ-not-quite")
        #expect(form["file"] == FormData.Part(name: "file", filename: "合同 \"甲\".txt", contentType: "text/plain", data: Array("a\r\nb".utf8)))
        #expect(form["empty"] == FormData.Part(name: "empty", filename: "", contentType: "application/octet-stream", data: []))
    }

    @Test func multipartWithAPreambleAndAnExtendedFilename() throws {
        let body = Array("ignored\r\n--b\r\nContent-Disposition: form-data; name=f; filename*=UTF-8''%E5%90%88%E5%90%8C+1.md\r\n\r\nx\r\n--b--".utf8)
        let form = try FormData.multipart(body, boundary: "b")
        #expect(form["f"]?.filename == "合同+1.md")
        #expect(form.string("f") == "x")
    }

    @Test func brokenMultipartBodiesSayWhatIsWrong() {
        func reason(_ body: String, boundary: String = "b") -> String? {
            do {
                _ = try FormData.multipart(Array(body.utf8), boundary: boundary)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason("--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv", boundary: "") == "no usable multipart boundary")
        #expect(reason("nothing here") == "the multipart boundary does not occur in the body")
        #expect(reason("--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv") == "a multipart part is cut off (no boundary after it)")
        #expect(reason("--b\r\nContent-Disposition: form-data; name=x") == "a multipart part has no end to its headers")
        #expect(reason("--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--") == "a multipart part has no field name")
        #expect(reason("--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b") == "the multipart body ends without its closing boundary")
    }

    @Test func dispositionParameters() {
        #expect(FormData.parameters("form-data; name=\"a;b\"; filename=\"C:\\x\\y\\\"z\\\".txt\"") == ["name": "a;b", "filename": "C:\\x\\y\"z\".txt"])
        #expect(FormData.parameters("multipart/form-data; boundary=----WebKitFormBoundaryAbC") == ["boundary": "----WebKitFormBoundaryAbC"])
        #expect(FormData.parameters("form-data") == [:])
    }

    @Test func uploadNamesAreLabelsOnly() {
        #expect(AuditRequest.cleanFilename("C:\\Users\\甲\\合同.docx") == "合同.docx")
        #expect(AuditRequest.cleanFilename("../../etc/passwd") == "passwd")
        #expect(AuditRequest.cleanFilename("a\u{0}b\u{1B}[31m.txt") == "ab[31m.txt")
        #expect(AuditRequest.cleanFilename("///") == "upload.txt")
    }

    @Test func modelChoices() {
        #expect(ModelChoice(nil) == ModelChoice.none)
        #expect(ModelChoice("") == ModelChoice.none)
        #expect(ModelChoice("auto") == .auto)
        #expect(ModelChoice(" auto ") == .auto)
        #expect(ModelChoice("none") == ModelChoice.none)
        #expect(ModelChoice("GF-2014-0171") == .profile("GF-2014-0171"))
    }
}
