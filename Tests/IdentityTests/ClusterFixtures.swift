import Bus
import Foundation
import IdentityCore
import Logging
import Schema
import SongdalTesting
import Synchronization

/// The notifier as identity's caller: no handlers, only requests.
let notifierMember = ClusterMember(service: "notifier", registry: MessageRegistry(IdentityContract.messageTypes)) { _ in [] }

/// Every line the identity service logged, rendered with its metadata.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = metadata.merging(extra ?? [:]) { $1 }
            let rendered = "\(level) \(message) " + all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            capture.lines.withLock { $0.append(rendered) }
        }
    }
}

/// The identity service exactly as it ships, with its logger replaced by `capture`.
func identityMember(capture: LogCapture) -> ClusterMember {
    ClusterMember(service: IdentityService.name, migrations: IdentityService.migrations, registry: IdentityService.registry) { env in
        let logger = Logger(label: "identity") { _ in LogCapture.Handler(capture: capture) }
        return try await IdentityService.build(ServiceEnvironment(
            endpoint: env.endpoint, store: env.store, clock: env.clock, calendar: env.calendar, logger: logger,
            directory: env.directory, settings: env.settings))
    }
}

/// Writes a sync file into the cluster's folder.
func syncFile(_ cluster: TestCluster, _ lines: [String]) throws -> URL {
    let url = cluster.directory.appendingPathComponent("sync-\(UUID().uuidString).csv")
    try Data(([header] + lines).joined(separator: "\n").utf8).write(to: url)
    return url
}

/// Imports over the bus and waits for the job's report.
func importOverBus(_ client: BusEndpoint, _ url: URL, mode: SyncMode = .incremental, carrier: Carrier? = nil) async throws -> ImportReport {
    let job = try await client.request(ImportDirectoryFile(path: url.path, mode: mode, carrier: carrier), timeoutMilliseconds: 10_000)
    _ = try await eventually {
        let state = try await client.request(ImportStatus(jobId: job.jobId)).state
        return state == .finished || state == .failed
    }
    return try await client.request(ImportStatus(jobId: job.jobId))
}
