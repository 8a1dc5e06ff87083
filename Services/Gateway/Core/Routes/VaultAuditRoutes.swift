import Foundation
import Hummingbird
import Schema

/// The vault's own checks over HTTP (issue 19): the store audit and the flagged documents for
/// oversight (operator or auditor keys), one document's audit for its owner (or an operator).
/// The audit re-hashes every blob and recomputes the tree: it can take seconds on a big store,
/// so it gets a longer bus deadline than ordinary requests.
struct VaultAuditRoutes {
    let dependencies: GatewayDependencies

    /// Bus deadline of an audit: ten times the usual one, at least two minutes.
    var auditTimeoutMilliseconds: Int { max(dependencies.configuration.busTimeoutMilliseconds * 10, 120_000) }

    /// One document's audit and the findings recorded against it.
    struct DocumentAudit: Codable, Sendable {
        var documentId: String
        /// No problem now and never flagged.
        var clean: Bool
        var audit: VaultAuditReport
        /// Findings recorded when an issuance or destruction was refused (oldest first).
        var integrityFindings: [IntegrityFlag]
    }

    /// A whole number from the query string, or `default` when absent (required when nil).
    static func integer(_ text: String?, field: String, default fallback: Int?, range: ClosedRange<Int>) throws -> Int {
        guard let text else {
            guard let fallback else { throw Problem.invalid("missing_field", "\(field) is required (query parameter)", field: field) }
            return fallback
        }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalid("invalid_field", "\(field) must be a whole number in \(range.lowerBound)…\(range.upperBound)", field: field)
        }
        return value
    }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        let timeout = auditTimeoutMilliseconds
        routes.add(.get, "/v1/vault/audit", .oversight) { _, _ in
            try Responses.json(try await dependencies.ask(VerifyVault(), timeoutMilliseconds: timeout))
        }
        routes.add(.get, "/v1/vault/integrity", .oversight) { request, _ in
            var limit = 50
            if let text = request.uri.queryParameters.get("limit") {
                guard let value = Int(text), (1...1_000).contains(value) else {
                    throw Problem.invalid("invalid_field", "limit must be 1…1000", field: "limit")
                }
                limit = value
            }
            return try Responses.json(try await dependencies.ask(VaultIntegrityQuery(limit: limit)))
        }
        // Hashes and sizes only (VA-4): open, like the keys, so anyone can follow the log.
        routes.add(.get, "/v1/vault/checkpoints", .open) { request, _ in
            let query = request.uri.queryParameters
            let from = try Self.integer(query.get("fromSize"), field: "fromSize", default: 0, range: 0...Int(Int32.max))
            let limit = try Self.integer(query.get("limit"), field: "limit", default: 100, range: 1...1_000)
            return try Responses.json(try await dependencies.ask(VaultCheckpointsQuery(fromSize: from, limit: limit)))
        }
        routes.add(.get, "/v1/vault/consistency", .open) { request, _ in
            let query = request.uri.queryParameters
            let first = try Self.integer(query.get("first"), field: "first", default: nil, range: 0...Int(Int32.max))
            let second = try Self.integer(query.get("second"), field: "second", default: nil, range: 0...Int(Int32.max))
            return try Responses.json(try await dependencies.ask(VaultConsistencyQuery(first: first, second: second)))
        }
        routes.add(.get, "/v1/documents/{id}/audit", .institutionOrOperator) { _, context in
            let id = try context.parameter("id")
            if let institution = try context.caller().institution {
                // Only the owner: a foreign or unknown document answers 404 alike.
                let metadata = try await dependencies.ask(DocumentMetadataQuery(documentId: id, reader: .institution(institution)))
                guard metadata.institution == institution else { throw Problem.notFound("document") }
            }
            async let audit = dependencies.ask(VerifyVault(documentId: id), timeoutMilliseconds: timeout)
            async let flags = dependencies.ask(VaultIntegrityQuery(documentId: id, limit: 1_000))
            let (report, findings) = try await (audit, flags)
            return try Responses.json(DocumentAudit(documentId: id, clean: report.isClean && findings.findings.isEmpty,
                                                    audit: report, integrityFindings: findings.findings))
        }
    }
}
