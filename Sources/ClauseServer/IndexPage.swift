import ClauseAudit
import ClauseReport
import ClauseRules

/// The page at `/`: a form to paste a contract into or upload one, the model menu, what the audit
/// looks for, the rules and how to call the API. A plain form that works without JavaScript; the
/// small script only counts characters, names the chosen file and marks the button busy.
struct IndexPage {
    /// A message above the form (the reason a submission was refused).
    struct Notice: Sendable {
        var title: String
        var message: String
        var hint: String? = nil

        /// The notice for a document that could not be audited, with what the reviewer can do here.
        init(_ error: AuditError) {
            title = "无法审查（\(error.code)）"
            message = error.message
            switch error.code {
            case "undecodable", "unknown-encoding":
                hint = "请在“文件编码”中选择文件的编码，或勾选“无法解码的字节替换为 �”后重新提交。"
            case "binary", "broken-docx":
                hint = "请确认上传的是 .txt、.md、.html 或 .docx 文件本身。"
            case "time-budget":
                hint = "服务器较忙或文本过长，请稍后再试，或分段审查。"
            default:
                hint = nil
            }
        }

        init(title: String, message: String, hint: String? = nil) {
            self.title = title
            self.message = message
            self.hint = hint
        }
    }

    var rules: RulePack
    var maxBodyBytes: Int
    var models: [ModelOption]
    var modelsAvailable: Bool
    /// host:port the browser used, for the API examples.
    var authority: String

    func render(notice: Notice? = nil, echo: FormEcho = FormEcho()) -> String {
        var body = "<header class=\"top\"><div class=\"wrap\"><h1>格式条款审查</h1>"
        body += "<p class=\"lead\">粘贴合同、用户协议或店堂告示，逐条标出可能违法的格式条款（霸王条款），附法律依据与修改建议。</p>"
        body += "<p class=\"tool\">\(HTML.escape(ToolInfo.name)) \(HTML.escape(ToolInfo.version)) · 规则包 \(HTML.escape(rules.version))（\(rules.rules.count) 条规则）· 文本只在本机处理，不保存</p>"
        body += "</div></header>\n<main class=\"wrap layout\">\n<div class=\"col\">\n"
        if let notice {
            body += "<div class=\"notice\" role=\"alert\"><b>\(HTML.escape(notice.title))</b><p>\(HTML.escape(notice.message))</p>"
            if let hint = notice.hint { body += "<p class=\"hint\">\(HTML.escape(hint))</p>" }
            body += "</div>\n"
        }
        body += form(echo)
        body += "</div>\n<aside class=\"side\">\n" + scope() + rulesList() + api() + "</aside>\n</main>\n"
        body += "<footer class=\"wrap foot\">审查结果由程序依据规则自动生成，供审查参考，不构成法律意见。条款是否有效以有权机关认定为准。</footer>\n"
        return HTML.page(title: "格式条款审查 · \(ToolInfo.name)", style: Self.style, script: Self.script, body: body, formAction: "'self'")
    }

    /// The policy of this page (also in its meta element); the form may post to this server only.
    static let contentSecurityPolicy = HTML.contentSecurityPolicy(style: style, script: script, formAction: "'self'")

