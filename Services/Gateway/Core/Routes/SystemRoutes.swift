import Foundation
import GRDB
import Hummingbird
import Schema

/// Health, metrics, the OpenAPI document, and public certificate verification.
struct SystemRoutes {
    let dependencies: GatewayDependencies

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.get, "/healthz", .open) { _, _ in
            let report = await HealthProbe(dependencies: dependencies).run()
            return try Responses.json(report, status: report.status == "ok" ? .ok : .serviceUnavailable)
        }
        routes.add(.get, "/metrics", .open) { _, _ in
            try await refreshGauges()
            return Responses.bytes(dependencies.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        routes.add(.get, "/openapi.yaml", .open) { _, _ in
            Responses.text(OpenAPIDocument.yaml, contentType: "application/yaml; charset=utf-8")
        }
        routes.add(.get, "/v1/certificates/{serial}/verification", .open) { request, context in
            let serial = try context.parameter("serial")
            guard serial.count <= 128, serial.allSatisfy(\.isHexDigit) else {
                throw Problem.invalid(.invalidSerial, "a certificate serial is hexadecimal", field: "serial")
            }
            // A sandbox certificate fails ("sandbox certificate: not valid as evidence") unless
            // `?allowSandbox=true` asks to check it as a sandbox certificate.
            let allowSandbox = request.uri.queryParameters.get("allowSandbox").map { $0 == "true" || $0 == "1" } ?? false
            return try Responses.json(try await dependencies.ask(VerifyCertificate(serial: serial, allowSandbox: allowSandbox)))
        }
        routes.add(.get, "/v1/vault/keys", .open) { _, _ in
            try Responses.json(try await dependencies.ask(VaultKeyHistoryQuery()))
        }

        /// Outbox depth and dead letters of the gateway's own store, per destination service.
        /// (Other services' queues live in their own stores; no bus query exposes them yet.)
        @Sendable func refreshGauges() async throws {
            let (depths, dead) = try await dependencies.store.pool.read { db in
                (try Row.fetchAll(db, sql: "SELECT destination, COUNT(*) AS n FROM bus_outbox GROUP BY destination"),
                 try Row.fetchAll(db, sql: "SELECT destination, COUNT(*) AS n FROM bus_dead_letter GROUP BY destination"))
            }
            for service in HealthProbe.services {
                let depth: Int = depths.first { ($0["destination"] as String?) == service }?["n"] ?? 0
                let letters: Int = dead.first { ($0["destination"] as String?) == service }?["n"] ?? 0
                dependencies.metrics.set(gauge: "songdal_gateway_outbox_depth", labels: [("service", service)], to: Double(depth))
                dependencies.metrics.set(gauge: "songdal_gateway_dead_letters", labels: [("service", service)], to: Double(letters))
            }
            dependencies.metrics.set(gauge: "songdal_gateway_bus_connected", labels: [],
                                     to: dependencies.endpoint.isConnected ? 1 : 0)
            // Documents the vault flagged because issuing was refused (issue 19); left as it was
            // when the vault does not answer within a quarter second.
            if let integrity = try? await dependencies.ask(VaultIntegrityQuery(limit: 1), timeoutMilliseconds: 250) {
                dependencies.metrics.set(gauge: "songdal_vault_flagged_documents", labels: [], to: Double(integrity.flaggedDocuments))
            }
        }
    }
}
