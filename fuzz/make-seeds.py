#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target into fuzz/seeds/<target>/ (committed; run again only to
change it). Small inputs of each kind a target should get past its first checks with."""
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACT = "第一条 服务内容\n本店提供健身服务。\n第二条 退款\n一、会员卡一经售出，概不退款。\n（一）本店保留最终解释权！\n1.1 争议由本店所在地法院管辖。"


def write(target, name, data):
    folder = os.path.join(HERE, "seeds", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def docx(body_xml):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                   + body_xml + "</w:body></w:document>")
    return out.getvalue()


write("decode", "utf8.txt", CONTRACT)
write("decode", "gbk.txt", CONTRACT.encode("gbk"))
write("decode", "big5.txt", "第一條 本店保留最終解釋權。".encode("big5"))
write("decode", "utf16le-bom.txt", b"\xff\xfe" + CONTRACT.encode("utf-16-le"))
write("decode", "gb18030.txt", CONTRACT.encode("gb18030"))
write("decode", "binary.bin", bytes(range(256)))

write("html", "basic.html", "<html><head><style>p{}</style><script>var a='<p>';</script></head><body><h1>协议</h1>"
      "<p>本店<b>保留</b>最终<u>解释权</u>&nbsp;&amp;&#x4E00;&#19968;</p><div><span style=\"font-weight:bold\">概不退款</span></div>"
      "<!-- 注释 --><table><tr><td>第一条</td></tr></table><br/><p>第二条<p>未闭合</body></html>")
write("html", "nested.html", "<div>" * 40 + "深层" + "</div>" * 40)
write("html", "broken.html", "<p <b>不完整<a href='x>链接</a><![CDATA[x]]><?php ?></")

write("docx", "minimal.docx", docx('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>本店保留最终解释权。</w:t></w:r></w:p>'
                                  '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">概不 退款</w:t></w:r><w:r><w:tab/><w:br/><w:t>第二条</w:t></w:r></w:p>'))
write("docx", "table.docx", docx('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>第一条</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'))

write("normalize", "mixed.txt", "計畫乾坤 ＡＢＣ１２３（）：！？㍻①ﬁ \u200b\u00ad最 终 解 释 权“」【】〈〉e\u0301😀𠮷\r\n\u3000乾")
write("normalize", "contract.txt", CONTRACT)

write("segment", "contract.txt", CONTRACT)
write("segment", "styles.txt", "一、总则\n（一）定义\n1. 会员\n1.1 会员卡\n(1) 年卡\n①次卡\n第一章 总则\n第一节 范围\n第十二条 附则。结束！")

write("rules", "rule.yml", """rules:
  - id: fuzz.final-right
    category: C5
    severity: error
    title: 最终解释权
    message: 经营者不能自己说了算。
    legal_basis:
      - 民法典（2020）第四百九十八条
    suggestion: 删除该条款。
    patterns:
      - '最终解释权'
      - '{{biz}}{{c}}{0,6}(?<hit>保留.{0,4}解释权)'
    unless:
      - '不得'
    examples:
      triggering:
        - 本活动【本店保留最终解释权】。
      non_triggering:
        - 经营者不得规定其享有最终解释权。
""")

# The whole road: a contract with a header naming the parties and figures, and the same hard-wrapped
# at a fixed width, as a PDF copy is.
AUDIT = ("甲方（经营者）：某某健身有限公司\n乙方（消费者）：张三\n" + CONTRACT
         + "\n第三条 乙方逾期付款的，每日按应付款的0.5%支付违约金；乙方签约时支付定金２０００元，总价款5000元。"
         + "\n第四条 乙方中途退卡的，按剩余费用的30%退还。")
write("audit", "contract.txt", AUDIT)
flat = AUDIT.replace("\n", "")
write("audit", "hard-wrapped.txt", "\n".join(flat[i:i + 17] for i in range(0, len(flat), 17)))
write("audit", "traditional-gb18030.txt", "第一條 本店保留最終解釋權。會員卡一經售出，概不退款。".encode("gb18030"))
write("audit", "page.html", "<p>本店<b>保留</b>最终解释权&#12290;</p><p>定金&#50;000元</p>")

write("prefilter", "alternation", "(?:本公司|本店)(?:[^。]){0,6}?(?<hit>保留.{0,4}解释权)\0本店保留最终解释权。本公司也保留解释权")
write("prefilter", "lookaround", "(?<!不)概不(?:退款|负责)(?![换货])\0不概不退款，概不负责，概不退换")
write("prefilter", "unbounded", "\\d+元(?:的)?定金\0支付5000元定金，或1000元的定金")
write("prefilter", "second", "有权[^。;]{0,8}(?:修改|变更)[^。]{0,20}?(?:通知|告知)\0本公司有权随时修改本协议，无需另行通知。")