    private func form(_ echo: FormEcho) -> String {
        let limit = ServerConfiguration.describe(bytes: maxBodyBytes)
        var out = "<form class=\"card\" method=\"post\" action=\"/audit\" enctype=\"multipart/form-data\" accept-charset=\"utf-8\">\n"
        out += "<label class=\"lbl\" for=\"text\">合同文本</label>\n"
        out += "<textarea id=\"text\" name=\"text\" rows=\"16\" spellcheck=\"false\" data-max=\"\(maxBodyBytes)\" "
            + "placeholder=\"把合同、用户协议或店堂告示的全文粘贴到这里……\">\(HTML.escape(echo.text))</textarea>\n"
        out += "<p class=\"count\" id=\"count\" aria-live=\"polite\"></p>\n"
        out += "<div class=\"grid\">\n"
        out += "<div class=\"field wide\"><label for=\"file\">或上传文件</label>"
            + "<input type=\"file\" id=\"file\" name=\"file\" accept=\".txt,.text,.md,.markdown,.html,.htm,.xhtml,.docx\">"
            + "<p class=\"hint\">.txt、.md、.html 或 .docx，不超过 \(HTML.escape(limit))。选了文件时，上面的文本不审查。</p></div>\n"
        out += "<div class=\"field\"><label for=\"format\">粘贴内容的格式</label>" + select("format", [
            ("text", "纯文本"), ("markdown", "Markdown"), ("html", "HTML 源码"),
        ], selected: echo.format) + "</div>\n"
        out += "<div class=\"field\"><label for=\"encoding\">文件编码</label>" + select("encoding", [
            ("", "自动识别"), ("UTF-8", "UTF-8"), ("GB18030", "GB18030 / GBK"), ("Big5", "Big5"),
            ("UTF-16LE", "UTF-16LE"), ("UTF-16BE", "UTF-16BE"),
        ], selected: echo.encoding)
            + "<label class=\"check\"><input type=\"checkbox\" name=\"lenient\" value=\"1\"\(echo.lenient ? " checked" : "")> 无法解码的字节替换为 �</label>"
            + "<p class=\"hint\">只用于上传的文件。</p></div>\n"
        var modelChoices: [(String, String)] = [("auto", "自动识别示范文本"), ("none", "不比对")]
        modelChoices += models.map { ($0.id, $0.label) }
        let modelHint = modelsAvailable
            ? "找出合同对应的示范文本（健身、旅游、培训等），检查其中保护消费者的条款与数值是否缺失或被改弱。"
            : "本版本尚未附带示范文本库，暂不比对。"
        out += "<div class=\"field\"><label for=\"model\">示范文本比对</label>" + select("model", modelChoices, selected: echo.model)
            + "<p class=\"hint\">\(HTML.escape(modelHint))</p></div>\n"
        out += "</div>\n<div class=\"actions\"><button type=\"submit\" id=\"go\">开始审查</button>"
            + "<span class=\"hint\">结果页逐条标出问题条款；可按类别筛选，按 j / k 在各处之间跳转。</span></div>\n</form>\n"
        return out
    }

    private func select(_ name: String, _ choices: [(value: String, label: String)], selected: String) -> String {
        var out = "<select id=\"\(name)\" name=\"\(name)\">"
        for choice in choices {
            let mark = choice.value == selected ? " selected" : ""
            out += "<option value=\"\(HTML.escape(choice.value))\"\(mark)>\(HTML.escape(choice.label))</option>"
        }
        return out + "</select>"
    }

    private func scope() -> String {
        var out = "<section class=\"card\"><h2>审查什么</h2><p class=\"small\">依《网络交易监督管理办法》第二十一条，每处问题归入一类：</p><ul class=\"cats\">"
        for category in Category.allCases {
            out += "<li><span class=\"badge badge-\(category.rawValue)\">\(category.rawValue)</span>\(HTML.escape(category.summary))</li>"
        }
        return out + "</ul></section>\n"
    }

    private func rulesList() -> String {
        var out = "<details class=\"card rules\"><summary>规则包 \(HTML.escape(rules.version))：\(rules.rules.count) 条规则</summary><table><tbody>"
        for rule in rules.rules {
            out += "<tr><td><span class=\"badge badge-\(rule.category.rawValue)\">\(rule.category.rawValue)</span></td>"
                + "<td>\(HTML.escape(rule.title))<br><code>\(HTML.escape(rule.id))</code></td>"
                + "<td><span class=\"sev \(rule.severity.rawValue)\">\(HTML.severityName(rule.severity))</span></td></tr>"
        }
        return out + "</tbody></table></details>\n"
    }

    private func api() -> String {
        let base = "http://" + authority
        return "<details class=\"card api\"><summary>接口（JSON）</summary>"
            + "<p class=\"small\"><code>POST /api/audit</code> 接收 JSON <code>{\"text\": \"…\", \"model\": \"auto\"}</code> 或上传的文件，返回与 <code>check --format json</code> 相同的报告；"
            + "<code>GET /api/rules</code> 列出规则；<code>GET /healthz</code> 报告运行状态。</p>"
            + "<pre>curl -s \(HTML.escape(base))/api/audit \\\n  -H 'Content-Type: application/json' \\\n  -d '{\"text\": \"本店保留最终解释权。\"}'\n\n"
            + "curl -s -F file=@合同.docx \(HTML.escape(base))/api/audit</pre></details>\n"
    }

    // MARK: style and script

