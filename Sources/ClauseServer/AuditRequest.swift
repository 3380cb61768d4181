import ClauseAudit
import ClauseText
import Foundation
import Hummingbird

/// A request the server cannot or will not answer with a report: the status, a short code and a
/// message for the person who sent it.
struct Fault: Error, Sendable, Equatable {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    static func tooLarge(limit: Int) -> Fault {
        Fault(status: .contentTooLarge, code: "too-large",
              message: "请求过大：上限为 \(ServerConfiguration.describe(bytes: limit))（request body larger than \(limit) bytes; start the server with a larger --max-body）")
    }

    static func badRequest(_ message: String) -> Fault {
        Fault(status: .badRequest, code: "bad-request", message: message)
    }
}

/// One document to audit, taken from a form, a JSON body or a raw upload, with what the reviewer
/// chose. Nothing of it outlives the request.
struct AuditRequest: Sendable {
    var bytes: [UInt8]
    /// "-" for pasted text (as for standard input), otherwise the upload's file name.
    var path: String
    var options: Auditor.Options
    var model: ModelChoice
    /// What the form held, to fill it in again when the page is shown with an error.
    var form = FormEcho()
}

/// The form's fields as submitted (the pasted text, the menus).
struct FormEcho: Sendable, Equatable {
    var text = ""
    var format = "text"
    var encoding = ""
    var lenient = false
    var model = "auto"
}

extension AuditRequest {
    /// Extensions of the files the page accepts, and the format each is read as.
    static let uploadFormats: [String: InputFormat] = [
        "txt": .text, "text": .text, "md": .markdown, "markdown": .markdown,
        "html": .html, "htm": .html, "xhtml": .html, "docx": .docx,
    ]

