import Foundation
import Schema

/// `/healthz`: the bus connection, then one cheap query per service with a short deadline, all
/// at once. Any answer — even a typed refusal — proves the service is up; only silence or an
/// unroutable destination counts as down.
struct HealthProbe {
    static let services = ["identity", "vault", "notifier", "billing", "reminder"]
    let dependencies: GatewayDependencies

    struct ServiceHealth: Codable, Sendable {
        var status: String
        var milliseconds: Int
        var detail: String?
    }

    struct Report: Codable, Sendable {
        var status: String
        var bus: String
        var services: [String: ServiceHealth]
    }

    func run() async -> Report {
        let timeout = dependencies.configuration.healthTimeoutMilliseconds
        let results = await withTaskGroup(of: (String, ServiceHealth).self) { group in
            for service in Self.services {
                group.addTask { (service, await probe(service, timeout: timeout)) }
            }
            var all: [String: ServiceHealth] = [:]
            for await (name, health) in group { all[name] = health }
            return all
        }
        let bus = dependencies.endpoint.isConnected ? "ok" : "down"
        let healthy = bus == "ok" && results.values.allSatisfy { $0.status == "ok" }
        return Report(status: healthy ? "ok" : "degraded", bus: bus, services: results)
    }

    private func probe(_ service: String, timeout: Int) async -> ServiceHealth {
        let started = ContinuousClock.now
        func elapsed() -> Int {
            let duration = ContinuousClock.now - started
            return Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
        do {
            switch service {
            case "identity": _ = try await dependencies.ask(ImportStatus(jobId: "healthz"), timeoutMilliseconds: timeout)
            case "vault": _ = try await dependencies.ask(VaultKeyHistoryQuery(), timeoutMilliseconds: timeout)
            case "billing": _ = try await dependencies.ask(MileageQuery(institution: "healthz", historyLimit: 0), timeoutMilliseconds: timeout)
            case "reminder": _ = try await dependencies.ask(PreviewReminders(asOf: "healthz"), timeoutMilliseconds: timeout)
            default: try await NotifierBinding.probe(dependencies, timeoutMilliseconds: timeout)
            }
            return ServiceHealth(status: "ok", milliseconds: elapsed(), detail: nil)
        } catch BusError.rejected {
            return ServiceHealth(status: "ok", milliseconds: elapsed(), detail: nil)
        } catch let error as BusError {
            return ServiceHealth(status: "down", milliseconds: elapsed(), detail: error.errorReply.code.rawValue)
        } catch {
            return ServiceHealth(status: "down", milliseconds: elapsed(), detail: "error")
        }
    }
}
