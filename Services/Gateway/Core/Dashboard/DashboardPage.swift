import Foundation
import Schema

/// The dashboard's HTML: progress bars and a per-state chart as CSS bars, no JavaScript.
enum DashboardPage {
    static let title = "송달 운영 대시보드"

    static func login(error: Bool) -> String {
        let message: HTML = error ? "<p class=\"error\" role=\"alert\">운영자 또는 감사자 키가 올바르지 않습니다.</p>" : ""
        return PageLayout.page(title: title, body: """
        <h1>운영자 로그인</h1>\(message)
        <div class="card"><form method="post" action="/dashboard/login">
        <label for="key">API 키</label><input type="password" id="key" name="key" autocomplete="off" required>
        <button type="submit">로그인</button></form></div>
        """)
    }

    static func render(_ snapshot: DashboardSnapshot) -> String {
        PageLayout.page(title: title, body: """
        <h1>\(title)</h1>
        <form method="post" action="/dashboard/logout"><button type="submit">로그아웃</button></form>
        \(alarms(snapshot.alarms))
        \(health(snapshot.health))
        \(campaigns(snapshot.campaigns))
        \(providers(snapshot.providers))
        \(queues(snapshot.queues))
        \(invoices(snapshot.invoices))
        """)
    }

    static func alarms(_ alarms: [String]) -> HTML {
        guard !alarms.isEmpty else { return "" }
        let items = alarms.map { "<li>\($0)</li>" as HTML }
        return "<section class=\"card alarm\" role=\"alert\"><h2>경보</h2><ul>\(items.joined())</ul></section>"
    }

    static func health(_ report: HealthProbe.Report) -> HTML {
        let rows = report.services.keys.sorted().map { name -> HTML in
            let service = report.services[name]
            let state = service?.status ?? "down"
            return "<tr><td>\(name)</td><td class=\"\(state == "ok" ? "up" : "down")\">\(state)</td><td>\(service?.milliseconds ?? 0) ms</td></tr>"
        }
        return "<section class=\"card\"><h2>서비스 상태</h2><p>버스: \(report.bus)</p><table>\(rows.joined())</table></section>"
    }

    static func campaigns(_ rows: [DashboardSnapshot.CampaignRow]) -> HTML {
        guard !rows.isEmpty else { return "<section class=\"card\"><h2>캠페인</h2><p class=\"muted\">이 게이트웨이로 시작된 캠페인이 없습니다.</p></section>" }
        let items = rows.map { row -> HTML in
            guard let progress = row.progress else {
                return "<div><h3>\(row.name)</h3><p class=\"muted\">\(row.institution) · 진행 상황을 불러오지 못했습니다.</p></div>"
            }
            let total = max(progress.accepted, 1)
            let done = NoticeState.allCases.filter(\.isFinal).reduce(0) { $0 + progress.count($1) }
            let percent = min(100, done * 100 / total)
            let chart = NoticeState.allCases.map { state -> HTML in
                let count = progress.count(state)
                let width = count * 100 / total
                return "<tr><td>\(state.rawValue)</td><td style=\"width:60%\"><div class=\"bar\"><span style=\"width:\(width)%\"></span></div></td><td>\(count)</td></tr>"
            }
            return """
            <div><h3>\(row.name) <span class="muted">(\(progress.state.rawValue))</span></h3>
            <p class="muted">\(row.institution) · 읽은 행 \(progress.rowsRead) · 접수 \(progress.accepted) · 오류 행 \(progress.badRowCount)</p>
            <div class="bar" role="progressbar" aria-valuenow="\(percent)" aria-valuemin="0" aria-valuemax="100"><span style="width:\(percent)%"></span></div>
            <p class="muted">완료 \(percent)%</p><table>\(chart.joined())</table></div>
            """
        }
        return "<section class=\"card\"><h2>캠페인</h2>\(items.joined())</section>"
    }

    static func providers(_ report: ProviderHealthReport?) -> HTML {
        guard let report else { return "<section class=\"card\"><h2>발송 채널</h2><p class=\"muted\">알림 서비스가 응답하지 않습니다.</p></section>" }
        let rows = report.providers.map { provider -> HTML in
            let channels = provider.channels.map(\.rawValue).joined(separator: ", ")
            let state: HTML = provider.up ? "<span class=\"up\">정상</span>" : "<span class=\"down\">중단</span>"
            return "<tr><td>\(provider.name)</td><td>\(channels)</td><td>\(state)</td><td>\(provider.totalSent)</td><td>\(provider.totalErrors)</td><td>\(provider.lastSwitch?.reason ?? "")</td></tr>"
        }
        return """
        <section class="card"><h2>발송 채널</h2><table><tr><th>이름</th><th>채널</th><th>상태</th><th>발송</th><th>오류</th><th>최근 전환</th></tr>\(rows.joined())</table></section>
        """
    }

    static func queues(_ rows: [DashboardSnapshot.QueueRow]) -> HTML {
        let body = rows.map { "<tr><td>\($0.service)</td><td>\($0.outbox)</td><td>\($0.deadLetters)</td></tr>" as HTML }
        return """
        <section class="card"><h2>전송 대기열과 실패 메시지</h2>
        <table><tr><th>대상 서비스</th><th>대기(outbox)</th><th>실패(dead letter)</th></tr>\(body.joined())</table>
        <p class="muted">게이트웨이가 각 서비스로 보낸 메시지 기준입니다. 서비스 사이의 대기열은 각 서비스 저장소에 있으며 아직 버스 조회가 없습니다.</p></section>
        """
    }

    static func invoices(_ rows: [DashboardSnapshot.InvoiceRow]) -> HTML {
        let body = rows.map { row -> HTML in
            guard let invoice = row.invoice else { return "<tr><td>\(row.institution)</td><td>\(row.month)</td><td colspan=\"2\" class=\"muted\">없음</td></tr>" }
            return "<tr><td>\(row.institution)</td><td>\(row.month)</td><td>\(invoice.status.rawValue)</td><td>\(invoice.total.formatted())원</td></tr>"
        }
        return "<section class=\"card\"><h2>최근 청구서</h2><table><tr><th>기관</th><th>월</th><th>상태</th><th>합계</th></tr>\(body.joined())</table></section>"
    }
}