    /// Reads the body by its content type. `query` holds the URL's parameters (for raw uploads).
    static func parse(body: [UInt8], contentType: String?, query: [String: String]) throws(Fault) -> AuditRequest {
        let media = (contentType ?? "").split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpaces.lowercased() } ?? ""
        switch media {
        case "multipart/form-data":
            guard let boundary = FormData.parameters(contentType ?? "")["boundary"] else {
                throw Fault.badRequest("multipart/form-data without a boundary")
            }
            do {
                return try fromForm(try FormData.multipart(body, boundary: boundary))
            } catch let error as FormData.Malformed {
                throw Fault.badRequest("无法解析表单（malformed multipart body: \(error.reason)）")
            } catch let fault as Fault {
                throw fault
            } catch {
                throw Fault.badRequest("\(error)")
            }
        case "application/x-www-form-urlencoded":
            do {
                return try fromForm(try FormData.urlEncoded(body))
            } catch let error as FormData.Malformed {
                throw Fault.badRequest("无法解析表单（malformed form body: \(error.reason)）")
            } catch let fault as Fault {
                throw fault
            } catch {
                throw Fault.badRequest("\(error)")
            }
        case "application/json":
            return try fromJSON(body)
        case "text/plain", "text/markdown", "text/html", "application/octet-stream",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
            return try raw(body, media: media, query: query)
        default:
            throw Fault(status: .unsupportedMediaType, code: "unsupported-media-type",
                        message: "不支持的请求类型 '\(media)'（send multipart/form-data, application/x-www-form-urlencoded, application/json, or the document itself as text/plain or application/octet-stream）")
        }
    }

    /// The page's form: a file (when one was chosen) or the pasted text.
    static func fromForm(_ form: FormData) throws(Fault) -> AuditRequest {
        var echo = FormEcho()
        echo.text = form.string("text") ?? ""
        echo.format = form.string("format")?.trimmingSpaces ?? "text"
        echo.encoding = form.string("encoding")?.trimmingSpaces ?? ""
        // No menu in the request (a script's upload): no comparison, as with `check` without --model.
        echo.model = form.string("model")?.trimmingSpaces ?? "none"
        echo.lenient = ["1", "on", "true", "yes"].contains(form.string("lenient")?.trimmingSpaces ?? "")
        let encoding = ["", "auto"].contains(echo.encoding) ? nil : echo.encoding
        if let file = form["file"], let filename = file.filename, !filename.isEmpty || !file.data.isEmpty {
            var request = try upload(file.data, filename: filename, encoding: encoding, lenient: echo.lenient)
            request.model = ModelChoice(echo.model)
            request.form = echo
            return request
        }
        guard form["text"] != nil else {
            throw Fault.badRequest("表单中没有 text 字段，也没有文件（the form has neither a 'text' field nor a 'file'）")
        }
        guard echo.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            var fault = Fault.badRequest("没有可审查的内容：请粘贴合同文本或选择文件（nothing to audit）")
            fault.code = "empty"
            throw fault
        }
        // The page is UTF-8, so the browser sends the text as UTF-8 whatever the contract's origin.
        let options = Auditor.Options(encoding: "UTF-8", format: try pastedFormat(echo.format))
        return AuditRequest(bytes: form["text"]!.data, path: "-", options: options, model: ModelChoice(echo.model), form: echo)
    }

    /// `{"text": "...", "model": "auto", "format": "text", "name": "a.md"}`.
    static func fromJSON(_ body: [UInt8]) throws(Fault) -> AuditRequest {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw Fault.badRequest("JSON 请求须为对象（the JSON body must be an object such as {\"text\": \"...\"}）")
            }
            object = parsed
        } catch let fault as Fault {
            throw fault
        } catch {
            throw Fault.badRequest("无法解析 JSON（malformed JSON: \(error.localizedDescription)）")
        }
        func string(_ key: String) throws(Fault) -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let s = value as? String else { throw Fault.badRequest("字段 \(key) 须为字符串（'\(key)' must be a string）") }
            return s
        }
        guard let text = try string("text") else {
            throw Fault.badRequest("缺少 text 字段（the JSON body needs a 'text' string）")
        }
        let name = try string("name").map(cleanFilename)
        let format: InputFormat
        if let given = try string("format") {
            format = try pastedFormat(given)
        } else if let name {
            format = try formatOf(filename: name, allowDocx: false)
        } else {
            format = .text
        }
        guard format != .docx else { throw Fault.badRequest("docx 不能以 JSON 文本提交，请上传文件（upload a .docx as a file, not as JSON text）") }
        let model = try string("model") ?? "none"
        var echo = FormEcho()
        echo.text = text
        echo.format = format.rawValue
        echo.model = model
        return AuditRequest(bytes: Array(text.utf8), path: name ?? "-", options: Auditor.Options(encoding: "UTF-8", format: format),
                            model: ModelChoice(model), form: echo)
    }

    /// The document itself as the body (`curl --data-binary @a.docx '…/api/audit?name=a.docx'`).
    static func raw(_ body: [UInt8], media: String, query: [String: String]) throws(Fault) -> AuditRequest {
        let encoding = query["encoding"].flatMap { ["", "auto"].contains($0) ? nil : $0 }
        let lenient = ["1", "on", "true", "yes"].contains(query["lenient"] ?? "")
        var request: AuditRequest
        if let name = query["name"] {
            request = try upload(body, filename: name, encoding: encoding, lenient: lenient)
        } else {
            let byMedia: InputFormat = switch media {
            case "text/markdown": .markdown
            case "text/html": .html
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": .docx
            default: .text
            }
            request = AuditRequest(bytes: body, path: "-", options: Auditor.Options(encoding: encoding, lenient: lenient, format: byMedia),
                                   model: .auto)
        }
        if let format = query["format"] {
            let f = try pastedFormat(format, allowDocx: true)
            request.options.format = f
        }
        request.model = ModelChoice(query["model"])
        return request
    }

    static func upload(_ bytes: [UInt8], filename: String, encoding: String?, lenient: Bool) throws(Fault) -> AuditRequest {
        let name = cleanFilename(filename)
        let format = try formatOf(filename: name, allowDocx: true)
        return AuditRequest(bytes: bytes, path: name, options: Auditor.Options(encoding: encoding, lenient: lenient, format: format),
                            model: .auto)
    }

    /// The base name only (a browser may send a whole Windows path), without control characters,
    /// at most 200 characters.
    static func cleanFilename(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for s in base.unicodeScalars.prefix(200) where s.value >= 0x20 && s.value != 0x7F {
            scalars.append(s)
        }
        let clean = String(scalars).trimmingSpaces
        return clean.isEmpty ? "upload.txt" : clean
    }

    static func formatOf(filename: String, allowDocx: Bool) throws(Fault) -> InputFormat {
        let parts = filename.split(separator: ".")
        guard parts.count > 1, let ext = parts.last?.lowercased() else { return .text }
        guard let format = uploadFormats[ext], allowDocx || format != .docx else {
            throw Fault(status: .badRequest, code: "unsupported-format",
                        message: "不支持的文件类型 .\(ext)：只能审查 .txt、.md、.html 和 .docx（unsupported file type）")
        }
        return format
    }

    static func pastedFormat(_ value: String, allowDocx: Bool = false) throws(Fault) -> InputFormat {
        let key = value.trimmingSpaces.lowercased()
        let format: InputFormat? = switch key {
        case "", "text", "txt", "plain": .text
        case "markdown", "md": .markdown
        case "html", "htm": .html
        case "docx": allowDocx ? .docx : nil
        default: nil
        }
        guard let format else {
            throw Fault.badRequest("未知的文本格式 '\(value)'（format must be text, markdown or html）")
        }
        return format
    }
}
