/// The shared page frame: Korean, mobile-first, readable without JavaScript (there is none), a
/// fixed title that never carries personal data.
enum PageLayout {
    static func page(title: String, body: HTML) -> String {
        let page: HTML = """
        <!doctype html>
        <html lang="ko">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(title)</title>
        <style>\(style)</style>
        </head>
        <body><main>
        \(body)
        </main></body>
        </html>
        """
        return page.raw
    }

    static let style = HTML(trusted: """
        body{margin:0;font-family:-apple-system,"Apple SD Gothic Neo","Noto Sans KR","Malgun Gothic",sans-serif;\
        background:#f4f6f8;color:#1b1f24;line-height:1.6;font-size:17px}
        main{max-width:40rem;margin:0 auto;padding:1.25rem}
        h1{font-size:1.35rem;margin:.5rem 0 1rem}
        .card{background:#fff;border-radius:12px;padding:1.1rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        .muted{color:#5b6470;font-size:.92rem;overflow-wrap:anywhere}
        .error{background:#fdecea;color:#8a1c12;border-radius:8px;padding:.75rem}
        .ok{background:#e8f5e9;color:#1b5e20;border-radius:8px;padding:.75rem}
        button,.button{display:block;width:100%;box-sizing:border-box;padding:.9rem;border:0;border-radius:10px;\
        background:#1a56db;color:#fff;font-size:1.05rem;text-align:center;text-decoration:none;margin-top:.75rem}
        input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.8rem;font-size:1.3rem;\
        border:1px solid #c4cad3;border-radius:10px;letter-spacing:.2em}
        .terms{max-height:16rem;overflow:auto;white-space:pre-wrap;background:#fafbfc;border:1px solid #e3e6ea;\
        border-radius:8px;padding:.75rem;font-size:.92rem}
        object,img.doc{width:100%;min-height:70vh;border:0}
        img.doc{min-height:0;height:auto}
        table{width:100%;border-collapse:collapse;font-size:.92rem}
        td,th{padding:.35rem;border-bottom:1px solid #e3e6ea;text-align:left}
        .bar{background:#e3e6ea;border-radius:6px;height:.8rem;overflow:hidden}
        .bar span{display:block;height:100%;background:#1a56db}
        .up{color:#1b5e20}.down{color:#8a1c12}
        """)
}