    static let style = """
    :root{--ink:#1d2430;--muted:#5b6472;--line:#dde1e7;--paper:#fff;--bg:#f5f6f8;--accent:#25324a}
    *{box-sizing:border-box}[hidden]{display:none!important}
    body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 \(HTML.sansFonts)}
    .wrap{max-width:1240px;margin:0 auto;padding:0 20px}
    .top{background:var(--accent);color:#fff;padding:18px 0 14px}.top h1{margin:0;font-size:24px;letter-spacing:.06em}
    .top .lead{margin:4px 0 2px;color:#e3e9f3}.top .tool{margin:0;color:#aebbd0;font-size:13px}
    .layout{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:20px;align-items:start;padding-top:18px;padding-bottom:8px}
    .card{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:0 0 16px}
    .card h2{margin:0 0 6px;font-size:16px}
    .lbl{display:block;font-weight:700;margin-bottom:6px}
    textarea{width:100%;min-height:320px;resize:vertical;border:1px solid #c9cfd8;border-radius:6px;padding:10px 12px;font:16px/1.8 \(HTML.serifFonts);color:var(--ink);background:#fcfcfd}
    textarea:focus,select:focus,input:focus,button:focus{outline:2px solid #4a73b8;outline-offset:1px}
    .count{margin:2px 0 8px;min-height:1.4em;color:var(--muted);font-size:13px;text-align:right}.count.over{color:#b3261e;font-weight:600}
    .grid{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px 16px}.field.wide{grid-column:1/-1}
    .field label{display:block;font-weight:600;font-size:14px;margin-bottom:3px}
    select{width:100%;font:inherit;font-size:14px;padding:5px 8px;border:1px solid #c9cfd8;border-radius:6px;background:#fff;color:var(--ink)}
    input[type=file]{font:inherit;font-size:14px;max-width:100%}
    .field label.check{display:flex;gap:6px;align-items:center;font-weight:400;font-size:13px;margin:6px 0 0}
    .hint{margin:3px 0 0;color:var(--muted);font-size:12.5px}
    .actions{display:flex;gap:14px;align-items:center;flex-wrap:wrap;margin-top:16px;padding-top:14px;border-top:1px solid var(--line)}
    button{font:inherit;font-weight:700;font-size:16px;letter-spacing:.1em;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:9px 28px;cursor:pointer}
    button:hover{background:#344768}button:disabled{background:#8792a5;cursor:progress}
    .notice{background:#fdecea;border:1px solid #f5c2bd;border-left:4px solid #b3261e;border-radius:6px;padding:10px 14px;margin:0 0 16px}
    .notice b{color:#8c1d18}.notice p{margin:2px 0 0;overflow-wrap:anywhere}
    .small{font-size:13px;color:#3b4350;margin:0 0 8px}
    .cats{list-style:none;margin:0;padding:0;font-size:13.5px}.cats li{display:flex;gap:8px;align-items:baseline;margin:5px 0}
    .badge{display:inline-block;flex:none;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;line-height:18px}
    details summary{cursor:pointer;font-weight:700}details[open] summary{margin-bottom:8px}
    .rules table{border-collapse:collapse;font-size:13px;width:100%}.rules td{border-top:1px solid var(--line);padding:5px 4px;vertical-align:top}
    .rules code,.api code{color:var(--muted);font-size:12px}
    .sev{display:inline-block;border-radius:4px;padding:0 5px;font-size:12px;line-height:18px;border:1px solid;white-space:nowrap}
    .sev.error{color:#b3261e;border-color:#e6a09b}.sev.warning{color:#8a5a00;border-color:#e5c07b}.sev.info{color:#245fa8;border-color:#9fc0e8}
    pre{background:#f3f4f6;border-radius:6px;padding:8px 10px;font-size:12px;overflow-x:auto;white-space:pre}
    .foot{color:var(--muted);font-size:12px;padding-bottom:30px}
    \(HTML.categoryCSS)
    @media (max-width:960px){.layout{grid-template-columns:1fr}.grid{grid-template-columns:1fr}}
    """

    static let script = """
    (function(){
    var text=document.getElementById("text"),count=document.getElementById("count"),file=document.getElementById("file");
    var max=+text.dataset.max,form=text.form,go=document.getElementById("go");
    function update(){
    var n=text.value.length,bytes=new Blob([text.value]).size,f=file.files&&file.files[0];
    if(f){count.textContent="将审查文件 "+f.name+"（"+Math.ceil(f.size/1024)+" KB），不审查上面的文本";count.classList.toggle("over",f.size>max);return;}
    count.textContent=n?n+" 字":"";
    count.classList.toggle("over",bytes>max);
    if(bytes>max)count.textContent+="，超过上限 "+Math.round(max/1048576*10)/10+" MB";
    }
    text.addEventListener("input",update);file.addEventListener("change",update);update();
    form.addEventListener("submit",function(){setTimeout(function(){go.disabled=true;go.textContent="审查中…";},0);});
    window.addEventListener("pageshow",function(){go.disabled=false;go.textContent="开始审查";});
    })();
    """
}
