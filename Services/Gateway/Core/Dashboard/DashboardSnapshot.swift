import Foundation
import GRDB
import Runtime
import Schema

/// What the dashboard shows, gathered at once; a service that does not answer leaves its panel
/// empty with a note instead of failing the page.
struct DashboardSnapshot: Sendable {
    struct CampaignRow: Sendable { var institution: String; var name: String; var progress: CampaignProgress? }
    struct QueueRow: Sendable { var service: String; var outbox: Int; var deadLetters: Int }
    struct InvoiceRow: Sendable { var institution: String; var month: String; var invoice: Invoice? }

    /// Operator alarms that need no service to answer (e.g. the holiday calendar running out).
    var alarms: [String]
    var health: HealthProbe.Report
    var providers: ProviderHealthReport?
    var campaigns: [CampaignRow]
    var queues: [QueueRow]
    var invoices: [InvoiceRow]

    static func gather(_ dependencies: GatewayDependencies) async -> DashboardSnapshot {
        async let health = HealthProbe(dependencies: dependencies).run()
        async let providers = try? dependencies.ask(ProviderHealthQuery(), timeoutMilliseconds: 1_000)
        async let campaigns = campaigns(dependencies)
        async let invoices = invoices(dependencies)
        async let integrity = try? dependencies.ask(VaultIntegrityQuery(limit: 3), timeoutMilliseconds: 1_000)
        let queues = (try? await queues(dependencies)) ?? []
        return await DashboardSnapshot(
            alarms: alarms(dependencies) + integrityAlarms(integrity), health: health, providers: providers, campaigns: campaigns, queues: queues,
            invoices: invoices)
    }

    /// Alarms the gateway can tell by itself: a holiday calendar that lacks next year within 90
    /// days of year end (the operator alarm of the calendar rules).
    static func alarms(_ dependencies: GatewayDependencies) -> [String] {
        guard let warning = dependencies.calendar.coverageWarning(at: dependencies.clock.now) else { return [] }
        return ["공휴일 달력에 \(warning.missingYear)년이 없습니다 (\(warning.daysLeft)일 남음): "
                + "holidays-kr.json에 추가하고(make holidays) 서비스를 다시 시작하세요."]
    }

    /// Documents the vault flagged because issuing was refused (issue 19): stored bytes or rows
    /// no longer match their evidence.
    static func integrityAlarms(_ report: VaultIntegrityReport?) -> [String] {
        guard let report, report.flaggedDocuments > 0 else { return [] }
        let recent = report.findings.map { "\($0.documentId) (\($0.code), \($0.operation))" }.joined(separator: ", ")
        return ["문서 무결성 경보: 저장본이나 기록이 증거와 달라 증명서 발급이 거부된 문서 \(report.flaggedDocuments)건 — 최근: \(recent). "
                + "songdal audit store 또는 GET /v1/vault/integrity로 확인하세요."]
    }

    private static func campaigns(_ dependencies: GatewayDependencies) async -> [CampaignRow] {
        let rows = (try? await dependencies.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, institution, name FROM campaign ORDER BY created_at DESC LIMIT 20")
        }) ?? []
        return await withTaskGroup(of: (Int, CampaignRow).self) { group in
            for (index, row) in rows.enumerated() {
                let id: String = row["id"], institution: String = row["institution"], name: String = row["name"]
                group.addTask {
                    let progress = try? await dependencies.ask(
                        CampaignProgressQuery(campaignId: id, institution: institution, badRowLimit: 0), timeoutMilliseconds: 1_000)
                    return (index, CampaignRow(institution: institution, name: name, progress: progress))
                }
            }
            var all: [(Int, CampaignRow)] = []
            for await entry in group { all.append(entry) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The gateway's own outbox and dead letters per destination service. Other services keep
    /// theirs in their own stores and no bus query exposes them yet.
    private static func queues(_ dependencies: GatewayDependencies) async throws -> [QueueRow] {
        try await dependencies.store.pool.read { db in
            try HealthProbe.services.map { service in
                QueueRow(service: service,
                         outbox: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bus_outbox WHERE destination = ?", arguments: [service]) ?? 0,
                         deadLetters: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bus_dead_letter WHERE destination = ?", arguments: [service]) ?? 0)
            }
        }
    }

    /// Last month's invoice (KST) of every institution that has a key here, at most 20.
    private static func invoices(_ dependencies: GatewayDependencies) async -> [InvoiceRow] {
        let today = KST.localDate(of: dependencies.clock.now)
        let month = today.month == 1 ? "\(today.year - 1)-12" : "\(today.year)-\(today.month - 1 < 10 ? "0" : "")\(today.month - 1)"
        let institutions = (try? await dependencies.store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT institution FROM api_key WHERE institution IS NOT NULL AND revoked_at IS NULL ORDER BY institution LIMIT 20
                """)
        }) ?? []
        return await withTaskGroup(of: InvoiceRow.self) { group in
            for institution in institutions {
                group.addTask {
                    let reply = try? await dependencies.ask(InvoiceQuery(institution: institution, month: month, format: .json),
                                                            timeoutMilliseconds: 1_000)
                    return InvoiceRow(institution: institution, month: month, invoice: reply?.invoice)
                }
            }
            var all: [InvoiceRow] = []
            for await row in group { all.append(row) }
            return all.sorted { $0.institution < $1.institution }
        }
    }
}
